package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * Phones the server cannot reach at the address they name: behind NAT over UDP (Via and
 * Contact say 127.0.0.2, packets come from 127.0.0.1, no rport), and over connections they
 * opened: TCP behind NAT, and TLS with a sips: Contact. Each registers, subscribes, takes a
 * call from the PBX, hangs up, calls out and is hung up on, and every message for it must come
 * back on its own socket or connection: nothing listens at the address it names. Each
 * transport has a line of its own. The keep-alives come after the phone's first request: JAIN SIP can answer on a connection only once it has read a message
 * on it (see README, container notes), and a phone registers before it pings.
 */
class NetworksIT extends DeployedSca {

    /** Where the phones claim to be: a private address nothing listens on. */
    private static final String PRIVATE = "127.0.0.2:5062";
    private static final String IDLE = "<sip:127.0.0.1>;appearance-index=*;appearance-state=idle";

    @Test
    void aPhoneBehindNatWithoutRportIsReachedAtItsSource() {
        try (TestPhone phone = new TestPhone(new UdpLink(SharedContainer.get().sip(), 0), PRIVATE, false, ItLines.NET_UDP)) {
            wholeDay(phone, ItLines.NET_UDP, ItLines.NET_UDP_TRUNK_PORT);
        }
    }

    @Test
    void aPhoneBehindNatOverTcpIsReachedOnItsConnection() throws Exception {
        StreamLink link = StreamLink.tcp(SharedContainer.get().sip());
        try (TestPhone phone = new TestPhone(link, PRIVATE, true, ItLines.NET_TCP)) {
            wholeDay(phone, ItLines.NET_TCP, ItLines.NET_TCP_TRUNK_PORT);
            assertTrue(link.ping(TestPhone.WAIT), "CRLF keep-alive answered");
        }
    }

    @Test
    void aPhoneOverTlsIsReachedOnItsConnection() throws Exception {
        StreamLink link = StreamLink.tls(SharedContainer.get().sipTls());
        try (TestPhone phone = new TestPhone(link, null, true, ItLines.NET_TLS)) {
            assertTrue(link.negotiated().startsWith("TLSv1.3") || link.negotiated().startsWith("TLSv1.2"), link.negotiated());
            wholeDay(phone, ItLines.NET_TLS, ItLines.NET_TLS_TRUNK_PORT);
            assertTrue(link.ping(TestPhone.WAIT), "CRLF keep-alive answered");
        }
    }

    private static void wholeDay(TestPhone phone, ItLines.Line line, int trunkPort) {
        try (TestPhone pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", trunkPort)) {
            Request register = phone.request("REGISTER", line.aor()).header("Expires", "300");
            SipMessage registered = phone.callAuthenticated(register);
            assertEquals(200, registered.status());
            assertTrue(registered.header("Contact").orElseThrow().contains(phone.contact().replaceAll("[<>]", "")),
                    "the 200 lists the Contact as the phone sent it: " + registered);
            Request subscribe = CallInfoSubscriptionIT.subscribe(phone, line, 300);
            SipMessage subscribed = phone.callAuthenticated(subscribe);
            assertEquals(200, subscribed.status());
            assertEquals(IDLE, notified(phone));

            incomingCallHungUpByThePhone(phone, line, pbx);
            outgoingCallHungUpByThePbx(phone, line, pbx);

            Request unsubscribe = phone.inDialog(subscribe, subscribed).header("Expires", "0");
            assertEquals(200, phone.call(unsubscribe).status());
            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", line.aor()).header("Expires", "0")).status());
        }
    }

    private static void incomingCallHungUpByThePhone(TestPhone phone, ItLines.Line line, TestPhone pbx) {
        Request invite = pbx.request("INVITE", line.aor())
                .header("From", "<sip:4164542289@pbx.test>;tag=pbx" + System.nanoTime())
                .header("Contact", "<sip:pbx@127.0.0.1:" + pbx.port() + ">")
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
        pbx.send(invite);
        SipMessage atPhone = phone.awaitRequest("INVITE");
        assertEquals(phone.contact().replaceAll("[<>]", ""), atPhone.requestUri(), "the Request-URI stays the Contact");
        assertEquals("alerting", state(notified(phone)));
        phone.replyWithBody(atPhone, 200, "OK", Sdp.of("desk", 5959, 5959, 16424, "sendrecv"));
        SipMessage ok = pbx.awaitFinal(invite);
        assertEquals(200, ok.status());
        pbx.ack(invite, ok);
        phone.awaitRequest("ACK");
        assertEquals("active", state(notified(phone)));
        Request bye = phone.inDialogOf(atPhone, true, "BYE", 1);
        phone.send(bye);
        SipMessage byeAtPbx = pbx.awaitRequest("BYE");
        pbx.reply(byeAtPbx, 200, "OK");
        assertEquals(200, phone.awaitFinal(bye).status());
        assertEquals(IDLE, notified(phone));
    }

    private static void outgoingCallHungUpByThePbx(TestPhone phone, ItLines.Line line, TestPhone pbx) {
        Request invite = CallSteps.dialOut(phone, line);
        CallSteps.trunkAnswersAndHangsUp(phone, invite, pbx, pbx.awaitRequest("INVITE"));
        String state;
        do {
            state = state(notified(phone));
        } while (!state.equals("idle"));
    }

    private static String notified(TestPhone phone) {
        return LineFixture.callInfo(phone.awaitRequest(m -> m.method().equals("NOTIFY")
                && m.header("Event").orElse("").equals("call-info"), "call-info NOTIFY"));
    }

    /** The state of appearance 1 (or "idle" for the idle line) in a NOTIFY's Call-Info. */
    private static String state(String callInfo) {
        return callInfo.equals(IDLE) ? "idle" : callInfo.replaceFirst("^.*?appearance-state=([a-z-]+).*$", "$1");
    }
}
