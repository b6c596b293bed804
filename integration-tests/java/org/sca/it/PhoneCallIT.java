package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * Calls the phones make: seizing an appearance (the line-seize event package), dialling out
 * through the line's trunk as the line, and the call behaving from then on as an incoming one.
 */
class PhoneCallIT extends LineFixture {

    static final String DIALLED = "<sip:4164542289@127.0.0.1>";

    static String seized(int index) {
        return HOST + ";appearance-index=" + index + ";appearance-state=seized," + IDLE;
    }

    static String dialled(String state) {
        return dialled(DIALLED, state);
    }

    static String dialled(String whom, String state) {
        return HOST + ";appearance-index=1;appearance-state=" + state + ";appearance-uri=\"" + whom + "\"," + IDLE;
    }

    Request seize(TestPhone phone, Integer index, int expires) {
        Request r = phone.request("SUBSCRIBE", ItLines.CALL_A.aor()).header("Event", "line-seize")
                .header("Expires", Integer.toString(expires));
        return index == null ? r : r.header("Call-Info", HOST + ";appearance-index=" + index);
    }

    /** A phone's INVITE calling out as the line; {@code index} null: no Call-Info. */
    static Request dial(TestPhone phone, String number, Integer index, long sdpSession) {
        Request r = phone.request("INVITE", "sip:" + number + "@127.0.0.1")
                .header("From", "<sip:call_line@127.0.0.1>;tag=out" + phone.port() + "-" + sdpSession)
                .body("application/sdp", Sdp.of("desk", sdpSession, sdpSession, 16500, "sendrecv"));
        return index == null ? r : r.header("Call-Info", HOST + ";appearance-index=" + index);
    }

    static SipMessage seizeNotify(TestPhone phone) {
        return phone.awaitRequest(m -> m.method().equals("NOTIFY") && m.header("Event").orElse("").equals("line-seize"),
                "line-seize NOTIFY");
    }

    @Test
    void aSeizeLightsTheKeyOnEveryPhoneAndIsReleased() {
        Request s = seize(a, 1, 30);
        SipMessage ok = a.callAuthenticated(s);
        assertEquals(200, ok.status());
        assertEquals("15", ok.header("Expires").orElseThrow(), "a seize lasts at most 15 s");
        SipMessage granted = seizeNotify(a);
        assertEquals(HOST + ";appearance-index=1", granted.header("Call-Info").orElseThrow());
        assertEquals("active;expires=15", granted.header("Subscription-State").orElseThrow());
        everyPhoneSees(seized(1));

        SipMessage busy = b.callAuthenticated(seize(b, 1, 15));
        assertEquals(480, busy.status());
        assertTrue(busy.header("Retry-After").isPresent(), busy.toString());

        Request release = a.inDialog(s, ok).header("Expires", "0");
        assertEquals(200, a.call(release).status());
        SipMessage end = seizeNotify(a);
        assertEquals("terminated;reason=timeout", end.header("Subscription-State").orElseThrow());
        everyPhoneSees(IDLE);
    }

    @Test
    void aSeizeWithoutIndexTakesTheLowestIdleAndASeizeExpires() {
        Request seizeA = seize(a, 1, 15);
        SipMessage grantedA = a.callAuthenticated(seizeA);
        assertEquals(200, grantedA.status());
        everyPhoneSees(seized(1));
        assertEquals(200, b.callAuthenticated(seize(b, null, 2)).status());
        SipMessage atB = seizeNotify(b);
        assertEquals(HOST + ";appearance-index=2", atB.header("Call-Info").orElseThrow());
        everyPhoneSees(HOST + ";appearance-index=1;appearance-state=seized," + HOST + ";appearance-index=2;appearance-state=seized," + IDLE);
        // B's two seconds run out; A's seize stays.
        everyPhoneSees(seized(1));
        SipMessage timeout = seizeNotify(b);
        assertEquals("terminated;reason=timeout", timeout.header("Subscription-State").orElseThrow());
        release(a, seizeA, grantedA);
    }

    @Test
    void twoPhonesRacingForOneAppearanceOneGetsIt() {
        Request fromA = seize(a, 2, 15);
        Request fromB = seize(b, 2, 15);
        SipMessage challengeA = a.call(fromA);
        SipMessage challengeB = b.call(fromB);
        a.send(a.withAuthorization(fromA, challengeA));
        b.send(b.withAuthorization(fromB, challengeB));
        SipMessage resultA = a.awaitFinal(fromA);
        SipMessage resultB = b.awaitFinal(fromB);
        assertEquals(List.of(200, 480), List.of(resultA.status(), resultB.status()).stream().sorted().toList());
        everyPhoneSees(seized(2));
        if (resultA.status() == 200) {
            release(a, fromA, resultA);
        } else {
            release(b, fromB, resultB);
        }
    }

