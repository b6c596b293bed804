package org.sca.sip;

import java.io.IOException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/** The NOTIFY both event packages send: state in Call-Info, no body (BroadWorks SCA). */
final class Notifications {

    private Notifications() {}

    static void send(SipSession subscription, String event, String subscriptionState, String callInfo) throws IOException {
        SipServletRequest notify = subscription.createRequest("NOTIFY");
        notify.setHeader("Event", event);
        notify.setHeader("Subscription-State", subscriptionState);
        notify.setHeader("Call-Info", callInfo);
        notify.send();
    }
}
