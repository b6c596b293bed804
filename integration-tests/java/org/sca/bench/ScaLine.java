package org.sca.bench;

import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import org.sca.it.Sdp;
import org.sca.it.SipMessage;

/**
 * A line of the SCA server with its phones, driving the cycle the way {@code CallIT} does, on
 * a line whose trusted network lets phones in without digest: the PBX's INVITE rings phones A
 * and B (180 from both), A answers (B is CANCELled), A holds, B retrieves the held call
 * (the server bridges it to the PBX and BYEs A), B hangs up (the server BYEs the PBX).
 */
final class ScaLine extends BenchLine {

    private static final int RANG_A = 1;
    private static final int RANG_B = 1 << 1;
    private static final int PBX_ANSWERED = 1 << 2;
    private static final int ACK_AT_A = 1 << 3;
    private static final int CANCEL_AT_B = 1 << 4;
    private static final int HOLD_ANSWERED = 1 << 5;
    private static final int RETRIEVE_ANSWERED = 1 << 6;
    private static final int BYE_AT_A = 1 << 7;
    private static final int BYE_ANSWERED = 1 << 8;
    private static final int BYE_AT_PBX = 1 << 9;
    /** Registrations and subscriptions outlive the longest benchmark run. */
    private static final String EXPIRES = "3600";

    private final Device pbx;
    private final CallRouter router;
    private final int sipPort;
    private final Set<Device> subscribed = new HashSet<>();
    private long cycles;
    private Device.Request pbxInvite;
    private SipMessage atA;
    private SipMessage atB;
    private Device.Request hold;
    private Device.Request retrieve;
    private SipMessage retrieved;
    private long pbxSdpVersion;

    ScaLine(String user, List<Device> phones, Queue<BenchLine> free, Device pbx, CallRouter router, int sipPort) {
        super(user, phones, free);
        this.pbx = pbx;
        this.router = router;
        this.sipPort = sipPort;
    }

    private String aor() {
        return "sip:" + user + "@127.0.0.1";
    }

    private Device a() {
        return phones.get(0);
    }

    private Device b() {
        return phones.get(1);
    }

    /** Registers every phone; each subscribes to call-info once registered. */
    void setUp() {
        for (Device phone : phones) {
            phone.send(outOfDialog(phone, "REGISTER", aor(), "reg").header("Expires", EXPIRES));
        }
    }

    boolean isSetUp() {
        return subscribed.size() == phones.size();
    }

    private Device.Request outOfDialog(Device phone, String method, String uri, String purpose) {
        return new Device.Request(method, uri)
                .header("Via", phone.via())
                .header("From", "<" + aor() + ">;tag=" + purpose + phone.port.number + "-" + cycles)
                .header("To", "<" + aor() + ">")
                .header("Call-ID", purpose + "-" + phone.port.number + "-" + cycles + "@bench")
                .header("CSeq", "1 " + method)
                .header("Max-Forwards", "70")
                .header("Contact", phone.contact());
    }

    @Override
    void notifiedOutsideCycle(Device phone, String state) {
        if (state.equals("idle")) {
            subscribed.add(phone);
        }
    }

    @Override
    int expectations(Step step) {
        return switch (step) {
            case ALERTING -> RANG_A | RANG_B;
            case ANSWERED -> PBX_ANSWERED | ACK_AT_A | CANCEL_AT_B;
            case HELD -> HOLD_ANSWERED;
            case RETRIEVED -> RETRIEVE_ANSWERED | BYE_AT_A;
            case IDLE -> BYE_ANSWERED | BYE_AT_PBX;
        };
    }

    @Override
    void trigger(Step step) {
        switch (step) {
            case ALERTING -> {
                cycles++;
                pbxSdpVersion = 1;
                pbxInvite = new Device.Request("INVITE", aor())
                        .header("Via", pbx.via())
                        .header("From", "\"Bench Caller\" <sip:1000@pbx.test>;tag=p" + user + "-" + cycles)
                        .header("To", "<" + aor() + ">")
                        .header("Call-ID", "call-" + user + "-" + cycles + "@pbx.test")
                        .header("CSeq", "1 INVITE")
                        .header("Max-Forwards", "70")
                        .header("Contact", pbx.contact())
                        .sdp(Sdp.of("pbx", 3, pbxSdpVersion, 40000, "sendrecv"));
                router.route(pbxInvite.callId(), this);
                pbx.send(pbxInvite);
            }
            case ANSWERED -> a().reply(atA, 200, "OK", Sdp.of("desk-a", 1, 1, 16000, "sendrecv"));
            case HELD -> {
                hold = new Device.Request("INVITE", uriOf(atA.header("Contact").orElseThrow()))
                        .header("Via", a().via())
                        .header("From", atA.header("To").orElseThrow() + ";tag=" + a().tag())
                        .header("To", atA.header("From").orElseThrow())
                        .header("Call-ID", atA.callId())
                        .header("CSeq", "1 INVITE")
                        .header("Max-Forwards", "70")
                        .header("Contact", a().contact())
                        .sdp(Sdp.of("desk-a", 1, 2, 16000, "sendonly"));
                a().send(hold);
            }
            case RETRIEVED -> {
                retrieve = outOfDialog(b(), "INVITE", "sip:127.0.0.1:" + sipPort, "retrieve")
                        .header("Call-Info", "<sip:127.0.0.1>;appearance-index=1")
                        .sdp(Sdp.of("desk-b", 2, 1, 16002, "sendrecv"));
                b().send(retrieve);
            }
            case IDLE -> b().send(inDialog(b(), retrieve, retrieved, "BYE", 2));
        }
    }

