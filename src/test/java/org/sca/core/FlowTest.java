package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FlowTest {

    @Test
    void udpFlowsReadAsTheyWereStoredBefore() {
        Flow udp = Flow.parse("192.0.2.7:5060");
        assertEquals(new Flow("udp", "192.0.2.7", 5060), udp);
        assertEquals("192.0.2.7:5060", udp.toString());
        assertEquals("sip:192.0.2.7:5060;lr", udp.route());
    }

    @Test
    void aConnectionFlowNamesItsTransport() {
        Flow tcp = new Flow("TCP", "2001:db8::1", 40123);
        assertEquals(tcp, Flow.parse(tcp.toString()));
        assertEquals("sip:[2001:db8::1]:40123;transport=tcp;lr", tcp.route());
    }

    @Test
    void aContactAtTheFlowNeedsNoRoute() {
        Flow flow = Flow.parse("192.0.2.7:5062");
        assertTrue(flow.isAt("192.0.2.7", 5062, "UDP"));
        assertFalse(flow.isAt("10.0.0.7", 5062, "udp"), "a private Contact behind NAT");
        assertFalse(flow.isAt("192.0.2.7", 5062, "tcp"));
    }

    @Test
    void aContactWithoutPortOrTransportMeansWhatRfc3261Says() {
        assertTrue(Flow.parse("192.0.2.7:5060").isReachedBy("192.0.2.7", -1, false, null));
        assertTrue(Flow.parse("192.0.2.7:5061;transport=tls").isReachedBy("192.0.2.7", -1, true, null));
        assertFalse(Flow.parse("192.0.2.7:40123;transport=tcp").isReachedBy("192.0.2.7", 40123, false, null));
    }

    @Test
    void garbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Flow.parse("nohostport"));
    }
}
