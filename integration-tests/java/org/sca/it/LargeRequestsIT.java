package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * RFC 3261 18.1.1: a NOTIFY over 1300 bytes (four published calls with long caller URIs)
 * reaches a UDP-subscribed phone by TCP at the same host and port when it listens there, and
 * by UDP when its port refuses the connection or its firewall drops it. Every message stays
 * below 8 KiB, where a UDP datagram would be cut.
 */
class LargeRequestsIT extends DeployedSca {

    private static final ItLines.Line LINE = ItLines.PUBLISHED;
    private static final String IDLE = CallInfoSubscriptionIT.IDLE_LINE;
    private static final int RFC_3261_LIMIT = 1300;

    private TestPhone pbx;
    private TestPhone phone;
    private Request subscribe;
    private SipMessage subscribed;

    @BeforeEach
    void pbx() {
        pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", ItLines.PBX_PORT);
    }

    @AfterEach
    void close() {
        phone.send(phone.inDialog(subscribe, subscribed).header("Expires", "0"));
        phone.close();
        pbx.close();
    }

    @Test
    void aLargeNotifyGoesByTcpToAPhoneListeningThereAndASmallOneByUdp() {
        DualLink link = new DualLink(SharedContainer.get().sip());
        SipMessage first = subscribedOn(link);
        assertTrue(first.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), first.toString());

        String etag = publishFourLongCalls();
        SipMessage large = phone.awaitRequest("NOTIFY");
        assertTrue(large.toString().length() > RFC_3261_LIMIT, large.toString());
        assertTrue(large.header("Via").orElseThrow().startsWith("SIP/2.0/TCP "), large.toString());
        assertEquals(2, link.acceptedConnections(), "the server's probe of the port, then the NOTIFY's connection");
        // Restcomm names the transport it used in the Contact: the phone may send its refreshes by TCP too.
        assertTrue(large.header("Contact").orElseThrow().contains(";transport=tcp"), large.toString());
        assertEquals(fourLongCalls() + "," + IDLE, String.join(",", large.elements("Call-Info")));

        assertEquals(200, pbx.call(publish(null, 0).header("SIP-If-Match", etag)).status());
        SipMessage small = phone.awaitRequest("NOTIFY");
        assertEquals(IDLE, small.header("Call-Info").orElseThrow());
        assertTrue(small.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), small.toString());
    }

    @Test
    void aLargeNotifyGoesByUdpToAPhoneWhosePortRefusesTcp() {
        subscribedOn(new UdpLink(SharedContainer.get().sip(), 0));
        String etag = publishFourLongCalls();
        SipMessage large = phone.awaitRequest("NOTIFY");
        assertTrue(large.toString().length() > RFC_3261_LIMIT, large.toString());
        assertTrue(large.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), large.toString());
        assertEquals(fourLongCalls() + "," + IDLE, String.join(",", large.elements("Call-Info")));
        assertEquals(200, pbx.call(publish(null, 0).header("SIP-If-Match", etag)).status());
        assertEquals(IDLE, phone.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
    }

    @Test
    void aLargeNotifyGoesByUdpAtOnceToAPhoneWhoseFirewallDropsTcp() throws Exception {
        UdpLink.Twins<FullBacklog> twins = UdpLink.withTcpTwin(SharedContainer.get().sip(), FullBacklog::new);
        try (FullBacklog firewall = twins.tcp()) {
            subscribedOn(twins.udp()); // the first NOTIFY has the server probe the phone's TCP port
            // Nothing on the wire ends the probe: it gives up after TcpReach.PROBE_TIMEOUT (2 s).
            Thread.sleep(2500);
            String etag = publishFourLongCalls();
            // Tried by TCP, it would come only after JAIN SIP's 10 s connect timeout, past TestPhone.WAIT.
            SipMessage large = phone.awaitRequest("NOTIFY");
            assertTrue(large.toString().length() > RFC_3261_LIMIT, large.toString());
            assertTrue(large.header("Via").orElseThrow().startsWith("SIP/2.0/UDP "), large.toString());
            assertEquals(200, pbx.call(publish(null, 0).header("SIP-If-Match", etag)).status());
            assertEquals(IDLE, phone.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
        }
    }

    private SipMessage subscribedOn(PhoneLink link) {
        phone = new TestPhone(link, null, true, LINE);
        subscribe = CallInfoSubscriptionIT.subscribe(phone, LINE, 300);
        subscribed = phone.callAuthenticated(subscribe);
        assertEquals(200, subscribed.status());
        SipMessage notify = phone.awaitRequest("NOTIFY");
        assertEquals(IDLE, notify.header("Call-Info").orElseThrow());
        return notify;
    }

    private String publishFourLongCalls() {
        SipMessage published = pbx.call(publish(fourLongCalls(), 300));
        assertEquals(200, published.status());
        return published.header("SIP-ETag").orElseThrow();
    }

    /** Four calls whose callers have the longest name and URI the server passes on (CallerBounds). */
    private static String fourLongCalls() {
        StringBuilder b = new StringBuilder();
        for (int index = 1; index <= 4; index++) {
            b.append(index == 1 ? "" : ",").append("<sip:127.0.0.1>;appearance-index=").append(index)
                    .append(";appearance-state=held;appearance-uri=\"\\\"").append("N".repeat(64)).append("\\\" <sip:")
                    .append(String.valueOf(index).repeat(200)).append("@pbx.test>\"");
        }
        return b.toString();
    }

    private Request publish(String callInfo, int expires) {
        Request r = pbx.request("PUBLISH", LINE.aor()).header("Event", "call-info").header("Expires", Integer.toString(expires));
        return callInfo == null ? r : r.header("Call-Info", callInfo);
    }
}
