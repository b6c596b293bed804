package org.sca.core.sdp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SdpOriginRewriterTest {

    private static final String HOLD_FROM_92 = SeedSdp.HOLD_FROM_92;
    private static final String ACTIVE_FROM_93 = SeedSdp.ACTIVE_FROM_93;

    private static SessionDescription sdp(String text) throws MalformedSdpException {
        return SessionDescription.parse(text);
    }

    @Test
    void firstSdpKeepsTheOriginTheLegAdoptedFromIt() throws MalformedSdpException {
        SessionDescription first = sdp(HOLD_FROM_92);
        SdpOriginRewriter.Rewritten out = SdpOriginRewriter.forLeg(first).rewrite(first);
        assertEquals(HOLD_FROM_92, out.sdp().format());
        assertEquals(first.origin(), out.next().origin());
    }

    @Test
    void explicitLegOriginGoesOnTheFirstSdp() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 1, "sca", "192.168.2.2");
        SessionDescription out = leg.rewrite(sdp(ACTIVE_FROM_93)).sdp();
        assertEquals(new Origin("sca", "4242", 1, "IN", "IP4", "192.168.2.2"), out.origin());
        assertTrue(out.hasSameBodyAs(sdp(ACTIVE_FROM_93)));
    }

    @Test
    void ipv6AddressGivesIp6AddressType() {
        assertEquals("IP6", new SdpOriginRewriter("1", 1, "sca", "2001:db8::2").origin().addrType());
    }

    @Test
    void sameBodyTwiceKeepsTheVersion() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 10, "sca", "192.168.2.2");
        SdpOriginRewriter.Rewritten first = leg.rewrite(sdp(ACTIVE_FROM_93));
        SdpOriginRewriter.Rewritten again = first.next().rewrite(sdp(ACTIVE_FROM_93));
        assertEquals(10, again.sdp().origin().version());
        assertEquals(first.sdp(), again.sdp());
    }

    @Test
    void sameBodyUnderAnotherOriginKeepsTheVersion() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 10, "sca", "192.168.2.2");
        SdpOriginRewriter next = leg.rewrite(sdp(ACTIVE_FROM_93)).next();
        String reissued = ACTIVE_FROM_93.replace("o=- 5959 5959", "o=- 5959 5960");
        assertEquals(10, next.rewrite(sdp(reissued)).sdp().origin().version());
    }

    @Test
    void changedBodyIncreasesTheVersionByOne() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 10, "sca", "192.168.2.2");
        SdpOriginRewriter next = leg.rewrite(sdp(ACTIVE_FROM_93)).next();
        String held = ACTIVE_FROM_93.replace("a=sendrecv", "a=sendonly");
        assertEquals(11, next.rewrite(sdp(held)).sdp().origin().version());
    }

    @Test
    void bridgingToAnotherPhoneKeepsTheLegsOriginAndBumpsTheVersion() throws MalformedSdpException {
        // The trunk leg first carried phone .92's SDP; phone .93 retrieves the call, and its SDP
        // has another session id and a lower version (5959 < 6291).
        SessionDescription from92 = sdp(HOLD_FROM_92);
        SdpOriginRewriter trunk = SdpOriginRewriter.forLeg(from92).rewrite(from92).next();

        SessionDescription sent = trunk.rewrite(sdp(ACTIVE_FROM_93)).sdp();

        assertEquals(new Origin("-", "6290", 6292, "IN", "IP4", "192.168.2.92"), sent.origin());
        assertEquals(ACTIVE_FROM_93.replace("o=- 5959 5959 IN IP4 192.168.2.93", "o=- 6290 6292 IN IP4 192.168.2.92"),
                sent.format());
    }

    @Test
    void goingBackToAnEarlierBodyStillMovesForward() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 1, "sca", "192.168.2.2");
        SdpOriginRewriter.Rewritten a = leg.rewrite(sdp(HOLD_FROM_92));
        SdpOriginRewriter.Rewritten b = a.next().rewrite(sdp(ACTIVE_FROM_93));
        SdpOriginRewriter.Rewritten backToA = b.next().rewrite(sdp(HOLD_FROM_92));
        assertEquals(3, backToA.sdp().origin().version());
    }

    @Test
    void firstSdpThenFiveChangesGiveStrictlyIncreasingVersions() throws MalformedSdpException {
        SdpOriginRewriter leg = new SdpOriginRewriter("4242", 100, "sca", "192.168.2.2");
        long previous = -1;
        for (int port = 20000; port <= 20010; port += 2) {
            SdpOriginRewriter.Rewritten out = leg.rewrite(sdp(ACTIVE_FROM_93.replace("16408", Integer.toString(port))));
            long version = out.sdp().origin().version();
            assertEquals(previous < 0 ? 100 : previous + 1, version);
            assertEquals("4242", out.sdp().origin().sessionId());
            previous = version;
            leg = out.next();
        }
        assertEquals(105, previous);
    }
}
