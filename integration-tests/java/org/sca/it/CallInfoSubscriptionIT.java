package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/** The call-info subscription lifecycle (RFC 6665) as two member phones and an outsider see it. */
class CallInfoSubscriptionIT extends DeployedSca {

    private static final ItLines.Line LINE = ItLines.PRESENCE;
    static final String IDLE_LINE = "<sip:127.0.0.1>;appearance-index=*;appearance-state=idle";

    private TestPhone alice;
    private TestPhone bob;

    @BeforeEach
    void phones() {
        alice = new TestPhone(SharedContainer.get().sip(), LINE);
        bob = new TestPhone(SharedContainer.get().sip(), ItLines.PRESENCE_BOB);
    }

    @AfterEach
    void close() {
        alice.close();
        bob.close();
    }

    static Request subscribe(TestPhone phone, ItLines.Line line, int expires) {
        return phone.request("SUBSCRIBE", line.aor())
                .header("Event", "call-info")
                .header("Expires", Integer.toString(expires));
    }

    @Test
    void subscribeIsAnsweredThenNotifiedWithTheIdleLine() {
        Request s = subscribe(alice, LINE, 300);
        SipMessage ok = alice.callAuthenticated(s);
        assertEquals(200, ok.status());
        assertEquals("300", ok.header("Expires").orElseThrow());
        assertTrue(ok.header("Contact").isPresent(), ok.toString());

        SipMessage notify = alice.awaitRequest("NOTIFY");
        assertEquals(IDLE_LINE, notify.header("Call-Info").orElseThrow());
        assertEquals("active;expires=300", notify.header("Subscription-State").orElseThrow());
        assertEquals("call-info", notify.header("Event").orElseThrow());
        assertEquals(s.get("Call-ID"), notify.callId());
        assertEquals(ok.tag("To").orElseThrow(), notify.tag("From").orElseThrow());
        assertEquals("", notify.body());
    }

