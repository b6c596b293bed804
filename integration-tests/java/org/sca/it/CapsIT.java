package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/** What one device may hold on a line: a REGISTER or SUBSCRIBE beyond it is refused whole, with the reason. */
class CapsIT extends DeployedSca {

    /** The shared container runs with the defaults: 5 contacts and 10 subscriptions per device. */
    private static final int PER_DEVICE = 5;
    private static final int SUBSCRIPTIONS_PER_DEVICE = 10;

    @Test
    void aDeviceBindingMoreContactsThanItsCapIsRefusedAndNothingChanges() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.OUTSIDER)) {
            Request many = phone.request("REGISTER", ItLines.OUTSIDER.aor()).remove("Contact");
            for (int i = 0; i <= PER_DEVICE; i++) {
                many.add("Contact", "<sip:outsider_line@192.0.2." + (i + 1) + ":5060>");
            }
            SipMessage refused = phone.callAuthenticated(many);
            assertEquals(403, refused.status());
            assertEquals("Too many contacts from this device (at most " + PER_DEVICE + ")", refused.reason());

            SipMessage query = phone.callAuthenticated(phone.request("REGISTER", ItLines.OUTSIDER.aor()).remove("Contact"));
            assertEquals(200, query.status());
            assertEquals(0, query.headers("Contact").size(), "the refused REGISTER bound nothing: " + query);
        }
    }

    @Test
    void aDeviceSubscribingMoreThanItsCapIsRefused() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.OUTSIDER)) {
            // Short subscriptions: they lapse by themselves soon after the test.
            for (int i = 0; i < SUBSCRIPTIONS_PER_DEVICE; i++) {
                assertEquals(200, phone.callAuthenticated(CallInfoSubscriptionIT.subscribe(phone, ItLines.OUTSIDER, 5)).status());
            }
            SipMessage refused = phone.callAuthenticated(CallInfoSubscriptionIT.subscribe(phone, ItLines.OUTSIDER, 5));
            assertEquals(403, refused.status());
            assertEquals("Too many subscriptions from this device (at most " + SUBSCRIPTIONS_PER_DEVICE + ")", refused.reason());
        }
    }
}
