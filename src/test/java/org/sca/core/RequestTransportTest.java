package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestTransportTest {

    private static final int LARGE = RequestTransport.UDP_LIMIT;
    private static final int SMALL = RequestTransport.UDP_LIMIT - RequestTransport.ADDED_AT_SEND;

    @Test
    void aLargeRequestToATargetNamedDirectlyWithoutTransportGoesOverTcp() {
        assertTrue(RequestTransport.overTcp(() -> LARGE, false, null));
        assertTrue(RequestTransport.overTcp(() -> SMALL + 1, false, null), "what the container adds counts");
    }

    @Test
    void aSmallOneARoutedOneOrOneToAUdpOnlyTargetDoesNot() {
        assertFalse(RequestTransport.overTcp(() -> SMALL, false, null));
        assertFalse(RequestTransport.overTcp(() -> LARGE, true, null));
        assertFalse(RequestTransport.overTcp(() -> LARGE, false, "udp"));
    }

    @Test
    void noTransportIsUdp() {
        assertTrue(RequestTransport.isUdp(null));
        assertTrue(RequestTransport.isUdp("UDP"));
        assertFalse(RequestTransport.isUdp("TCP"));
    }
}
