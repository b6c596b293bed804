package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sca.it.LineFixture.CALLER;
import static org.sca.it.LineFixture.HOST;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.appearance;
import static org.sca.it.LineFixture.callInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.sca.it.TestPhone.Request;

/**
 * Dialogs that begin with a digest challenge, or share a Call-ID with a registration, must
 * live until SIP ends them, not until the container's timers for their first transactions
 * fire. Each scenario lets time pass beyond every RFC 3261 timer, then proves the dialog is
 * still there on the wire. The scenarios run at the same time, each on a line of its own,
 * so the suite waits once for all of them.
 */
@Execution(ExecutionMode.CONCURRENT)
class LongLivedDialogsIT {

    /**
     * A container of its own: the class runs beside the others (CONCURRENT at class level,
     * so that its 40 s waits overlap them), and the shared container holds one /sca at a time,
     * deployed by Arquillian for one class and undeployed after it.
     */
    private static Container container;

    @BeforeAll
    static void start() {
        container = Container.start(ItLines.config(), List.of(SharedContainer.war()));
    }

    @AfterAll
    static void stop() {
        container.close();
    }

    /**
     * A wait that must let SIP timers pass, not a sleep for a message: over UDP the last
     * transaction timers of a dialog's start (Timer J and Timer B/F/H, 64 x T1 = 32 s; Timer K
     * and I, T4: 5 s in RFC 3261, 1 s in the container) have all fired after 40 s. Nothing may
     * reach the phone meanwhile.
     */
    static final Duration PAST_SIP_TIMERS = Duration.ofSeconds(40);

    private final List<TestPhone> devices = new ArrayList<>();

    @AfterEach
    void closeDevices() {
        devices.forEach(TestPhone::close);
    }

    private TestPhone phone(ItLines.Line line) {
        return device(new TestPhone(container.sip(), line));
    }

    private TestPhone pbx(int port) {
        return device(new TestPhone(container.sip(), "pbx", "pbx", "none", port));
    }

    private TestPhone device(TestPhone device) {
        devices.add(device);
        return device;
    }

    @Test
    void aChallengedSubscriptionIsNotifiedRefreshedAndEndedLongAfterItBegan() {
        TestPhone watcher = phone(ItLines.LONG_PRESENCE_A);
        TestPhone seizer = phone(ItLines.LONG_PRESENCE_B);
        Request subscribe = CallInfoSubscriptionIT.subscribe(watcher, ItLines.LONG_PRESENCE_A, 300);
        SipMessage challenge = watcher.call(subscribe);
        assertEquals(401, challenge.status(), "the default path: digest");
        SipMessage ok = watcher.call(watcher.withAuthorization(subscribe, challenge));
        assertEquals(200, ok.status());
        SipMessage first = notify(watcher, "call-info");
        assertEquals(IDLE, callInfo(first));

        watcher.assertNoRequest("NOTIFY", PAST_SIP_TIMERS);
        // A duplicate of the phone's 200 to the first NOTIFY, long after that NOTIFY's transaction
        // ended: the server takes it for no request (the dialog no longer holds that NOTIFY).
        watcher.reply(first, 200, "OK");

        Request seize = lineSeize(seizer, ItLines.LONG_PRESENCE_B, 1, 15);
        assertEquals(200, seizer.callAuthenticated(seize).status());
        assertEquals(seized(1), callInfo(notify(watcher, "call-info")), "a change long after the subscription began");

        Request refresh = watcher.inDialog(subscribe, ok).header("Expires", "300");
        assertEquals(200, watcher.call(refresh).status(), "refresh, not 481");
        SipMessage full = notify(watcher, "call-info");
        assertEquals(seized(1), callInfo(full));
        assertTrue(full.header("Subscription-State").orElseThrow().startsWith("active;expires="), full.toString());

        unsubscribe(watcher, watcher.inDialog(refresh, ok));
        assertNoStackTrace();
    }

