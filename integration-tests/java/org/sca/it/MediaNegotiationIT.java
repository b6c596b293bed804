package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * What real phones and PBXs do with media and session set-up beyond a plain offer and answer:
 * early media, offerless re-INVITEs both ways, 100rel, session timers and UPDATE, and methods
 * the server does not take. Every answer asserted as it is on the wire.
 */
class MediaNegotiationIT extends LineFixture {

    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void methodsTheServerDoesNotTakeAreRefusedWithAllowNeverIgnored() {
        Answered call = answered();
        SipMessage message = a.call(a.inDialogOf(call.atA(), true, "MESSAGE", 1).body("text/plain", "hi"));
        assertEquals(405, message.status());
        assertTrue(message.header("Allow").orElseThrow().contains("REFER"), message.toString());
        SipMessage prack = pbx.call(pbxInDialog(call, "PRACK", 2).header("RAck", "1 1 INVITE"));
        assertEquals(481, prack.status(), "no reliable provisional response to acknowledge");
        SipMessage unknown = a.call(a.inDialogOf(call.atA(), true, "FROBNICATE", 2));
        assertEquals(501, unknown.status());
        assertTrue(unknown.header("Allow").isPresent(), unknown.toString());
        assertEquals(405, a.call(a.request("MESSAGE", "sip:call_line@127.0.0.1")).status());
        pbxHangsUp(call, a, 3);
    }

    @Test
    void aCancelThatMatchesNoInviteIs481() {
        Request invite = pbxInvite();
        Request stray = pbx.cancel(invite);
        assertEquals(481, pbx.call(stray).status());
        a.assertNoRequest("INVITE", QUIET);
    }

    @Test
    void aPbxThatRequires100relIsRefusedWith420() {
        SipMessage refused = pbx.call(pbxInvite().header("Supported", "100rel").header("Require", "100rel"));
        assertEquals(420, refused.status());
        assertEquals("100rel", refused.header("Unsupported").orElseThrow());
        a.assertNoRequest("INVITE", QUIET);
    }

