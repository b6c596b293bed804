package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sca.it.LineFixture.CALLER;
import static org.sca.it.LineFixture.HOST;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.appearance;
import static org.sca.it.LineFixture.callInfo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * Faults of the PBX, a phone or the network in the middle of a call (issue 17): whatever
 * happens, both legs get BYE or CANCEL, every INVITE a final answer, and the phones see the
 * line idle again. Each fault runs on a line of its own with its own PBX and phones.
 */
class FaultsIT extends DeployedSca {

    /**
     * A wait that must let SIP timers pass, not a sleep for a message: a 2xx never ACKed is
     * known only when Timer H fires (64 x T1 = 32 s over UDP). The test methods of a class on
     * the shared container run one after another (a class may not run beside other classes
     * while it holds /sca), so both never-ACKed faults start first and share this one wait.
     */
    private static final Duration PAST_TIMER_H = Duration.ofSeconds(40);

    private static final ItLines.Line PBX = new ItLines.Line("pbx", "pbx", "none");

    private final List<TestPhone> devices = new ArrayList<>();

    @AfterEach
    void closeDevices() {
        devices.forEach(TestPhone::close);
    }

    /** The PBX of a line, its phones A (who answers) and B, registered and subscribed. */
    private record Party(String line, TestPhone pbx, TestPhone a, TestPhone b) {
        List<TestPhone> phones() {
            return List.of(a, b);
        }
    }

