package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * The origin document's flow, end to end through the real container: a PBX call for the line
 * rings two phones with an appearance number, one answers, holds, the other retrieves the held
 * call by bridging, and hangs up. At every step: what each phone is NOTIFYed, what the PBX
 * sees (SDP origins, BYE), and that nothing of one leg leaks to the other.
 */
class CallIT extends LineFixture {

    @Test
    void incomingCallHoldRetrieveFromTheOtherPhoneAndHangUp() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        for (SipMessage atPhone : rung) {
            assertEquals(HOST + ";appearance-index=1", atPhone.header("Call-Info").orElseThrow());
            assertNotEquals(invite.get("Call-ID"), atPhone.callId(), "top hiding: new Call-ID");
            assertFalse(atPhone.toString().contains(":" + ItLines.TRUNK_PORT), "top hiding: nothing of the PBX leg\n" + atPhone);
            assertTrue(atPhone.header("From").orElseThrow().contains("4164542289"), atPhone.toString());
            assertEquals("100 100", Sdp.origin(atPhone), "the PBX's offer goes out as it came");
        }

        SipMessage answered = answerAtA(invite, rung[0], rung[1]);
        assertEquals("5959 5959", Sdp.origin(answered), "the PBX leg takes the answering phone's origin");
        assertFalse(answered.toString().contains(":" + a.port()), "top hiding: nothing of the phone leg\n" + answered);

        // Step 4: A holds.
        Request hold = a.inDialogOf(rung[0], true, "INVITE", 1).body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly"));
        a.send(hold);
        SipMessage reHold = pbx.awaitRequest("INVITE");
        assertEquals(answered.tag("To").orElseThrow(), reHold.tag("From").orElseThrow(), "the hold travels in the PBX's dialog");
        assertEquals("5959 5960", Sdp.origin(reHold));
        assertTrue(reHold.body().contains("a=sendonly"), reHold.toString());
        pbx.replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        SipMessage holdOk = a.awaitFinal(hold);
        assertEquals(200, holdOk.status());
        assertEquals("100 101", Sdp.origin(holdOk));
        a.ack(hold, holdOk);
        everyPhoneSees(appearance(1, "held"));

