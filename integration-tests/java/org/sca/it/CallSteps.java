package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.sca.it.TestPhone.Request;

/**
 * Steps of a call that several tests take the same way, on whatever line and devices they
 * use. What each phone is NOTIFYed stays with the tests: it differs from line to line.
 */
final class CallSteps {

    /** The PBX's re-INVITE that bridged the picking-up phone, and the 200 that phone got. */
    record Retrieved(SipMessage bridge, SipMessage answered) {}

    private CallSteps() {}

    /**
     * Both phones ring, {@code winner} answers, {@code loser} is CANCELled (and answers 487);
     * the PBX gets the 200 and ACKs it, and the ACK reaches the winner.
     *
     * @return the PBX's 200
     */
    static SipMessage answer(TestPhone pbx, Request invite, TestPhone winner, SipMessage atWinner, TestPhone loser,
            SipMessage atLoser) {
        // Ringing first: a CANCEL may only follow a provisional response (RFC 3261 9.1).
        winner.reply(atWinner, 180, "Ringing");
        loser.reply(atLoser, 180, "Ringing");
        assertEquals(180, pbx.awaitResponse(m -> m.status() == 180, "180 at the PBX").status());
        winner.replyWithBody(atWinner, 200, "OK", Sdp.of("desk-a", 5959, 5959, 16424, "sendrecv"));
        loser.reply(loser.awaitRequest("CANCEL"), 200, "OK");
        loser.reply(atLoser, 487, "Request Terminated");
        SipMessage ok = pbx.awaitFinal(invite);
        assertEquals(200, ok.status());
        pbx.ack(invite, ok);
        winner.awaitRequest("ACK");
        return ok;
    }

    /**
     * {@code phone} picks a held call up with {@code retrieve}, through the digest challenge;
     * the PBX accepts the bridge with {@code pbxAnswer}; the phone that held gets BYE.
     */
    static Retrieved retrieve(TestPhone pbx, TestPhone phone, Request retrieve, TestPhone holder, String pbxAnswer) {
        SipMessage challenge = phone.call(retrieve);
        assertEquals(401, challenge.status(), "the default path: digest");
        phone.send(phone.withAuthorization(retrieve, challenge));
        SipMessage bridge = pbx.awaitRequest("INVITE");
        pbx.replyWithBody(bridge, 200, "OK", pbxAnswer);
        SipMessage answered = phone.awaitFinal(retrieve);
        assertEquals(200, answered.status());
        phone.ack(retrieve, answered);
        holder.reply(holder.awaitRequest("BYE"), 200, "OK");
        return new Retrieved(bridge, answered);
    }

    /** {@code phone} dials out as {@code line}, through the digest challenge; returns its INVITE, now waiting for a final answer. */
    static Request dialOut(TestPhone phone, ItLines.Line line) {
        Request invite = phone.request("INVITE", "sip:5551234@127.0.0.1")
                .header("From", "<" + line.aor() + ">;tag=out" + System.nanoTime())
                .header("To", "<sip:5551234@127.0.0.1>")
                .body("application/sdp", Sdp.of("desk", 6000, 6000, 16500, "sendrecv"));
        SipMessage challenge = phone.call(invite);
        assertEquals(401, challenge.status(), "the default path: digest");
        phone.send(phone.withAuthorization(invite, challenge));
        return invite;
    }

    /** The trunk answers the phone's call ({@code atTrunk}), the phone ACKs, the trunk hangs up. */
    static void trunkAnswersAndHangsUp(TestPhone phone, Request invite, TestPhone trunk, SipMessage atTrunk) {
        trunk.replyWithBody(atTrunk, 200, "OK", Sdp.of("pbx", 200, 200, 40100, "sendrecv"));
        SipMessage ok = phone.awaitFinal(invite);
        assertEquals(200, ok.status());
        phone.ack(invite, ok);
        trunk.awaitRequest("ACK");
        Request bye = trunk.inDialogOf(atTrunk, true, "BYE", 1);
        trunk.send(bye);
        phone.reply(phone.awaitRequest("BYE"), 200, "OK");
        assertEquals(200, trunk.awaitFinal(bye).status());
    }
}
