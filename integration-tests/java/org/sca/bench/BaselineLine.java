package org.sca.bench;

import java.util.List;
import java.util.Queue;
import org.sca.it.SipMessage;
import org.sca.it.TestPhone.Request;

/**
 * The baseline cycle: the same five steps, devices, wire and measurement as {@link ScaLine},
 * against {@link Reflector}, a server that does the least an SCA server must per state change:
 * answer the triggering request and NOTIFY both phones. What the SCA cycle costs beyond this
 * is the SIP container, the B2BUA's legs and the line logic.
 */
final class BaselineLine extends BenchLine {

    private static final int ANSWERED = 1;

    private final Device pbx;
    private final CallRouter router;
    private long requests;
    private String callId;

    BaselineLine(String user, List<Device> phones, Queue<BenchLine> free, Device pbx, CallRouter router) {
        super(user, phones, free);
        this.pbx = pbx;
        this.router = router;
    }

    @Override
    int expectations(Step step) {
        return ANSWERED;
    }

    @Override
    void trigger(Step step) {
        Device from = switch (step) {
            case ALERTING -> pbx;
            case ANSWERED, HELD -> phones.get(0);
            case RETRIEVED, IDLE -> phones.get(1);
        };
        callId = "base-" + user + "-" + (++requests) + "@bench";
        router.route(callId, this);
        from.send(new Request("OPTIONS", "sip:" + user + "@127.0.0.1")
                .header("Via", from.via())
                .header("From", from.contact() + ";tag=" + from.tag())
                .header("To", "<sip:" + user + "@127.0.0.1>")
                .header("Call-ID", callId)
                .header("CSeq", "1 OPTIONS")
                .header("Max-Forwards", "70")
                .header(Reflector.NOTIFY_PORTS, phones.get(0).port.number + "," + phones.get(1).port.number)
                .header(Reflector.STATE, step.state));
    }

    @Override
    public void onResponse(Device device, SipMessage response, long arrivedNanos) {
        router.forget(response.callId());
        if (response.callId().equals(callId) && response.status() == 200) {
            met(ANSWERED);
        }
    }

    @Override
    void onCallRequest(Device device, SipMessage request, long arrivedNanos) {
        if (!request.method().equals("ACK")) {
            device.reply(request, 405, "Method Not Allowed", null);
        }
    }

    @Override
    boolean notifiedOutsideCycle(Device phone, SipMessage notify) {
        // The reflector keeps no subscriptions: it NOTIFYs only within a cycle.
        return false;
    }
}