        // Steps 5 and 6: B picks the held call up; the server bridges it and drops A.
        Request retrieve = b.request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", "<sip:call_line@127.0.0.1>;tag=rb" + b.port())
                .header("To", "<sip:call_line@127.0.0.1>")
                .header("Call-Info", HOST + ";appearance-index=1")
                .body("application/sdp", Sdp.of("desk-b", 7777, 7777, 16408, "sendrecv"));
        SipMessage challenge = b.call(retrieve);
        assertEquals(401, challenge.status());
        b.send(b.withAuthorization(retrieve, challenge));
        SipMessage bridge = pbx.awaitRequest("INVITE");
        assertEquals("5959 5961", Sdp.origin(bridge), "same origin on the PBX leg, version +1");
        assertTrue(Sdp.media(bridge).contains("16408"), "B's media goes to the PBX\n" + bridge);
        pbx.replyWithBody(bridge, 200, "OK", Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        SipMessage retrieved = b.awaitFinal(retrieve);
        assertEquals(200, retrieved.status());
        assertTrue(Sdp.media(retrieved).contains("40000"), "the PBX's media goes to B\n" + retrieved);
        b.ack(retrieve, retrieved);
        SipMessage byeA = a.awaitRequest("BYE");
        a.reply(byeA, 200, "OK");
        everyPhoneSees(appearance(1, "active"));

        // B hangs up: the PBX gets the BYE, the line is idle.
        Request bye = b.inDialogOf(retrieved, false, "BYE", retrieve.cseq() + 1);
        assertEquals(200, b.call(bye).status());
        SipMessage byePbx = pbx.awaitRequest("BYE");
        pbx.reply(byePbx, 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void cancelFromThePbxStopsEveryPhone() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        bothRinging(rung);
        pbx.send(pbx.cancel(invite));
        assertEquals(487, pbx.awaitFinal(invite).status());
        bothCancelled(rung);
    }

    @Test
    void byeFromThePbxEndsBothLegs() {
        pbxHangsUp(answered(), a);
    }

    @Test
    void aPrivateHoldCannotBeTakenByAnotherPhone() {
        Answered call = answered();
        holdAtA(call, true, "held-private");
        SipMessage refused = b.callAuthenticated(retrieveInvite(b, 1));
        assertEquals(403, refused.status());
        assertEquals("Appearance is held private", refused.reason());
        pbx.assertNoRequest("INVITE", java.time.Duration.ofMillis(300));
        pbxHangsUp(call, a);
    }

    @Test
    void onlyAHeldAppearanceCanBeRetrieved() {
        SipMessage idle = b.callAuthenticated(retrieveInvite(b, 2));
        assertEquals(403, idle.status());
        assertEquals("Appearance is idle", idle.reason());
        Answered call = answered();
        SipMessage active = b.callAuthenticated(retrieveInvite(b, 1));
        assertEquals(403, active.status());
        assertEquals("Appearance is not held", active.reason());
        pbxHangsUp(call, a);
    }

    @Test
    void twoPhonesRacingForOneHeldCallExactlyOneWins() {
        TestPhone c = onTheLine(ItLines.CALL_C);
        Answered call = answered();
        holdAtA(call, false, "held");
        Request fromB = retrieveInvite(b, 1);
        Request fromC = retrieveInvite(c, 1);
        // Both authenticated, sent back to back: the server sees both before the PBX answers.
        SipMessage challengeB = b.call(fromB);
        SipMessage challengeC = c.call(fromC);
        b.send(b.withAuthorization(fromB, challengeB));
        c.send(c.withAuthorization(fromC, challengeC));
        SipMessage bridge = pbx.awaitRequest("INVITE");
        pbx.replyWithBody(bridge, 200, "OK", Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        SipMessage resultB = b.awaitFinal(fromB);
        SipMessage resultC = c.awaitFinal(fromC);
        assertEquals(List.of(200, 403), List.of(resultB.status(), resultC.status()).stream().sorted().toList());
        pbx.assertNoRequest("INVITE", java.time.Duration.ofMillis(300));
        TestPhone winner = resultB.status() == 200 ? b : c;
        winner.ack(resultB.status() == 200 ? fromB : fromC, resultB.status() == 200 ? resultB : resultC);
        a.reply(a.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(appearance(1, "active"));
        pbxHangsUp(call, winner);
    }

    @Test
    void aCallForAFullLineIsBusy() {
        Request first = pbxInvite();
        ring(first);
        Request second = pbxInvite().header("Call-ID", "second-" + System.nanoTime());
        pbx.send(second);
        a.awaitRequest("INVITE");
        b.awaitRequest("INVITE");
        everyPhoneSees(HOST + ";appearance-index=1;appearance-state=alerting;" + CALLER_PARAM + ","
                + HOST + ";appearance-index=2;appearance-state=alerting;" + CALLER_PARAM + "," + IDLE);
        SipMessage third = pbx.call(pbxInvite());
        assertEquals(486, third.status());
        for (Request invite : List.of(first, second)) {
            pbx.send(pbx.cancel(invite));
            assertEquals(487, pbx.awaitFinal(invite).status());
        }
    }

    @Test
    void whenEveryPhoneDeclinesThePbxGetsOneBusy() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        a.reply(rung[0], 486, "Busy Here");
        b.reply(rung[1], 603, "Decline");
        assertEquals(486, pbx.awaitFinal(invite).status());
        everyPhoneSees(IDLE);
    }

    @Test
    void aCallFromOutsideTheTrunkByANonMemberIsForbidden() {
        try (TestPhone intruder = new TestPhone(SharedContainer.get().sip(), "call_line", ItLines.OUTSIDER.authId(),
                ItLines.OUTSIDER.password(), 0)) {
            Request invite = intruder.request("INVITE", "sip:call_line@127.0.0.1")
                    .body("application/sdp", Sdp.of("x", 1, 1, 30000, "sendrecv"));
            assertEquals(403, intruder.callAuthenticated(invite).status());
            a.assertNoRequest("INVITE", java.time.Duration.ofMillis(300));
        }
    }

    @Test
    void infoPassesThroughAndADeadPhoneLegEndsTheCall() {
        Answered call = answered();
        Request info = pbx.inDialogOf(call.atPbx(), false, "INFO", call.invite().cseq() + 1)
                .header("From", call.invite().get("From"))
                .body("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n");
        pbx.send(info);
        SipMessage atA = a.awaitRequest("INFO");
        assertTrue(atA.body().contains("Signal=5"), atA.toString());
        a.reply(atA, 481, "Call/Transaction Does Not Exist");
        assertEquals(481, pbx.awaitFinal(info).status());
        SipMessage bye = pbx.awaitRequest("BYE");
        pbx.reply(bye, 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void whenNobodyAnswersThePbxGetsNoAnswer() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        bothRinging(rung);
        // The test container rings for 3 s: the answer comes from the server's timer.
        SipMessage noAnswer = pbx.awaitFinal(invite);
        assertEquals(480, noAnswer.status());
        assertEquals("No answer", noAnswer.reason());
        bothCancelled(rung);
    }

    @Test
    void aPbxThatNamesTheLineOnlyInToIsServed() {
        Request invite = pbxInvite("sip:127.0.0.1:" + SharedContainer.get().sipPort());
        SipMessage[] rung = ring(invite);
        bothRinging(rung);
        pbx.send(pbx.cancel(invite));
        assertEquals(487, pbx.awaitFinal(invite).status());
        bothCancelled(rung);
    }
}
