package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.callInfo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * A subscription dialog lets go of its last NOTIFY once that NOTIFY's transaction has ended
 * (the stack's {@code SubscriptionDialogs}; the memory it saves is measured by the benchmark).
 * Over TCP that transaction ends with its 200 (Timer K is 0), so these subscriptions are past
 * it at once: they are refreshed and ended as before, and their sessions end with them.
 * {@link LongLivedDialogsIT} covers the same over UDP, 40 s after the first NOTIFY.
 */
class EndedNotifiesIT extends DeployedSca {

    private static final int PHONES = 10;
    private static final ItLines.Line LINE = ItLines.REGISTRAR;
    private static final String SESSIONS = "sca_sip_sessions";

    @Test
    void subscriptionsPastTheirNotifiesAreRefreshedEndedAndLeaveNoSession() throws InterruptedException {
        AdminClient operator = AdminClient.operator(sca);
        List<TestPhone> phones = new ArrayList<>();
        try {
            List<Request> subscribes = new ArrayList<>();
            List<SipMessage> oks = new ArrayList<>();
            for (int i = 0; i < PHONES; i++) {
                TestPhone phone = new TestPhone(StreamLink.tcp(SharedContainer.get().sip()), null, true, LINE);
                phones.add(phone);
                Request subscribe = CallInfoSubscriptionIT.subscribe(phone, LINE, 300);
                SipMessage ok = phone.callAuthenticated(subscribe);
                assertEquals(200, ok.status());
                assertEquals(IDLE, callInfo(phone.awaitRequest("NOTIFY")));
                subscribes.add(subscribe);
                oks.add(ok);
            }
            double subscribed = operator.metric(SESSIONS);

            for (int i = 0; i < PHONES; i++) {
                TestPhone phone = phones.get(i);
                Request refresh = phone.inDialog(subscribes.get(i), oks.get(i)).header("Expires", "300");
                assertEquals(200, phone.call(refresh).status(), "refresh, not 481");
                SipMessage full = phone.awaitRequest("NOTIFY");
                assertEquals(IDLE, callInfo(full));
                assertTrue(full.header("Subscription-State").orElseThrow().startsWith("active;expires="), full.toString());

                assertEquals(200, phone.call(phone.inDialog(refresh, oks.get(i)).header("Expires", "0")).status());
                assertEquals("terminated;reason=timeout", phone.awaitRequest("NOTIFY").header("Subscription-State").orElseThrow());
            }
            // The container ends a session a moment after the last transaction of its dialog, on a
            // thread of its own: nothing on the wire tells when.
            double ended = Poll.until(() -> operator.metric(SESSIONS), n -> n <= subscribed - PHONES, Duration.ofMillis(50));
            assertTrue(ended <= subscribed - PHONES, "sessions with " + PHONES + " subscriptions " + subscribed + ", after they ended " + ended);
        } finally {
            phones.forEach(TestPhone::close);
        }
    }
}
