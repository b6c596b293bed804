package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestTransportTest {

    private static final int LARGE = RequestTransport.UDP_LIMIT;
    private static final int SMALL = RequestTransport.UDP_LIMIT - RequestTransport.ADDED_AT_SEND;

    @Test
    void aRequestOverTheLimitOnceSentIsLarge() {
        assertTrue(RequestTransport.overUdpLimit(LARGE));
        assertTrue(RequestTransport.overUdpLimit(SMALL + 1), "what the container adds counts");
        assertFalse(RequestTransport.overUdpLimit(SMALL));
    }

    @Test
    void onlyATargetNamedDirectlyWithoutTransportMayTakeTcp() {
        assertTrue(RequestTransport.mayUseTcp(false, null));
        assertFalse(RequestTransport.mayUseTcp(true, null), "routed");
        assertFalse(RequestTransport.mayUseTcp(false, "udp"));
    }

    @Test
    void noTransportIsUdp() {
        assertTrue(RequestTransport.isUdp(null));
        assertTrue(RequestTransport.isUdp("UDP"));
        assertFalse(RequestTransport.isUdp("TCP"));
    }
}