    @Override
    void onCallRequest(Device device, SipMessage request, long arrivedNanos) {
        String method = request.method();
        if (method.equals("ACK")) {
            if (device == a() && busy && step == Step.ANSWERED) {
                met(ACK_AT_A);
            }
            return;
        }
        if (!busy) {
            device.reply(request, method.equals("INVITE") ? 486 : 481, "Not in a benchmark call", null);
            return;
        }
        if (device == pbx) {
            onPbxRequest(request);
        } else if (method.equals("INVITE") && device == a()) {
            atA = request;
            a().reply(request, 180, "Ringing", null);
            met(RANG_A);
        } else if (method.equals("INVITE") && device == b()) {
            atB = request;
            b().reply(request, 180, "Ringing", null);
            met(RANG_B);
        } else if (method.equals("CANCEL") && device == b()) {
            b().reply(request, 200, "OK", null);
            b().reply(atB, 487, "Request Terminated", null);
            met(CANCEL_AT_B);
        } else if (method.equals("BYE") && device == a()) {
            a().reply(request, 200, "OK", null);
            met(BYE_AT_A);
        } else {
            device.reply(request, 200, "OK", null);
            fail("unexpected " + method + " at " + device.port.number);
        }
    }

    /** The server's re-INVITEs (hold, then bridging the retrieving phone) and its BYE. */
    private void onPbxRequest(SipMessage request) {
        switch (request.method()) {
            case "INVITE" -> pbx.reply(request, 200, "OK", Sdp.of("pbx", 3, ++pbxSdpVersion, 40000,
                    request.body().contains("a=sendonly") ? "recvonly" : "sendrecv"));
            case "BYE" -> {
                pbx.reply(request, 200, "OK", null);
                met(BYE_AT_PBX);
            }
            default -> {
                pbx.reply(request, 200, "OK", null);
                fail("unexpected " + request.method() + " at the PBX");
            }
        }
    }

    @Override
    public void onResponse(Device device, SipMessage response, long arrivedNanos) {
        String method = response.cseqMethod();
        if (method.equals("REGISTER") || method.equals("SUBSCRIBE")) {
            onSetUpResponse(device, response);
            return;
        }
        int status = response.status();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            fail(status + " to " + method + " at " + device.port.number);
            return;
        }
        if (device == pbx && method.equals("INVITE")) {
            pbx.send(ack(pbx, pbxInvite, response));
            met(PBX_ANSWERED);
        } else if (device == a() && method.equals("INVITE")) {
            a().send(ack(a(), hold, response));
            met(HOLD_ANSWERED);
        } else if (device == b() && method.equals("INVITE")) {
            retrieved = response;
            b().send(ack(b(), retrieve, response));
            met(RETRIEVE_ANSWERED);
        } else if (device == b() && method.equals("BYE")) {
            met(BYE_ANSWERED);
        }
    }

    @Override
    void forget() {
        if (pbxInvite != null) {
            router.forget(pbxInvite.callId());
        }
    }

    private void onSetUpResponse(Device phone, SipMessage response) {
        if (response.status() != 200) {
            throw new IllegalStateException(response.cseqMethod() + " of " + user + " refused:\n" + response);
        }
        if (response.cseqMethod().equals("REGISTER")) {
            phone.send(outOfDialog(phone, "SUBSCRIBE", aor(), "sub").header("Event", "call-info").header("Expires", EXPIRES));
        }
    }

    /** ACK of a 2xx: a request of the dialog the 2xx established, with the INVITE's CSeq number. */
    private static Device.Request ack(Device device, Device.Request invite, SipMessage ok) {
        return inDialog(device, invite, ok, "ACK", invite.cseq());
    }

    private static Device.Request inDialog(Device device, Device.Request initial, SipMessage ok, String method, long cseq) {
        return new Device.Request(method, uriOf(ok.header("Contact").orElseThrow()))
                .header("Via", device.via())
                .header("From", ok.header("From").orElseThrow())
                .header("To", ok.header("To").orElseThrow())
                .header("Call-ID", initial.callId())
                .header("CSeq", cseq + " " + method)
                .header("Max-Forwards", "70");
    }

    private static String uriOf(String contact) {
        int open = contact.indexOf('<');
        return open < 0 ? contact : contact.substring(open + 1, contact.indexOf('>'));
    }
}
