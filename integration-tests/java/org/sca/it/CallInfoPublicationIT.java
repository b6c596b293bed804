package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * PUBLISH of call-info by the line's publisher (the PBX) and the NOTIFY fan-out it causes:
 * every subscribed phone gets the full line state once per change.
 */
class CallInfoPublicationIT extends DeployedSca {

    private static final ItLines.Line LINE = ItLines.PUBLISHED;
    private static final String CALLER = "\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>";
    private static final String CALLER_QUOTED = "\"\\\"Ovidiu Sas (c)\\\" <sip:4164542289@pbx.test>\"";
    private static final String IDLE = CallInfoSubscriptionIT.IDLE_LINE;

    private TestPhone pbx;
    private TestPhone phone1;
    private TestPhone phone2;

    @BeforeEach
    void pbxAndTwoSubscribedPhones() {
        pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", ItLines.PBX_PORT);
        phone1 = subscribedPhone();
        phone2 = subscribedPhone();
    }

    private TestPhone subscribedPhone() {
        TestPhone phone = new TestPhone(SharedContainer.get().sip(), LINE);
        assertEquals(200, phone.callAuthenticated(CallInfoSubscriptionIT.subscribe(phone, LINE, 300)).status());
        assertEquals(IDLE, phone.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
        return phone;
    }

    @AfterEach
    void close() {
        // Unsubscribe so the next test starts with only its own subscribers.
        phone1.close();
        phone2.close();
        pbx.close();
    }

    private Request publish(String callInfo, int expires) {
        Request r = pbx.request("PUBLISH", LINE.aor()).header("Event", "call-info").header("Expires", Integer.toString(expires));
        return callInfo == null ? r : r.header("Call-Info", callInfo);
    }

    private static String entry(int index, String state) {
        return "<sip:127.0.0.1>;appearance-index=" + index + ";appearance-state=" + state + ";appearance-uri=" + CALLER_QUOTED;
    }

    private void assertBothPhonesSee(String callInfo) {
        for (TestPhone phone : new TestPhone[] {phone1, phone2}) {
            SipMessage notify = phone.awaitRequest("NOTIFY");
            assertEquals(callInfo, String.join(",", notify.elements("Call-Info")));
        }
    }

    @Test
    void publishedStateReachesEverySubscriberAndModifyReplacesIt() {
        SipMessage created = pbx.call(publish(entry(1, "alerting"), 300));
        assertEquals(200, created.status());
        String etag = created.header("SIP-ETag").orElseThrow();
        assertEquals("300", created.header("Expires").orElseThrow());
        assertBothPhonesSee(entry(1, "alerting") + "," + IDLE);

        SipMessage modified = pbx.call(publish(entry(1, "active"), 300).header("SIP-If-Match", etag));
        assertEquals(200, modified.status());
        String newEtag = modified.header("SIP-ETag").orElseThrow();
        assertNotEquals(etag, newEtag);
        assertBothPhonesSee(entry(1, "active") + "," + IDLE);

        // The same state again changes nothing a phone can see: no NOTIFY.
        SipMessage same = pbx.call(publish(entry(1, "active"), 300).header("SIP-If-Match", newEtag));
        assertEquals(200, same.status());
        phone1.assertNoRequest("NOTIFY", Duration.ofMillis(700));

        // A refresh (no Call-Info) keeps the state; Expires: 0 withdraws it.
        String refreshed = pbx.call(publish(null, 300).header("SIP-If-Match", same.header("SIP-ETag").orElseThrow()))
                .header("SIP-ETag").orElseThrow();
        SipMessage removed = pbx.call(publish(null, 0).header("SIP-If-Match", refreshed));
        assertEquals(200, removed.status());
        assertBothPhonesSee(IDLE);
    }

    /** CallerBounds: a published appearance-uri reaches the subscribers as a caller's From would. */
    @Test
    void aHugePublishedAppearanceUriReachesThePhonesBounded() {
        String hugeName = "<sip:127.0.0.1>;appearance-index=1;appearance-state=alerting;appearance-uri=\"\\\"" + "N".repeat(5000)
                + "\\\" <sip:4164542289@pbx.test>\"";
        String hugeUri = "<sip:127.0.0.1>;appearance-index=2;appearance-state=held;appearance-uri=\"<sip:" + "9".repeat(1000) + "@pbx.test>\"";
        SipMessage published = pbx.call(publish(hugeName + "," + hugeUri, 300));
        assertEquals(200, published.status());
        assertBothPhonesSee("<sip:127.0.0.1>;appearance-index=1;appearance-state=alerting;appearance-uri=\"\\\"" + "N".repeat(64)
                + "\\\" <sip:4164542289@pbx.test>\","
                + "<sip:127.0.0.1>;appearance-index=2;appearance-state=held;appearance-uri=\"<sip:anonymous@anonymous.invalid>\","
                + IDLE);
        assertEquals(200, pbx.call(publish(null, 0).header("SIP-If-Match", published.header("SIP-ETag").orElseThrow())).status());
        assertBothPhonesSee(IDLE);
    }

    /**
     * A subscriber over TCP whose connection is gone: the server can reach it only by opening a
     * connection to the port it had, which refuses, so its NOTIFY cannot be sent. The others
     * still get this change and the next, and its own subscription is kept: a refresh in its
     * dialog, on a new connection, gets 200 and the line's state.
     */
    @Test
    void aNotifyThatCannotBeSentKeepsEverySubscriber() throws InterruptedException {
        TestPhone gone = new TestPhone(StreamLink.tcp(SharedContainer.get().sip()), null, true, LINE);
        Request subscribe = CallInfoSubscriptionIT.subscribe(gone, LINE, 300);
        SipMessage subscribed = gone.callAuthenticated(subscribe);
        assertEquals(200, subscribed.status());
        assertEquals(IDLE, gone.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
        gone.close();

        int consoleBefore = SharedContainer.get().console().length();
        SipMessage created = pbx.call(publish(entry(1, "alerting"), 300));
        assertEquals(200, created.status());
        assertBothPhonesSee(entry(1, "alerting") + "," + IDLE);
        Predicate<String> kept = l -> l.contains("NOTIFY to ") && l.contains("not sent, subscription kept: java.io.IOException");
        String console = SharedContainer.get().awaitConsole(consoleBefore, kept).substring(consoleBefore);
        assertTrue(console.lines().anyMatch(kept), console);
        SipMessage modified = pbx.call(publish(entry(1, "active"), 300).header("SIP-If-Match", created.header("SIP-ETag").orElseThrow()));
        assertBothPhonesSee(entry(1, "active") + "," + IDLE);

        TestPhone back = new TestPhone(StreamLink.tcp(SharedContainer.get().sip()), null, true, LINE);
        try {
            Request refresh = back.inDialog(subscribe, subscribed).header("Contact", back.contact());
            assertEquals(200, back.callAuthenticated(refresh).status());
            SipMessage notify = back.awaitRequest("NOTIFY");
            assertEquals(entry(1, "active") + "," + IDLE, String.join(",", notify.elements("Call-Info")));
            assertTrue(notify.header("Subscription-State").orElseThrow().startsWith("active;expires="), notify.toString());
            back.call(back.inDialog(refresh, subscribed).header("Expires", "0"));
            back.awaitRequest(m -> m.method().equals("NOTIFY") && m.header("Subscription-State").orElseThrow().startsWith("terminated"),
                    "the terminating NOTIFY");
        } finally {
            back.close();
        }
        assertEquals(200, pbx.call(publish(null, 0).header("SIP-If-Match", modified.header("SIP-ETag").orElseThrow())).status());
        assertBothPhonesSee(IDLE);
    }

    @Test
    void unknownEntityTagIsRefused() {
        SipMessage refused = pbx.call(publish(entry(2, "held"), 300).header("SIP-If-Match", "no-such-etag"));
        assertEquals(412, refused.status());
        phone1.assertNoRequest("NOTIFY", Duration.ofMillis(500));
    }

    @Test
    void publicationExpires() {
        assertEquals(200, pbx.call(publish(entry(2, "held"), 2)).status());
        assertBothPhonesSee(entry(2, "held") + "," + IDLE);
        assertBothPhonesSee(IDLE);
    }

    @Test
    void onlyTheConfiguredPublisherMayPublish() {
        SipMessage refused = phone1.call(phone1.request("PUBLISH", LINE.aor())
                .header("Event", "call-info").header("Call-Info", entry(1, "active")));
        assertEquals(403, refused.status());
        phone2.assertNoRequest("NOTIFY", Duration.ofMillis(500));
    }

    @Test
    void malformedCallInfoIsABadRequestAndChangesNothing() {
        SipMessage bad = pbx.call(publish("<sip:127.0.0.1>;appearance-index=x;appearance-state=held", 300));
        assertEquals(400, bad.status());
        assertTrue(bad.reason().startsWith("Bad Call-Info"), bad.reason());
        SipMessage beyond = pbx.call(publish("<sip:127.0.0.1>;appearance-index=9;appearance-state=held", 300));
        assertEquals(400, beyond.status());
        phone1.assertNoRequest("NOTIFY", Duration.ofMillis(500));
    }

    @Test
    void aPublishWithAnUnknownEventIsRefused() {
        SipMessage bad = pbx.call(publish(entry(1, "active"), 300).header("Event", "dialog"));
        assertEquals(489, bad.status());
    }
}
