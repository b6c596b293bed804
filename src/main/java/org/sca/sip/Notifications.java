package org.sca.sip;

import java.io.IOException;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.SubscriptionState;

/** The NOTIFY both event packages send: the package, its subscription state, the state in Call-Info and no body (BroadWorks SCA). */
final class Notifications {

    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());

    private Notifications() {}

    /** @return false, logged, when the dialog cannot carry a NOTIFY any more */
    static boolean send(SipSession dialog, EventPackage about, SubscriptionState state, String callInfo) {
        try {
            SipServletRequest notify = dialog.createRequest("NOTIFY");
            notify.setHeader("Event", about.event());
            notify.setHeader("Subscription-State", state.header());
            notify.setHeader("Call-Info", callInfo);
            notify.send();
            return true;
        } catch (IOException | IllegalStateException e) {
            LOG.info(() -> about.event() + " NOTIFY to " + dialog.getId() + " not sent: " + e);
            return false;
        }
    }
}
