package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * RFC 3261 18.1.1 for the forked INVITE: a PBX offer with a large SDP makes each phone's INVITE
 * over 1300 bytes; the phone that listens on TCP at its port gets it by TCP, the two whose port
 * refuses get it by UDP, and the whole call (ringing, the PBX's CANCEL, 487) goes on as usual.
 */
class LargeInviteIT extends LineFixture {

    private static final int RFC_3261_LIMIT = 1300;

    @Test
    void aLargeForkGoesByTcpWhereThePhoneListensAndByUdpElsewhere() {
        DualLink link = new DualLink(SharedContainer.get().sip());
        TestPhone c = onTheLine(ItLines.CALL_C, link);
        Request invite = pbxInvite().body("application/sdp", largeOffer());
        pbx.send(invite);
        SipMessage atA = a.awaitRequest("INVITE");
        SipMessage atB = b.awaitRequest("INVITE");
        SipMessage atC = c.awaitRequest("INVITE");
        for (SipMessage forked : new SipMessage[] {atA, atB, atC}) {
            assertTrue(forked.toString().length() > RFC_3261_LIMIT, forked.toString());
            assertTrue(forked.body().contains("a=x-padding-29:"), forked.toString());
        }
        assertTrue(atA.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), atA.toString());
        assertTrue(atB.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), atB.toString());
        assertTrue(atC.header("Via").orElseThrow().startsWith("SIP/2.0/TCP "), atC.toString());
        assertEquals(2, link.acceptedConnections(), "the server's probe of the port (at the first NOTIFY), then the INVITE's connection");
        everyPhoneSees(appearance(1, "alerting"));

        // Each rings (a branch gets its CANCEL only after a provisional answer, RFC 3261 9.1); C's answers go on the server's connection.
        SipMessage[] rung = {atA, atB, atC};
        TestPhone[] ringing = {a, b, c};
        for (int i = 0; i < rung.length; i++) {
            ringing[i].replyWithBody(rung[i], 180, "Ringing", null);
        }
        assertEquals(180, pbx.awaitResponse(m -> m.status() == 180, "180").status());
        pbx.send(pbx.cancel(invite));
        assertEquals(487, pbx.awaitFinal(invite).status());
        for (int i = 0; i < rung.length; i++) {
            ringing[i].reply(ringing[i].awaitRequest("CANCEL"), 200, "OK");
            ringing[i].reply(rung[i], 487, "Request Terminated");
            ringing[i].awaitRequest(m -> m.method().equals("ACK"), "the ACK of the 487");
        }
        everyPhoneSees(IDLE);
    }

    /** The PBX's offer with 30 attribute lines more: about 2 KB, as with many codecs and ICE candidates. */
    private static String largeOffer() {
        StringBuilder sdp = new StringBuilder(Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
        for (int i = 0; i < 30; i++) {
            sdp.append("a=x-padding-").append(i).append(':').append("p".repeat(40)).append("\r\n");
        }
        return sdp.toString();
    }
}