    @Test
    void a2xxNeverAckedByThePbxOrTheRetrievingPhoneEndsBothLegs() {
        Party pbxSilent = party("fault_ack", udpPbx(ItLines.FAULT_ACK_TRUNK_PORT), ItLines.FAULT_ACK_A, ItLines.FAULT_ACK_B);
        Request call = pbxInvite(pbxSilent);
        SipMessage[] rung = ring(pbxSilent, call);
        pbxSilent.a().reply(rung[0], 180, "Ringing");
        pbxSilent.b().reply(rung[1], 180, "Ringing");
        pbxSilent.pbx().awaitResponse(m -> m.status() == 180, "180 at the PBX");
        pbxSilent.a().replyWithBody(rung[0], 200, "OK", Sdp.of("desk-a", 5959, 5959, 16424, "sendrecv"));
        pbxSilent.b().reply(pbxSilent.b().awaitRequest("CANCEL"), 200, "OK");
        pbxSilent.b().reply(rung[1], 487, "Request Terminated");
        assertEquals(200, pbxSilent.pbx().awaitFinal(call).status(), "the PBX is answered, and never ACKs");
        pbxSilent.a().awaitRequest("ACK");
        everyPhoneSees(pbxSilent, appearance(1, "active"));

        Party phoneSilent = party("fault_retrieve", udpPbx(ItLines.FAULT_RETRIEVE_TRUNK_PORT), ItLines.FAULT_RETRIEVE_A,
                ItLines.FAULT_RETRIEVE_B);
        answeredAndHeld(phoneSilent);
        Request retrieve = retrieveInvite(phoneSilent);
        bridgeStarts(phoneSilent, retrieve);
        SipMessage bridge = phoneSilent.pbx().awaitRequest("INVITE");
        phoneSilent.pbx().replyWithBody(bridge, 200, "OK", Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        phoneSilent.pbx().awaitRequest("ACK");
        assertEquals(200, phoneSilent.b().awaitFinal(retrieve).status(), "B has the call, and never ACKs");
        phoneSilent.a().reply(phoneSilent.a().awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(phoneSilent, appearance(1, "active"));

        // Each fault on its own: the first one's wait lets Timer H pass for the second too.
        assertAll(() -> bothLegsHungUp(pbxSilent, pbxSilent.a()), () -> bothLegsHungUp(phoneSilent, phoneSilent.b()));
    }

    /** After Timer H: BYE to the phone that has the call and to the PBX, and the line idle. */
    private static void bothLegsHungUp(Party party, TestPhone owner) {
        owner.reply(owner.awaitRequest(m -> m.method().equals("BYE"), "BYE after Timer H", PAST_TIMER_H), 200, "OK");
        party.pbx().reply(party.pbx().awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(party, IDLE);
    }

    @Test
    void aPbxByeDuringTheBridgingReInviteEndsTheCallAndAnswersTheRetriever() {
        Party party = party("fault_bridge", udpPbx(ItLines.FAULT_BRIDGE_TRUNK_PORT), ItLines.FAULT_BRIDGE_A, ItLines.FAULT_BRIDGE_B);
        Answered call = answeredAndHeld(party);
        Request retrieve = retrieveInvite(party);
        bridgeStarts(party, retrieve);
        SipMessage bridge = party.pbx().awaitRequest("INVITE");

        Request bye = party.pbx().inDialogOf(call.atPbx(), false, "BYE", call.invite().cseq() + 1)
                .header("From", call.invite().get("From"));
        assertEquals(200, party.pbx().call(bye).status());
        party.a().reply(party.a().awaitRequest("BYE"), 200, "OK");
        // The PBX's dialog is gone before it answers the re-INVITE (RFC 3261 15.1.2).
        party.pbx().reply(bridge, 481, "Call/Transaction Does Not Exist");
        SipMessage refused = party.b().awaitFinal(retrieve);
        assertEquals(487, refused.status(), refused.toString());
        everyPhoneSees(party, IDLE);
        party.b().assertNoRequest("BYE", Duration.ofSeconds(1));
    }

    @Test
    void aTcpPbxThatDropsItsConnectionWhileThePhonesRingHasThemCancelled() throws UnknownHostException {
        TestPhone pbx = device(new TestPhone(StreamLink.tcp(SharedContainer.get().sip(),
                InetAddress.getByName(ItLines.FAULT_TCP_TRUNK_HOST)), null, true, PBX));
        Party party = party("fault_tcp", pbx, ItLines.FAULT_TCP_A, ItLines.FAULT_TCP_B);
        String consoleBefore = SharedContainer.get().console();
        SipMessage[] rung = ring(party, pbxInvite(party));
        // Ringing first: a CANCEL may only follow a provisional response (RFC 3261 9.1).
        party.b().reply(rung[1], 180, "Ringing");
        pbx.awaitResponse(m -> m.status() == 180, "180 at the PBX");

        pbx.close();
        party.a().reply(rung[0], 180, "Ringing");

        for (int i = 0; i < 2; i++) {
            TestPhone phone = party.phones().get(i);
            phone.reply(phone.awaitRequest("CANCEL"), 200, "OK");
            phone.reply(rung[i], 487, "Request Terminated");
        }
        everyPhoneSees(party, IDLE);
        String added = SharedContainer.get().console().substring(consoleBefore.length());
        assertTrue(added.lines().noneMatch(l -> l.startsWith("\tat ")), "no stack trace:\n" + added);
    }

    /** An incoming call A answered (the PBX ACKs) and holds. */
    private record Answered(Request invite, SipMessage atA, SipMessage atPbx) {}

    private Answered answeredAndHeld(Party party) {
        Request invite = pbxInvite(party);
        SipMessage[] rung = ring(party, invite);
        SipMessage ok = CallSteps.answer(party.pbx(), invite, party.a(), rung[0], party.b(), rung[1]);
        everyPhoneSees(party, appearance(1, "active"));
        Request hold = party.a().inDialogOf(rung[0], true, "INVITE", 1)
                .body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly"));
        party.a().send(hold);
        SipMessage reHold = party.pbx().awaitRequest("INVITE");
        party.pbx().replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        SipMessage held = party.a().awaitFinal(hold);
        party.a().ack(hold, held);
        party.pbx().awaitRequest("ACK");
        everyPhoneSees(party, appearance(1, "held"));
        return new Answered(invite, rung[0], ok);
    }

    /** B sends its retrieve INVITE through the digest challenge; the PBX is re-INVITEd next. */
    private static void bridgeStarts(Party party, Request retrieve) {
        SipMessage challenge = party.b().call(retrieve);
        assertEquals(401, challenge.status(), "the default path: digest");
        party.b().send(party.b().withAuthorization(retrieve, challenge));
    }

    /** Both phones ring for {@code invite}; the INVITE each got, after both saw "alerting". */
    private static SipMessage[] ring(Party party, Request invite) {
        party.pbx().send(invite);
        SipMessage atA = party.a().awaitRequest("INVITE");
        SipMessage atB = party.b().awaitRequest("INVITE");
        assertTrue(atA.header("Call-Info").orElseThrow().endsWith("appearance-index=1"), atA.toString());
        everyPhoneSees(party, appearance(1, "alerting"));
        return new SipMessage[] {atA, atB};
    }

    private Party party(String line, TestPhone pbx, ItLines.Line a, ItLines.Line b) {
        return new Party(line, pbx, onTheLine(a), onTheLine(b));
    }

    private TestPhone udpPbx(int port) {
        return device(new TestPhone(SharedContainer.get().sip(), PBX.user(), PBX.authId(), PBX.password(), port));
    }

    private TestPhone device(TestPhone device) {
        devices.add(device);
        return device;
    }

    /** A phone registered on its line and subscribed to call-info, both through the digest challenge. */
    private TestPhone onTheLine(ItLines.Line line) {
        TestPhone phone = device(new TestPhone(SharedContainer.get().sip(), line));
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", line.aor()).header("Expires", "300")).status());
        assertEquals(200, phone.callAuthenticated(CallInfoSubscriptionIT.subscribe(phone, line, 300)).status());
        assertEquals(IDLE, callInfo(notify(phone)));
        return phone;
    }

    private static Request pbxInvite(Party party) {
        return party.pbx().request("INVITE", "sip:" + party.line() + "@127.0.0.1")
                .header("From", CALLER + ";tag=pbx" + System.nanoTime())
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
    }

    private static Request retrieveInvite(Party party) {
        String line = "<sip:" + party.line() + "@127.0.0.1>";
        return party.b().request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", line + ";tag=r" + party.b().port())
                .header("To", line)
                .header("Call-Info", HOST + ";appearance-index=1")
                .body("application/sdp", Sdp.of("desk-b", 7777, 7777, 16408, "sendrecv"));
    }

    private static SipMessage notify(TestPhone phone) {
        return phone.awaitRequest(m -> m.method().equals("NOTIFY") && m.header("Event").orElse("").equals("call-info"),
                "call-info NOTIFY");
    }

    private static void everyPhoneSees(Party party, String expected) {
        for (TestPhone phone : party.phones()) {
            assertEquals(expected, callInfo(notify(phone)), "NOTIFY at phone " + phone.port() + " of " + party.line());
        }
    }
}