    @Test
    void earlyMediaFromThePbxReachesTheCallingPhoneWithItsSdp() {
        Request dial = PhoneCallIT.dial(a, "4164542289", null, 6100);
        SipMessage challenge = a.call(dial);
        a.send(a.withAuthorization(dial, challenge));
        SipMessage atPbx = pbx.awaitRequest("INVITE");
        everyPhoneSees(PhoneCallIT.dialled(PhoneCallIT.DIALLED, "seized"));
        pbx.replyWithBody(atPbx, 183, "Session Progress", Sdp.of("pbx", 400, 400, 42000, "sendrecv"));
        SipMessage early = a.awaitResponse(m -> m.status() == 183, "183 at A");
        assertEquals("400 400", Sdp.origin(early));
        assertTrue(Sdp.media(early).contains("42000"), early.toString());
        everyPhoneSees(PhoneCallIT.dialled("progressing"));
        pbx.replyWithBody(atPbx, 200, "OK", Sdp.of("pbx", 400, 400, 42000, "sendrecv"));
        SipMessage ok = a.awaitFinal(dial);
        assertEquals("400 400", Sdp.origin(ok), "the same SDP again: the same version");
        a.ack(dial, ok);
        pbx.awaitRequest("ACK");
        everyPhoneSees(PhoneCallIT.dialled("active"));
        assertEquals(200, a.call(a.inDialogOf(ok, false, "BYE", dial.cseq() + 1)).status());
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void anOfferlessReInviteFromThePhoneIsAnsweredInItsAck() {
        Answered call = answered();
        Request reinvite = a.inDialogOf(call.atA(), true, "INVITE", 1);
        a.send(reinvite);
        SipMessage atPbx = pbx.awaitRequest("INVITE");
        assertTrue(atPbx.body().isEmpty(), "no offer invented\n" + atPbx);
        pbx.replyWithBody(atPbx, 200, "OK", Sdp.of("pbx", 100, 101, 40002, "sendrecv"));
        SipMessage offer = a.awaitFinal(reinvite);
        assertEquals(200, offer.status());
        assertEquals("100 101", Sdp.origin(offer));
        pbx.assertNoRequest("ACK", QUIET);

        a.send(a.inDialogOf(offer, false, "ACK", reinvite.cseq()).header("From", reinvite.get("From"))
                .body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly")));
        SipMessage answer = pbx.awaitRequest("ACK");
        assertEquals("5959 5960", Sdp.origin(answer));
        assertTrue(answer.body().contains("a=sendonly"), answer.toString());
        everyPhoneSees(appearance(1, "held"));
        pbxHangsUp(call, a);
    }

    @Test
    void anOfferlessReInviteFromThePbxIsAnsweredInItsAck() {
        Answered call = answered();
        Request reinvite = pbxInDialog(call, "INVITE", 2);
        pbx.send(reinvite);
        SipMessage atA = a.awaitRequest("INVITE");
        assertTrue(atA.body().isEmpty(), atA.toString());
        a.replyWithBody(atA, 200, "OK", Sdp.of("desk-a", 5959, 5960, 16426, "sendrecv"));
        SipMessage offer = pbx.awaitFinal(reinvite);
        assertEquals("5959 5960", Sdp.origin(offer));
        a.assertNoRequest("ACK", QUIET);

        pbx.send(pbx.inDialogOf(offer, false, "ACK", 2).header("From", call.invite().get("From"))
                .body("application/sdp", Sdp.of("pbx", 100, 101, 40004, "sendrecv")));
        SipMessage answer = a.awaitRequest("ACK");
        assertEquals("100 101", Sdp.origin(answer));
        assertTrue(Sdp.media(answer).contains("40004"), answer.toString());
        pbxHangsUp(call, a, 3);
    }

    @Test
    void sessionTimersArePassedOnGrantedAndRefreshedAndUpdateReachesOnlyWhoAllowsIt() {
        Request invite = pbxInvite().header("Session-Expires", "1800;refresher=uac").header("Min-SE", "90")
                .header("Supported", "timer");
        SipMessage[] rung = ring(invite);
        for (SipMessage atPhone : rung) {
            assertEquals("1800;refresher=uac", atPhone.header("Session-Expires").orElseThrow(), atPhone.toString());
            assertEquals("90", atPhone.header("Min-SE").orElseThrow());
            assertTrue(atPhone.elements("Supported").contains("timer"), atPhone.toString());
        }
        SipMessage ok = answerAtA(invite, rung[0], rung[1]);
        assertEquals("1800;refresher=uac", ok.header("Session-Expires").orElseThrow(), "A does no timer: the PBX refreshes\n" + ok);
        assertTrue(ok.elements("Require").contains("timer"), ok.toString());
        Answered call = new Answered(invite, rung[0], ok);

        // A listed no UPDATE: a refresh is answered by the server, a media change reaches A as a re-INVITE.
        SipMessage refreshed = pbx.call(pbxInDialog(call, "UPDATE", 2).header("Session-Expires", "1800;refresher=uac")
                .header("Supported", "timer"));
        assertEquals(200, refreshed.status());
        assertEquals("1800;refresher=uac", refreshed.header("Session-Expires").orElseThrow());
        a.assertNoRequest("UPDATE", QUIET);
        Request change = pbxInDialog(call, "UPDATE", 3).body("application/sdp", Sdp.of("pbx", 100, 101, 40006, "sendrecv"));
        pbx.send(change);
        SipMessage reinvite = a.awaitRequest("INVITE");
        assertTrue(Sdp.media(reinvite).contains("40006"), reinvite.toString());
        a.replyWithBody(reinvite, 200, "OK", Sdp.of("desk-a", 5959, 5959, 16424, "sendrecv"));
        a.awaitRequest("ACK");
        SipMessage updated = pbx.awaitFinal(change);
        assertEquals(200, updated.status());
        assertFalse(updated.body().isEmpty(), "the UPDATE's answer\n" + updated);

        SipMessage brief = pbx.call(pbxInDialog(call, "INVITE", 4).header("Session-Expires", "30")
                .body("application/sdp", Sdp.of("pbx", 100, 102, 40006, "sendrecv")));
        assertEquals(422, brief.status());
        assertEquals("90", brief.header("Min-SE").orElseThrow());
        pbxHangsUp(call, a, 5);
    }
}
