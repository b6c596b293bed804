package org.sca.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.sca.it.Sdp;
import org.sca.it.SipMessage;
import org.sca.it.SipWriter;
import org.sca.it.TestPhone.Request;

/**
 * A line of the SCA server with its phones, driving the cycle the way {@code CallIT} does:
 * the PBX's INVITE rings phones A and B (180 from both), A answers (B is CANCELled), A holds,
 * B retrieves the held call (the server bridges it to the PBX and BYEs A), B hangs up (the
 * server BYEs the PBX).
 *
 * <p>On a line with digest, as every deployment runs, each request the server challenges
 * (REGISTER, SUBSCRIBE, the retrieve INVITE) goes through the 401 the way a Cisco SPA does:
 * the 401 of an INVITE is ACKed, then the request goes again with the next CSeq and an
 * Authorization. Between cycles a line may be {@link #refresh refreshed}: every phone
 * re-REGISTERs through the challenge and refreshes its subscription in its dialog, and the
 * NOTIFY that answers the refresh must show an idle line.
 */
final class ScaLine extends BenchLine {

    /** Every load line's credentials: its user, this password. */
    static final String PASSWORD = "bench";
    private static final String IDLE_LINE = "<sip:127.0.0.1>;appearance-index=*;appearance-state=idle";
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

    private final Device pbx;
    private final CallRouter router;
    private final int sipPort;
    private final String expires;
    /** Each phone's REGISTER and call-info SUBSCRIBE as last sent, and the 200 that set up the subscription's dialog. */
    private final Map<Device, Request> registers = new HashMap<>();
    private final Map<Device, Request> subscribes = new HashMap<>();
    private final Map<Device, SipMessage> subscriptionDialogs = new HashMap<>();
    private final Set<Device> setUp = new HashSet<>();
    /** The requests the server may challenge, as last sent, by Call-ID. */
    private final Map<String, Request> challengeable = new HashMap<>();
    private int nonceCount;
    private Refresh refresh;
    private long lastRefreshNanos;
    private long cycles;
    private Request pbxInvite;
    private SipMessage atA;
    private SipMessage atB;
    private Request hold;
    private Request retrieve;
    private SipMessage retrieved;
    private long pbxSdpVersion;

    /** A refresh under way: phones yet to re-register, phones yet to be NOTIFYed. */
    private static final class Refresh {
        final StepResults into;
        final long startedNanos = System.nanoTime();
        final Set<Device> registering;
        final Set<Device> notifying;

        Refresh(StepResults into, List<Device> phones) {
            this.into = into;
            this.registering = new HashSet<>(phones);
            this.notifying = new HashSet<>(phones);
        }
    }