    @Test
    void twoMembersBothSubscribe() {
        assertEquals(200, alice.callAuthenticated(subscribe(alice, LINE, 300)).status());
        assertEquals(200, bob.callAuthenticated(subscribe(bob, ItLines.PRESENCE_BOB, 300)).status());
        assertEquals(IDLE_LINE, alice.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
        assertEquals(IDLE_LINE, bob.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
    }

    @Test
    void aDeviceOfAnotherLineIsRefused() {
        try (TestPhone intruder = new TestPhone(SharedContainer.get().sip(), LINE.user(),
                ItLines.OUTSIDER.authId(), ItLines.OUTSIDER.password(), 0)) {
            SipMessage refused = intruder.callAuthenticated(subscribe(intruder, LINE, 300));
            assertEquals(403, refused.status());
            intruder.assertNoRequest("NOTIFY", java.time.Duration.ofMillis(500));
        }
    }

    @Test
    void unknownEventIsRefusedWithAllowEvents() {
        SipMessage bad = alice.call(subscribe(alice, LINE, 300).header("Event", "presence"));
        assertEquals(489, bad.status());
        assertEquals(java.util.List.of("call-info", "line-seize"), bad.elements("Allow-Events"));
    }

    @Test
    void missingEventIsABadRequest() {
        SipMessage bad = alice.call(subscribe(alice, LINE, 300).remove("Event"));
        assertEquals(400, bad.status());
        assertEquals("Missing Event header", bad.reason());
    }

    @Test
    void tooBriefIsRefusedWithMinExpires() {
        SipMessage brief = alice.callAuthenticated(subscribe(alice, LINE, 1));
        assertEquals(423, brief.status());
        assertEquals("2", brief.header("Min-Expires").orElseThrow());
    }

    @Test
    void grantedExpiryIsCappedAtTheMaximum() {
        SipMessage ok = alice.callAuthenticated(subscribe(alice, LINE, 100000));
        assertEquals("600", ok.header("Expires").orElseThrow());
        assertEquals("active;expires=600", alice.awaitRequest("NOTIFY").header("Subscription-State").orElseThrow());
    }

    @Test
    void refreshNotifiesFullStateWithHigherCseq() {
        Request s = subscribe(alice, LINE, 300);
        SipMessage ok = alice.callAuthenticated(s);
        SipMessage first = alice.awaitRequest("NOTIFY");

        Request refresh = alice.inDialog(s, ok).header("Expires", "200");
        assertEquals(200, alice.call(refresh).status());
        SipMessage second = alice.awaitRequest("NOTIFY");
        assertEquals(IDLE_LINE, second.header("Call-Info").orElseThrow());
        assertEquals("active;expires=200", second.header("Subscription-State").orElseThrow());
        assertTrue(second.cseq() > first.cseq(), first.cseq() + " then " + second.cseq());
    }

    @Test
    void unsubscribeTerminatesAndForgetsTheDialog() {
        Request s = subscribe(alice, LINE, 300);
        SipMessage ok = alice.callAuthenticated(s);
        alice.awaitRequest("NOTIFY");

        Request unsubscribe = alice.inDialog(s, ok).header("Expires", "0");
        SipMessage bye = alice.call(unsubscribe);
        assertEquals(200, bye.status());
        SipMessage last = alice.awaitRequest("NOTIFY");
        assertEquals("terminated;reason=timeout", last.header("Subscription-State").orElseThrow());
        assertEquals(IDLE_LINE, last.header("Call-Info").orElseThrow());

        SipMessage gone = alice.call(alice.inDialog(unsubscribe, ok).header("Expires", "300"));
        assertEquals(481, gone.status());
    }

    @Test
    void expiresZeroInANewDialogFetchesTheStateOnce() {
        Request fetch = subscribe(alice, LINE, 0);
        SipMessage ok = alice.callAuthenticated(fetch);
        assertEquals(200, ok.status());
        assertEquals("0", ok.header("Expires").orElseThrow());
        SipMessage only = alice.awaitRequest("NOTIFY");
        assertEquals("terminated;reason=timeout", only.header("Subscription-State").orElseThrow());
        assertEquals(IDLE_LINE, only.header("Call-Info").orElseThrow());
        assertEquals(481, alice.call(alice.inDialog(fetch, ok).header("Expires", "300")).status(), "nothing stays subscribed");
    }

    @Test
    void expiryTerminatesWithReasonTimeout() {
        alice.callAuthenticated(subscribe(alice, LINE, 2));
        assertEquals("active;expires=2", alice.awaitRequest("NOTIFY").header("Subscription-State").orElseThrow());
        SipMessage end = alice.awaitRequest("NOTIFY");
        assertEquals("terminated;reason=timeout", end.header("Subscription-State").orElseThrow());
    }

    @Test
    void aNotifyAnswered481RemovesTheSubscription() {
        Request s = subscribe(alice, LINE, 300);
        SipMessage ok = alice.callAuthenticated(s);
        alice.awaitRequest("NOTIFY");

        alice.answerNotifiesWith(481);
        Request refresh = alice.inDialog(s, ok);
        assertEquals(200, alice.call(refresh).status());
        alice.awaitRequest("NOTIFY");

        // Nothing on the wire says when the server has taken in the 481; a refresh that
        // overtakes it is answered 200 and its NOTIFY refused again (on a loaded machine, more
        // than once). Within ten tries the subscription must be gone.
        int status = 200;
        for (int attempt = 0; attempt < 10 && status == 200; attempt++) {
            refresh = alice.inDialog(refresh, ok);
            status = alice.call(refresh).status();
            if (status == 200) {
                alice.awaitRequest("NOTIFY");
            }
        }
        assertEquals(481, status);
    }

    @Test
    void aSubscribeInsideAnUnknownDialogIs481() {
        Request stray = subscribe(alice, LINE, 300).header("To", "<" + LINE.aor() + ">;tag=never-issued");
        SipMessage unknown = alice.call(stray);
        assertEquals(481, unknown.status());
        alice.assertNoRequest("NOTIFY", java.time.Duration.ofMillis(300));
    }
}