    /** Ends a seize with Expires: 0; the appearance is idle again on every phone. */
    void release(TestPhone phone, Request seize, SipMessage granted) {
        assertEquals(200, phone.call(phone.inDialog(seize, granted).header("Expires", "0")).status());
        everyPhoneSees(IDLE);
    }

    @Test
    void seizeDialAnswerHoldRetrieveByTheOtherPhoneAndHangUp() {
        Request s = seize(a, 1, 15);
        assertEquals(200, a.callAuthenticated(s).status());
        assertEquals("active;expires=15", seizeNotify(a).header("Subscription-State").orElseThrow());
        everyPhoneSees(seized(1));

        Request dial = dial(a, "4164542289", 1, 6000);
        SipMessage challenge = a.call(dial);
        assertEquals(401, challenge.status());
        a.send(a.withAuthorization(dial, challenge));

        SipMessage atPbx = pbx.awaitRequest("INVITE");
        assertEquals("sip:4164542289@127.0.0.1:" + ItLines.TRUNK_PORT, atPbx.requestUri());
        assertTrue(atPbx.header("From").orElseThrow().startsWith("\"Call Line\" <sip:call_line@127.0.0.1>"), atPbx.toString());
        assertNotEquals(dial.get("Call-ID"), atPbx.callId());
        assertFalse(atPbx.toString().contains(":" + a.port()), "top hiding\n" + atPbx);
        assertEquals("6000 6000", Sdp.origin(atPbx));

        pbx.replyWithBody(atPbx, 180, "Ringing", null);
        assertEquals(180, a.awaitResponse(m -> m.status() == 180, "180 at A").status());
        SipMessage noresource = seizeNotify(a);
        assertEquals("terminated;reason=noresource", noresource.header("Subscription-State").orElseThrow());
        everyPhoneSees(dialled("progressing"));

        pbx.replyWithBody(atPbx, 200, "OK", Sdp.of("pbx", 300, 300, 41000, "sendrecv"));
        SipMessage answered = a.awaitFinal(dial);
        assertEquals(200, answered.status());
        assertEquals("300 300", Sdp.origin(answered));
        a.ack(dial, answered);
        pbx.awaitRequest("ACK");
        everyPhoneSees(dialled("active"));

        // Hold from A (the caller, so its dialog is the UAC one), then B takes the call.
        Request hold = a.inDialogOf(answered, false, "INVITE", dial.cseq() + 1)
                .body("application/sdp", Sdp.of("desk-a", 6000, 6001, 16500, "sendonly"));
        a.send(hold);
        SipMessage reHold = pbx.awaitRequest("INVITE");
        assertEquals("6000 6001", Sdp.origin(reHold));
        pbx.replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 300, 301, 41000, "recvonly"));
        SipMessage holdOk = a.awaitFinal(hold);
        assertEquals("300 301", Sdp.origin(holdOk));
        a.ack(hold, holdOk);
        everyPhoneSees(dialled("held"));

        Request retrieve = retrieveInvite(b, 1);
        CallSteps.Retrieved retrieved = CallSteps.retrieve(pbx, b, retrieve, a, Sdp.of("pbx", 300, 302, 41000, "sendrecv"));
        assertEquals("6000 6002", Sdp.origin(retrieved.bridge()), "the PBX still sees A's origin, version +1");
        SipMessage taken = retrieved.answered();
        everyPhoneSees(dialled("active"));

        assertEquals(200, b.call(b.inDialogOf(taken, false, "BYE", retrieve.cseq() + 1)).status());
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void dialingOnAnAppearanceAnotherPhoneSeizedIsForbidden() {
        Request s = seize(a, 1, 15);
        SipMessage granted = a.callAuthenticated(s);
        assertEquals(200, granted.status());
        everyPhoneSees(seized(1));
        SipMessage refused = b.callAuthenticated(dial(b, "4164542289", 1, 1));
        assertEquals(403, refused.status());
        pbx.assertNoRequest("INVITE", java.time.Duration.ofMillis(300));
        release(a, s, granted);
    }

    @Test
    void aFailedCallFreesTheAppearance() {
        Request dial = dial(a, "5550000", null, 2);
        SipMessage challenge = a.call(dial);
        a.send(a.withAuthorization(dial, challenge));
        SipMessage atPbx = pbx.awaitRequest("INVITE");
        // Dialling without a seize takes the appearance at once, showing whom the phone calls.
        everyPhoneSees(dialled("<sip:5550000@127.0.0.1>", "seized"));
        pbx.reply(atPbx, 486, "Busy Here");
        assertEquals(486, a.awaitFinal(dial).status());
        everyPhoneSees(IDLE);
    }
}
