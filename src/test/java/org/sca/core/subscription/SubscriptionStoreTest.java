package org.sca.core.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.core.Dialog;

class SubscriptionStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final Dialog DIALOG = new Dialog("c1@phone", "sip:line@sca", "srv", "sip:line@sca", "ph",
            "sip:phone@192.0.2.1", List.of(), 1);
    private static final Dialog OTHER_PHONE = new Dialog("c2@phone", "sip:line@sca", "srv", "sip:line@sca", "ph",
            "sip:phone@192.0.2.2", List.of(), 1);

    @Test
    void oneMoreSubscriptionBeyondACapIsNamed() {
        SubscriptionStore store = new SubscriptionStore();
        store.put("d1", new Subscription(new EventPackage.CallInfo("shared"), T0, DIALOG, false));
        store.put("d2", new Subscription(new EventPackage.CallInfo("shared"), T0, DIALOG, false));
        store.put("d3", new Subscription(new EventPackage.CallInfo("shared"), T0, OTHER_PHONE, false));
        store.put("d4", new Subscription(new EventPackage.LineSeize(1, "shared"), T0, OTHER_PHONE, false));
        String phone = DIALOG.remoteTarget();
        String other = OTHER_PHONE.remoteTarget();
        assertEquals(Optional.empty(), store.beyond(4, 3, phone));
        assertEquals(Optional.of("Too many subscriptions from this device (at most 2)"), store.beyond(4, 2, phone));
        assertEquals(Optional.empty(), store.beyond(4, 2, other), "a seize is no call-info subscription");
        assertEquals(Optional.of("Too many subscriptions on this line (at most 3)"), store.beyond(3, 3, "sip:new@192.0.2.3"));
    }
}
