package org.sca.bench;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sca.it.SipMessage;
import org.sca.it.SipWriter;
import org.sca.it.TestPhone.Request;

/**
 * A simulated SIP device (phone or PBX) on a socket of its own: writes requests and responses
 * as text, and does the UDP transaction work a real device does so that a lost datagram is a
 * retransmission, not a failed call: it retransmits its requests (and its 2xx to an INVITE)
 * until answered (RFC 3261 17.1.1.2, 13.3.1.4), and answers a retransmitted request with the
 * response it gave before instead of handling it twice.
 */
final class Device implements Wire.Receiver {

    /** What the device's owner (a line of the benchmark) does with new messages. */
    interface Handler {
        void onRequest(Device device, SipMessage request, long arrivedNanos);

        void onResponse(Device device, SipMessage response, long arrivedNanos);
    }

    /** RFC 3261 T1; doubled per retransmission. */
    static final long T1_NANOS = 500_000_000L;
    /** Gives up after this many retransmissions, as Timer B would after 64*T1 (the cycle times out first). */
    private static final int MAX_RETRANSMISSIONS = 6;
    /** Recent requests remembered for retransmissions; a device has only a few transactions open. */
    private static final int REMEMBERED_REQUESTS = 64;

    private final Wire wire;
    final Wire.Port port;
    final String user;
    private final InetSocketAddress server;
    Handler handler;
    private long branches;
    /** Request key -> the response sent (null: not answered yet, or an ACK). */
    private final Map<String, String> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    };
    private final Map<String, Outstanding> outstanding = new HashMap<>();
    private static final String AWAITING_ACK = "2xx";

    Device(Wire wire, int localPort, String user, InetSocketAddress server, Handler handler) {
        this.wire = wire;
        this.port = wire.open(localPort, this);
        this.user = user;
        this.server = server;
        this.handler = handler;
    }

    String contact() {
        return "<sip:" + user + "@127.0.0.1:" + port.number + ">";
    }

    String via() {
        return "SIP/2.0/UDP 127.0.0.1:" + port.number + ";branch=z9hG4bK-" + port.number + "-" + (++branches) + ";rport";
    }

    /** Sends a request and retransmits it until a response to it arrives (ACKs are sent once). */
    void send(Request request) {
        String text = request.toString();
        port.send(text, server);
        if (!request.method().equals("ACK")) {
            outstanding.put(transaction(request.callId(), request.cseq(), request.method()), new Outstanding(text, System.nanoTime()));
        }
    }

    /** Answers a request, remembered for its retransmissions; a 2xx to an INVITE is retransmitted until the ACK. */
    void reply(SipMessage request, int status, String reason, String sdp) {
        String text = response(request, status, reason, sdp);
        port.send(text, server);
        answered.put(requestKey(request), text);
        if (status >= 200 && status < 300 && request.method().equals("INVITE")) {
            outstanding.put(transaction(request.callId(), request.cseq(), AWAITING_ACK), new Outstanding(text, System.nanoTime()));
        }
    }

    @Override
    public void receive(SipMessage m, long arrivedNanos) {
        if (m.isResponse()) {
            // Any response ends the retransmissions of its request (a provisional one too, for an INVITE).
            outstanding.remove(transaction(m.callId(), m.cseq(), m.cseqMethod()));
            if (m.status() > 100) {
                handler.onResponse(this, m, arrivedNanos);
            }
            return;
        }
        String key = requestKey(m);
        if (answered.containsKey(key)) {
            String previous = answered.get(key);
            if (previous != null) {
                port.send(previous, server);
            }
            return;
        }
        answered.put(key, null);
        if (m.method().equals("ACK")) {
            outstanding.remove(transaction(m.callId(), m.cseq(), AWAITING_ACK));
        }
        handler.onRequest(this, m, arrivedNanos);
    }

    /** Retransmits what is still unanswered, T1 doubling each time. */
    void retransmit(long now) {
        for (Iterator<Outstanding> it = outstanding.values().iterator(); it.hasNext(); ) {
            Outstanding o = it.next();
            if (now < o.due) {
                continue;
            }
            if (o.attempts == MAX_RETRANSMISSIONS) {
                it.remove();
                continue;
            }
            port.send(o.text, server);
            wire.retransmissions++;
            o.attempts++;
            o.due = now + (T1_NANOS << o.attempts);
        }
    }

    /** Forgets a transaction's retransmissions (the call it belonged to was given up). */
    void forgetAll() {
        outstanding.clear();
    }

    /** Requests this device sent by method; its 2xx to an INVITE apart, since both sides' CSeqs may be equal. */
    private static String transaction(String callId, long cseq, String what) {
        return callId + " " + cseq + " " + what;
    }

    private static String requestKey(SipMessage m) {
        return m.callId() + " " + m.header("CSeq").orElse("");
    }

    /** This device's tag and Contact on a 1xx/2xx; no Contact where the response is not part of a dialog's target refresh. */
    private String response(SipMessage request, int status, String reason, String sdp) {
        boolean refreshesTarget = !request.method().equals("NOTIFY") && !request.method().equals("BYE");
        return SipWriter.response(request, status, reason, tag(), refreshesTarget ? contact() : null, sdp);
    }

    String tag() {
        return "t" + port.number;
    }

    private static final class Outstanding {
        final String text;
        long due;
        int attempts;

        Outstanding(String text, long sentNanos) {
            this.text = text;
            this.due = sentNanos + T1_NANOS;
        }
    }
}