    /** @param expires what phones ask for their registrations and subscriptions, seconds */
    ScaLine(String user, List<Device> phones, Queue<BenchLine> free, Device pbx, CallRouter router, int sipPort, int expires) {
        super(user, phones, free);
        this.pbx = pbx;
        this.router = router;
        this.sipPort = sipPort;
        this.expires = Integer.toString(expires);
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
            Request register = outOfDialog(phone, "REGISTER", aor(), "reg").header("Expires", expires);
            registers.put(phone, register);
            sendChallengeable(phone, register);
        }
    }

    boolean isSetUp() {
        return setUp.size() == phones.size();
    }

    /** The line's phones are first due to refresh at {@code firstDueNanos}, then every {@code intervalNanos}. */
    void scheduleRefresh(long firstDueNanos, long intervalNanos) {
        lastRefreshNanos = firstDueNanos - intervalNanos;
    }

    /** Whether the line is free and its phones are due to refresh (half their expiry, as phones do). */
    boolean refreshDue(long now, long intervalNanos) {
        return !busy && refresh == null && now - lastRefreshNanos >= intervalNanos;
    }

    boolean isRefreshing() {
        return refresh != null;
    }

    /** Re-registers every phone and refreshes its subscription; the line is back in the free queue once done. */
    void refresh(StepResults into) {
        refresh = new Refresh(into, phones);
        lastRefreshNanos = refresh.startedNanos;
        into.refreshes++;
        for (Device phone : phones) {
            Request register = registers.get(phone).copy().remove("Authorization").header("Via", phone.via())
                    .header("CSeq", (registers.get(phone).cseq() + 1) + " REGISTER");
            registers.put(phone, register);
            sendChallengeable(phone, register);
            Request previous = subscribes.get(phone);
            SipMessage dialog = subscriptionDialogs.get(phone);
            Request again = new Request("SUBSCRIBE", uriOf(dialog.header("Contact").orElseThrow()))
                    .header("Via", phone.via())
                    .header("From", previous.get("From"))
                    .header("To", dialog.header("To").orElseThrow())
                    .header("Call-ID", previous.callId())
                    .header("CSeq", (previous.cseq() + 1) + " SUBSCRIBE")
                    .header("Max-Forwards", "70")
                    .header("Contact", phone.contact())
                    .header("Event", "call-info")
                    .header("Expires", expires);
            subscribes.put(phone, again);
            phone.send(again);
        }
    }

    private void refreshDone(String failure) {
        Refresh done = refresh;
        refresh = null;
        if (failure == null) {
            free.add(this);
        } else {
            // Like a failed cycle: what the server still holds for the line is unknown.
            done.into.refreshFailures.merge(failure, 1, Integer::sum);
            phones.forEach(Device::forgetAll);
        }
    }

    private Request outOfDialog(Device phone, String method, String uri, String purpose) {
        return new Request(method, uri)
                .header("Via", phone.via())
                .header("From", "<" + aor() + ">;tag=" + purpose + phone.port.number + "-" + cycles)
                .header("To", "<" + aor() + ">")
                .header("Call-ID", purpose + "-" + phone.port.number + "-" + cycles + "@bench")
                .header("CSeq", "1 " + method)
                .header("Max-Forwards", "70")
                .header("Contact", phone.contact());
    }

    private void sendChallengeable(Device phone, Request request) {
        challengeable.put(request.callId(), request);
        phone.send(request);
    }

    /** A 401: ACK it if it answers an INVITE, then send the request again with credentials. */
    private void answerChallenge(Device phone, SipMessage challenge) {
        Request sent = challengeable.get(challenge.callId());
        if (sent != null && challenge.cseq() < sent.cseq()) {
            return; // the server's answer to a retransmission of a request already sent again with credentials
        }
        if (sent == null || sent.cseq() != challenge.cseq()) {
            String why = "401 to a request never sent at " + phone.port.number;
            if (refresh != null) {
                refreshDone(why);
            } else if (busy) {
                fail(why);
            } else {
                throw new IllegalStateException(user + ": " + why + "\n" + challenge);
            }
            return;
        }
        if (sent.method().equals("INVITE")) {
            phone.send(new Request("ACK", sent.uri())
                    .header("Via", sent.get("Via"))
                    .header("From", sent.get("From"))
                    .header("To", challenge.header("To").orElseThrow())
                    .header("Call-ID", sent.callId())
                    .header("CSeq", sent.cseq() + " ACK")
                    .header("Max-Forwards", "70"));
        }
        String cnonce = Integer.toHexString(phone.port.number) + "-" + ++nonceCount;
        Request again = sent.copy()
                .header("Via", phone.via())
                .header("CSeq", (sent.cseq() + 1) + " " + sent.method())
                .header("Authorization", SipWriter.authorization(challenge.headers("WWW-Authenticate").get(0), sent.method(),
                        sent.uri(), user, PASSWORD, nonceCount, cnonce));
        if (sent == retrieve) {
            retrieve = again;
        } else if (sent == registers.get(phone)) {
            registers.put(phone, again);
        } else if (sent == subscribes.get(phone)) {
            subscribes.put(phone, again);
        }
        sendChallengeable(phone, again);
    }

    @Override
    boolean notifiedOutsideCycle(Device phone, SipMessage notify) {
        if (busy) {
            return false;
        }
        String callInfo = String.join(",", notify.elements("Call-Info"));
        if (refresh != null && refresh.notifying.remove(phone)) {
            if (!callInfo.equals(IDLE_LINE)) {
                refresh.into.stuckAppearances++;
            }
            if (refresh.notifying.isEmpty() && refresh.registering.isEmpty()) {
                refreshDone(null);
            }
            return true;
        }
        if (!setUp.contains(phone) && subscriptionDialogs.containsKey(phone) && callInfo.equals(IDLE_LINE)) {
            setUp.add(phone);
            return true;
        }
        return false;
    }

    @Override
    void checkTimeout(long now) {
        super.checkTimeout(now);
        if (refresh != null && now - refresh.startedNanos > CYCLE_TIMEOUT_NANOS) {
            refreshDone("refresh not done in time");
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
                pbxInvite = new Request("INVITE", aor())
                        .header("Via", pbx.via())
                        .header("From", "\"Bench Caller\" <sip:1000@pbx.test>;tag=p" + user + "-" + cycles)
                        .header("To", "<" + aor() + ">")
                        .header("Call-ID", "call-" + user + "-" + cycles + "@pbx.test")
                        .header("CSeq", "1 INVITE")
                        .header("Max-Forwards", "70")
                        .header("Contact", pbx.contact())
                        .body("application/sdp", Sdp.of("pbx", 3, pbxSdpVersion, 40000, "sendrecv"));
                router.route(pbxInvite.callId(), this);
                pbx.send(pbxInvite);
            }
            case ANSWERED -> a().reply(atA, 200, "OK", Sdp.of("desk-a", 1, 1, 16000, "sendrecv"));
            case HELD -> {
                hold = new Request("INVITE", uriOf(atA.header("Contact").orElseThrow()))
                        .header("Via", a().via())
                        .header("From", atA.header("To").orElseThrow() + ";tag=" + a().tag())
                        .header("To", atA.header("From").orElseThrow())
                        .header("Call-ID", atA.callId())
                        .header("CSeq", "1 INVITE")
                        .header("Max-Forwards", "70")
                        .header("Contact", a().contact())
                        .body("application/sdp", Sdp.of("desk-a", 1, 2, 16000, "sendonly"));
                a().send(hold);
            }
            case RETRIEVED -> {
                retrieve = outOfDialog(b(), "INVITE", "sip:127.0.0.1:" + sipPort, "retrieve")
                        .header("Call-Info", "<sip:127.0.0.1>;appearance-index=1")
                        .body("application/sdp", Sdp.of("desk-b", 2, 1, 16002, "sendrecv"));
                sendChallengeable(b(), retrieve);
            }
            case IDLE -> b().send(inDialog(b(), retrieve, retrieved, "BYE", retrieve.cseq() + 1));
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
        int status = response.status();
        String method = response.cseqMethod();
        if (status == 401) {
            answerChallenge(device, response);
            return;
        }
        if (method.equals("REGISTER") || method.equals("SUBSCRIBE")) {
            onSubscriberResponse(device, response);
            return;
        }
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

    /** REGISTER and SUBSCRIBE answers, at set-up or in a refresh. */
    private void onSubscriberResponse(Device phone, SipMessage response) {
        if (response.status() != 200) {
            String why = response.status() + " to " + response.cseqMethod() + " at " + phone.port.number;
            if (refresh == null) {
                throw new IllegalStateException(user + ": " + why + "\n" + response);
            }
            refreshDone(why);
            return;
        }
        if (response.cseqMethod().equals("SUBSCRIBE")) {
            subscriptionDialogs.putIfAbsent(phone, response);
        } else if (refresh != null && refresh.registering.remove(phone)) {
            if (refresh.notifying.isEmpty() && refresh.registering.isEmpty()) {
                refreshDone(null);
            }
        } else if (!subscribes.containsKey(phone)) {
            Request subscribe = outOfDialog(phone, "SUBSCRIBE", aor(), "sub").header("Event", "call-info").header("Expires", expires);
            subscribes.put(phone, subscribe);
            sendChallengeable(phone, subscribe);
        }
    }

    /** ACK of a 2xx: a request of the dialog the 2xx established, with the INVITE's CSeq number. */
    private static Request ack(Device device, Request invite, SipMessage ok) {
        return inDialog(device, invite, ok, "ACK", invite.cseq());
    }

    private static Request inDialog(Device device, Request initial, SipMessage ok, String method, long cseq) {
        return new Request(method, uriOf(ok.header("Contact").orElseThrow()))
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