    @Test
    void aRegistrationAndASubscriptionSharingOneCallIdBothLive() {
        TestPhone phone = phone(ItLines.LONG_SHARED);
        TestPhone pbx = pbx(ItLines.LONG_SHARED_TRUNK_PORT);
        String aor = ItLines.LONG_SHARED.aor();
        // As sipp scenarios and some phones do: one Call-ID and From tag for REGISTER and SUBSCRIBE.
        Request register = phone.request("REGISTER", aor).header("Expires", "300");
        assertEquals(200, phone.callAuthenticated(register).status());
        Request subscribe = phone.request("SUBSCRIBE", aor)
                .header("Call-ID", register.get("Call-ID"))
                .header("From", register.get("From"))
                .header("CSeq", (register.cseq() + 1) + " SUBSCRIBE")
                .header("Event", "call-info")
                .header("Expires", "300");
        SipMessage subscribed = phone.callAuthenticated(subscribe);
        assertEquals(200, subscribed.status());
        assertEquals(IDLE, callInfo(notify(phone, "call-info")));

        phone.assertNoRequest("NOTIFY", PAST_SIP_TIMERS);

        Request reRegister = register.header("Via", phone.via())
                .header("CSeq", (subscribe.cseq() + 1) + " REGISTER")
                .remove("Authorization");
        SipMessage registered = phone.callAuthenticated(reRegister);
        assertEquals(200, registered.status());
        assertTrue(registered.header("Contact").orElseThrow().contains(":" + phone.port()), registered.toString());

        Request invite = pbxInvite(pbx, "long_shared");
        pbx.send(invite);
        SipMessage rung = phone.awaitRequest("INVITE");
        assertEquals(HOST + ";appearance-index=1", rung.header("Call-Info").orElseThrow());
        assertEquals(appearance(1, "alerting"), callInfo(notify(phone, "call-info")));
        phone.reply(rung, 486, "Busy Here");
        assertEquals(486, pbx.awaitFinal(invite).status());
        assertEquals(IDLE, callInfo(notify(phone, "call-info")));

        // One CSeq space for the whole Call-ID: the un-SUBSCRIBE follows the re-REGISTER.
        unsubscribe(phone, phone.inDialog(subscribe, subscribed).header("CSeq", (reRegister.cseq() + 1) + " SUBSCRIBE"));
    }

    @Test
    void aChallengedSeizeLivesToItsExpiry() {
        TestPhone seizer = phone(ItLines.LONG_SEIZE_A);
        TestPhone watcher = phone(ItLines.LONG_SEIZE_B);
        assertEquals(200, watcher.callAuthenticated(CallInfoSubscriptionIT.subscribe(watcher, ItLines.LONG_SEIZE_B, 300)).status());
        assertEquals(IDLE, callInfo(notify(watcher, "call-info")));

        Request seize = lineSeize(seizer, ItLines.LONG_SEIZE_A, 1, 15);
        SipMessage challenge = seizer.call(seize);
        assertEquals(401, challenge.status());
        assertEquals(200, seizer.call(seizer.withAuthorization(seize, challenge)).status());
        assertEquals("active;expires=15", notify(seizer, "line-seize").header("Subscription-State").orElseThrow());
        assertEquals(seized(1), callInfo(notify(watcher, "call-info")));

        // The seize's own 15 s: three times the 5 s after which a challenged dialog used to vanish.
        SipMessage expired = seizer.awaitRequest(m -> isNotify(m, "line-seize"), "seize expiry", Duration.ofSeconds(20));
        assertEquals("terminated;reason=timeout", expired.header("Subscription-State").orElseThrow());
        assertEquals(IDLE, callInfo(notify(watcher, "call-info")));
    }

