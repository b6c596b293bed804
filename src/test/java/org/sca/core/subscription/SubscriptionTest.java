package org.sca.core.subscription;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.core.Dialog;
import org.sca.core.subscription.SubscriptionState.Reason;

class SubscriptionTest {

    private static final Dialog DIALOG = new Dialog("c1@phone", "sip:line@sca", "srv", "sip:line@sca", "ph",
            "sip:phone@127.0.0.1:5070", List.of(), 1);

    private static final Instant T0 = Instant.ofEpochSecond(1_000);

    @Test
    void theStateHeaderSaysWhatIsLeftAndNeverZero() {
        Subscription s = new Subscription(new EventPackage.CallInfo("alice"), T0.plusSeconds(60), DIALOG, false);
        assertEquals("active;expires=60", s.stateAt(T0).header());
        assertEquals("active;expires=1", s.stateAt(T0.plusMillis(59_500)).header());
        assertEquals("active;expires=1", s.stateAt(T0.plusSeconds(90)).header());
        assertThrows(IllegalArgumentException.class, () -> new SubscriptionState.Active(0));
    }

    @Test
    void endingNamesItsReason() {
        assertEquals("terminated;reason=timeout", new SubscriptionState.Terminated(Reason.TIMEOUT).header());
        assertEquals("terminated;reason=noresource", new SubscriptionState.Terminated(Reason.NORESOURCE).header());
    }

    @Test
    void aSubscriptionIsDueFromItsExpiryOn() {
        Subscription s = new Subscription(new EventPackage.LineSeize(1, "alice"), T0, DIALOG, false);
        assertFalse(s.isDueAt(T0.minusMillis(1)));
        assertTrue(s.isDueAt(T0));
    }

    @Test
    void eachPackageNamesItsEvent() {
        assertEquals("call-info", new EventPackage.CallInfo("alice").event());
        assertEquals("line-seize", new EventPackage.LineSeize(2, "alice").event());
    }

    @Test
    void theStoreKeepsBothPackagesAndFansOutToCallInfoInGrantOrder() {
        SubscriptionStore store = new SubscriptionStore();
        store.put("b", new Subscription(new EventPackage.CallInfo("bob"), T0, DIALOG, false));
        store.put("s", new Subscription(new EventPackage.LineSeize(1, "alice"), T0, DIALOG, false));
        store.put("a", new Subscription(new EventPackage.CallInfo("alice"), T0, DIALOG, false));
        store.put("b", new Subscription(new EventPackage.CallInfo("bob"), T0.plusSeconds(5), DIALOG, false));
        assertEquals(List.of("b", "a"), store.callInfoDialogs(), "a refresh keeps its place");
        assertEquals(Optional.of(new EventPackage.LineSeize(1, "alice")), store.about("s", EventPackage.LineSeize.class));
        assertEquals(Optional.empty(), store.about("s", EventPackage.CallInfo.class), "a seize dialog is no call-info subscription");
        assertTrue(store.remove("s").isPresent());
        assertEquals(Optional.empty(), store.get("s"));
    }
}
