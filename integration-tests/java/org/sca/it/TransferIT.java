package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * A phone's Transfer key: REFER in its dialog, carried out by the PBX (which can reach the
 * target) in the PBX's own dialog; the PBX's sipfrag NOTIFYs reach the phone; the PBX hangs
 * up what it no longer needs and the appearances go idle on every phone.
 */
class TransferIT extends LineFixture {

    private static final String TRUNK = "127.0.0.1:" + ItLines.TRUNK_PORT;

    /** The PBX reports on the REFER in its dialog; the phone gets the report under its own REFER's id. */
    void pbxReports(Answered call, long cseq, String state, String sipfrag, long phoneReferCseq) {
        Request notify = pbxInDialog(call, "NOTIFY", cseq).header("Event", "refer").header("Subscription-State", state)
                .body("message/sipfrag;version=2.0", sipfrag + "\r\n");
        pbx.send(notify);
        SipMessage atA = a.awaitRequest(m -> m.method().equals("NOTIFY") && m.header("Event").orElse("").startsWith("refer"),
                "refer NOTIFY");
        assertEquals("refer;id=" + phoneReferCseq, atA.header("Event").orElseThrow());
        assertEquals(state, atA.header("Subscription-State").orElseThrow());
        assertTrue(atA.header("Content-Type").orElseThrow().startsWith("message/sipfrag"), atA.toString());
        assertTrue(atA.body().startsWith(sipfrag), atA.toString());
        assertEquals(200, pbx.awaitFinal(notify).status(), "the phone's answer goes back to the PBX");
    }

    @Test
    void blindTransferGoesThroughThePbxAndTheAppearanceEndsIdle() {
        Answered call = answered();
        Request refer = a.inDialogOf(call.atA(), true, "REFER", 1).header("Refer-To", "<sip:201@127.0.0.1>")
                .header("Referred-By", a.contact());
        a.send(refer);
        SipMessage atPbx = pbx.awaitRequest("REFER");
        assertEquals("<sip:201@" + TRUNK + ">", atPbx.header("Refer-To").orElseThrow());
        assertEquals("<sip:call_line@127.0.0.1>", atPbx.header("Referred-By").orElseThrow(), "top hiding");
        assertEquals(call.atPbx().tag("To"), atPbx.tag("From"), "in the PBX's own dialog");
        pbx.reply(atPbx, 202, "Accepted");
        assertEquals(202, a.awaitFinal(refer).status());

        pbxReports(call, 2, "active;expires=60", "SIP/2.0 100 Trying", refer.cseq());
        pbxReports(call, 3, "terminated;reason=noresource", "SIP/2.0 200 OK", refer.cseq());
        pbxHangsUp(call, a, 4);
    }

    @Test
    void theLastReportIsAnsweredEvenWhenThePhoneHangsUpFirst() {
        Answered call = answered();
        Request refer = a.inDialogOf(call.atA(), true, "REFER", 1).header("Refer-To", "<sip:201@127.0.0.1>");
        a.send(refer);
        pbx.reply(pbx.awaitRequest("REFER"), 202, "Accepted");
        assertEquals(202, a.awaitFinal(refer).status());
        Request done = pbxInDialog(call, "NOTIFY", 2).header("Event", "refer")
                .header("Subscription-State", "terminated;reason=noresource")
                .body("message/sipfrag;version=2.0", "SIP/2.0 200 OK\r\n");
        a.answerNotifiesWith(TestPhone.ANSWER_NOTIFIES_ITSELF);
        pbx.send(done);
        SipMessage atA = a.awaitRequest(m -> m.method().equals("NOTIFY") && m.header("Event").orElse("").startsWith("refer"),
                "refer NOTIFY");
        a.answerNotifiesWith(200);
        // As baresip does, and in the order the server sees it: the BYE first, then the NOTIFY's 200.
        assertEquals(200, a.call(a.inDialogOf(call.atA(), true, "BYE", 2)).status());
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(IDLE);
        a.reply(atA, 200, "OK");
        assertEquals(200, pbx.awaitFinal(done).status(), "the report still gets its answer");
    }