    @Test
    void anIncomingCallHeldLongRetrievedWithDigestTalkedLongAndEndedByThePbx() {
        TestPhone pbx = pbx(ItLines.LONG_CALL_TRUNK_PORT);
        TestPhone a = onTheLine(ItLines.LONG_CALL_A);
        TestPhone b = onTheLine(ItLines.LONG_CALL_B);
        List<TestPhone> both = List.of(a, b);

        Request invite = pbxInvite(pbx, "long_call");
        pbx.send(invite);
        SipMessage atA = a.awaitRequest("INVITE");
        SipMessage atB = b.awaitRequest("INVITE");
        everyPhoneSees(both, appearance(1, "alerting"));
        SipMessage answered = CallSteps.answer(pbx, invite, a, atA, b, atB);
        everyPhoneSees(both, appearance(1, "active"));

        Request hold = a.inDialogOf(atA, true, "INVITE", 1).body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly"));
        a.send(hold);
        SipMessage reHold = pbx.awaitRequest("INVITE");
        pbx.replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        SipMessage held = a.awaitFinal(hold);
        assertEquals(200, held.status());
        a.ack(hold, held);
        everyPhoneSees(both, appearance(1, "held"));

        // A person walks to the other desk.
        a.assertNoRequest("NOTIFY", PAST_SIP_TIMERS);
        b.assertNoRequest("NOTIFY", Duration.ZERO);

        CallSteps.Retrieved retrieved = CallSteps.retrieve(pbx, b, retrieveInvite(b, "long_call"), a,
                Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        assertEquals("5959 5961", Sdp.origin(retrieved.bridge()), "one origin on the PBX leg through the bridge");
        everyPhoneSees(both, appearance(1, "active"));

        // They talk.
        b.assertNoRequest("NOTIFY", PAST_SIP_TIMERS);
        a.assertNoRequest("NOTIFY", Duration.ZERO);

        Request bye = pbx.inDialogOf(answered, false, "BYE", invite.cseq() + 1);
        assertEquals(200, pbx.call(bye).status());
        b.reply(b.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(both, IDLE);
    }

    @Test
    void anOutgoingCallWithDigestLastsAndIsEndedByThePhone() {
        TestPhone pbx = pbx(ItLines.LONG_OUT_TRUNK_PORT);
        TestPhone a = onTheLine(ItLines.LONG_OUT_A);
        TestPhone b = onTheLine(ItLines.LONG_OUT_B);
        List<TestPhone> both = List.of(a, b);

        Request dial = a.request("INVITE", "sip:4164542289@127.0.0.1")
                .header("From", "<sip:long_out@127.0.0.1>;tag=out" + a.port())
                .header("Call-Info", HOST + ";appearance-index=1")
                .body("application/sdp", Sdp.of("desk", 6000, 6000, 16500, "sendrecv"));
        // The phone's ACK for the 401 is lost: the challenge's transaction times out (Timer H,
        // 32 s) while the call its retry set up goes on, and must not end with it.
        a.send(dial);
        SipMessage challenge = a.awaitResponse(m -> m.status() == 401, "the challenge");
        a.send(a.withAuthorization(dial, challenge));
        SipMessage atPbx = pbx.awaitRequest("INVITE");
        everyPhoneSees(both, dialled("seized"));
        pbx.replyWithBody(atPbx, 200, "OK", Sdp.of("pbx", 300, 300, 41000, "sendrecv"));
        SipMessage answered = a.awaitFinal(dial);
        assertEquals(200, answered.status());
        a.ack(dial, answered);
        pbx.awaitRequest("ACK");
        everyPhoneSees(both, dialled("active"));

        a.assertNoRequest("NOTIFY", PAST_SIP_TIMERS);
        b.assertNoRequest("NOTIFY", Duration.ZERO);

        assertEquals(200, a.call(a.inDialogOf(answered, false, "BYE", dial.cseq() + 1)).status());
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(both, IDLE);
    }

    @Test
    void aLateDuplicateAckOfAChallengeChangesNothing() throws InterruptedException {
        TestPhone pbx = pbx(ItLines.LONG_ACK_TRUNK_PORT);
        TestPhone phone = phone(ItLines.LONG_ACK);
        Request dial = phone.request("INVITE", "sip:4164542289@127.0.0.1")
                .header("From", "<sip:long_ack@127.0.0.1>;tag=ack" + phone.port())
                .body("application/sdp", Sdp.of("desk", 6000, 6000, 16600, "sendrecv"));
        SipMessage challenge = phone.call(dial); // ACKed by the phone, which ends the 401's transaction after Timer I
        assertEquals(401, challenge.status());
        // A wait that must let a SIP timer pass: Timer I (T4, 1 s in the container) after the ACK.
        Thread.sleep(Duration.ofSeconds(3).toMillis());
        Request ack = phone.errorAck(dial, challenge);
        phone.send(ack); // a duplicate, delayed in the network

        assertNull(phone.awaitResponseOrNull(ack, Duration.ofMillis(500)), "an ACK is never answered");
        Request retry = phone.withAuthorization(dial, challenge);
        phone.send(retry);
        SipMessage atPbx = pbx.awaitRequest("INVITE");
        pbx.reply(atPbx, 486, "Busy Here");
        assertEquals(486, phone.awaitFinal(retry).status(), "the line goes on as before");
        assertNoStackTrace();
    }

    private static void assertNoStackTrace() {
        String console = container.console();
        assertTrue(console.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + console);
    }

    /** Ends a subscription in its dialog: 200, then the NOTIFY that says so. */
    private static void unsubscribe(TestPhone phone, Request inDialog) {
        assertEquals(200, phone.call(inDialog.header("Expires", "0")).status());
        assertEquals("terminated;reason=timeout", notify(phone, "call-info").header("Subscription-State").orElseThrow());
    }

    /** A phone registered on its line and subscribed to call-info, both through the digest challenge. */
    private TestPhone onTheLine(ItLines.Line line) {
        TestPhone phone = phone(line);
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", line.aor()).header("Expires", "300")).status());
        assertEquals(200, phone.callAuthenticated(CallInfoSubscriptionIT.subscribe(phone, line, 300)).status());
        assertEquals(IDLE, callInfo(notify(phone, "call-info")));
        return phone;
    }

    private static Request pbxInvite(TestPhone pbx, String lineUser) {
        return pbx.request("INVITE", "sip:" + lineUser + "@127.0.0.1")
                .header("From", CALLER + ";tag=pbx" + System.nanoTime())
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
    }

    private static Request retrieveInvite(TestPhone phone, String lineUser) {
        return phone.request("INVITE", "sip:127.0.0.1:" + container.sipPort())
                .header("From", "<sip:" + lineUser + "@127.0.0.1>;tag=r" + phone.port())
                .header("To", "<sip:" + lineUser + "@127.0.0.1>")
                .header("Call-Info", HOST + ";appearance-index=1")
                .body("application/sdp", Sdp.of("desk-b", 7777, 7777, 16408, "sendrecv"));
    }

    private static Request lineSeize(TestPhone phone, ItLines.Line line, int index, int expires) {
        return phone.request("SUBSCRIBE", line.aor()).header("Event", "line-seize")
                .header("Expires", Integer.toString(expires))
                .header("Call-Info", HOST + ";appearance-index=" + index);
    }

    private static String seized(int index) {
        return HOST + ";appearance-index=" + index + ";appearance-state=seized," + IDLE;
    }

    private static String dialled(String state) {
        return HOST + ";appearance-index=1;appearance-state=" + state + ";appearance-uri=\"<sip:4164542289@127.0.0.1>\"," + IDLE;
    }

    private static boolean isNotify(SipMessage m, String event) {
        return m.method().equals("NOTIFY") && m.header("Event").orElse("").equals(event);
    }

    private static SipMessage notify(TestPhone phone, String event) {
        return phone.awaitRequest(m -> isNotify(m, event), event + " NOTIFY");
    }

    private static void everyPhoneSees(List<TestPhone> phones, String expected) {
        for (TestPhone phone : phones) {
            assertEquals(expected, callInfo(notify(phone, "call-info")), "NOTIFY at phone " + phone.port());
        }
    }

    /** A trunk that never answers a phone's call: after Timer B the call goes to the line's next trunk. */
    @Test
    void aSilentTrunkHandsAPhonesCallToTheNext() {
        TestPhone phone = phone(ItLines.TRUNK_SILENT);
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.TRUNK_SILENT.aor()).header("Expires", "120"))
                .status());
        TestPhone silent = pbx(ItLines.TRUNK_SILENT_FIRST_PORT);
        TestPhone second = pbx(ItLines.TRUNK_SILENT_SECOND_PORT);
        Request invite = CallSteps.dialOut(phone, ItLines.TRUNK_SILENT);
        silent.awaitRequest("INVITE");
        SipMessage atSecond = second.awaitRequest(m -> m.method().equals("INVITE"), "the call after Timer B", PAST_SIP_TIMERS);
        CallSteps.trunkAnswersAndHangsUp(phone, invite, second, atSecond);
    }
}
