package org.sca.sip;

import javax.servlet.sip.SipServletRequest;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.SubscriptionState;

/** The NOTIFY both event packages send: the package, its subscription state, the state in Call-Info and no body (BroadWorks SCA). */
final class Notifications {

    private Notifications() {}

    static void fill(SipServletRequest notify, EventPackage about, SubscriptionState state, String callInfo) {
        notify.setHeader("Event", about.event());
        notify.setHeader("Subscription-State", state.header());
        notify.setHeader("Call-Info", callInfo);
    }
}