    @Test
    void aRefusedTransferIsAnsweredAsThePbxAnsweredIt() {
        Answered call = answered();
        Request refer = a.inDialogOf(call.atA(), true, "REFER", 1).header("Refer-To", "<sip:201@127.0.0.1>");
        a.send(refer);
        pbx.reply(pbx.awaitRequest("REFER"), 603, "Decline");
        assertEquals(603, a.awaitFinal(refer).status());
        SipMessage bad = a.call(a.inDialogOf(call.atA(), true, "REFER", 2).header("Refer-To", "<tel:+15551234>"));
        assertEquals(400, bad.status());
        assertEquals("Refer-To must be a SIP URI", bad.reason());
        SipMessage fromPbx = pbx.call(pbxInDialog(call, "REFER", 2).header("Refer-To", "<sip:1@127.0.0.1>"));
        assertEquals(403, fromPbx.status());
        pbxHangsUp(call, a, 3);
    }

    static String two(String first, String second) {
        return HOST + ";appearance-index=1;appearance-state=" + first + ";" + CALLER_PARAM + ","
                + HOST + ";appearance-index=2;appearance-state=" + second + ";appearance-uri=\"<sip:202@127.0.0.1>\"," + IDLE;
    }

    @Test
    void attendedTransferJoinsTwoCallsOfTheLineAtThePbx() {
        Answered first = answered();
        holdAtA(first, false, "held");

        // A consults 202 on appearance 2.
        Request dial = PhoneCallIT.dial(a, "202", 2, 7000);
        SipMessage challenge = a.call(dial);
        a.send(a.withAuthorization(dial, challenge));
        SipMessage consult = pbx.awaitRequest("INVITE");
        everyPhoneSees(two("held", "seized"));
        pbx.replyWithBody(consult, 200, "OK", Sdp.of("pbx", 500, 500, 43000, "sendrecv"));
        SipMessage consulted = a.awaitFinal(dial);
        a.ack(dial, consulted);
        pbx.awaitRequest("ACK");
        everyPhoneSees(two("held", "active"));

        // A joins them: Replaces names A's own dialog of the consultation.
        String replaces = consulted.callId().replace("@", "%40") + "%3Bto-tag%3D" + consulted.tag("To").orElseThrow()
                + "%3Bfrom-tag%3D" + dial.get("From").replaceFirst(".*;tag=", "");
        Request refer = a.inDialogOf(first.atA(), true, "REFER", 2).header("Refer-To", "<sip:202@127.0.0.1?Replaces=" + replaces + ">");
        a.send(refer);
        SipMessage atPbx = pbx.awaitRequest("REFER");
        String pbxDialog = consult.callId().replace("@", "%40") + "%3Bto-tag%3D" + pbx.tag()
                + "%3Bfrom-tag%3D" + consult.tag("From").orElseThrow();
        assertEquals("<sip:202@" + TRUNK + "?Replaces=" + pbxDialog + ">", atPbx.header("Refer-To").orElseThrow(),
                "the PBX's own dialog of the consultation");
        pbx.reply(atPbx, 202, "Accepted");
        assertEquals(202, a.awaitFinal(refer).status());
        pbxReports(first, 2, "terminated;reason=noresource", "SIP/2.0 200 OK", refer.cseq());

        // The PBX joined the two remote parties and hangs up both of its legs to the line.
        Request byeConsult = pbx.inDialogOf(consult, true, "BYE", 1);
        assertEquals(200, pbx.call(byeConsult).status());
        a.reply(a.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(appearance(1, "held"));
        pbxHangsUp(first, a, 3);
    }

    @Test
    void replacesNamingNoOtherCallOfTheLineIsRefused() {
        Answered call = answered();
        SipMessage refused = a.call(a.inDialogOf(call.atA(), true, "REFER", 1)
                .header("Refer-To", "<sip:202@127.0.0.1?Replaces=nope%3Bto-tag%3Dx%3Bfrom-tag%3Dy>"));
        assertEquals(403, refused.status());
        pbx.assertNoRequest("REFER", java.time.Duration.ofMillis(300));
        pbxHangsUp(call, a);
    }
}
