package org.sca.sip;

import java.io.IOException;
import java.util.logging.Logger;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.TimerListener;

/**
 * The container's timers, fired on the line's application session (so serialised with the
 * line's messages). A timer only says "look again at this": the handler checks whether the
 * subscription or publication is really due, so a refresh never has to cancel a timer.
 */
public final class Timeouts implements TimerListener {

    private static final Logger LOG = Logger.getLogger(Timeouts.class.getName());

    @Override
    public void timeout(ServletTimer timer) {
        ScaApplication app = ScaApplication.current();
        SipApplicationSession appSession = timer.getApplicationSession();
        LineSession line = LineSession.existing(appSession);
        if (app == null || line == null) {
            return;
        }
        Object info = timer.getInfo();
        if (info instanceof TimerPayload.SubscriptionDue due) {
            app.subscriptions.expireIfDue(appSession, line, due.sessionId());
        } else if (info instanceof TimerPayload.SeizeDue due) {
            app.seizes.expireIfDue(appSession, line, due.sessionId());
        } else if (info instanceof TimerPayload.RingDue due) {
            try {
                app.forking.ringTimeout(appSession, line, due.index(), due.trunkLeg());
            } catch (IOException e) {
                LOG.info(() -> "no-answer for appearance " + due.index() + " on " + line.config().id() + " not sent: " + e);
            }
        } else if (info instanceof TimerPayload.PublicationDue due) {
            app.publications.expireIfDue(appSession, line, due.etag());
        }
    }
}
