package org.sca.sip;

import java.io.IOException;
import java.io.Serializable;
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

    /** A call-info subscription (SipSession ID) may have lapsed. */
    record SubscriptionDue(String sessionId) implements Serializable {}

    /** A line-seize (SipSession ID) may have lapsed. */
    record SeizeDue(String sessionId) implements Serializable {}

    /** The phones may have rung too long for a call from the PBX (its leg's SipSession ID). */
    record RingDue(int index, String trunkLeg) implements Serializable {}

    /** A publication (entity tag) may have lapsed. */
    record PublicationDue(String etag) implements Serializable {}

    @Override
    public void timeout(ServletTimer timer) {
        ScaApplication app = ScaApplication.current();
        SipApplicationSession appSession = timer.getApplicationSession();
        LineSession line = LineSession.existing(appSession);
        if (app == null || line == null) {
            return;
        }
        Object info = timer.getInfo();
        if (info instanceof SubscriptionDue due) {
            app.subscriptions.expireIfDue(appSession, line, due.sessionId());
        } else if (info instanceof SeizeDue due) {
            app.seizes.expireIfDue(appSession, line, due.sessionId());
        } else if (info instanceof RingDue due) {
            try {
                app.calls.ringTimeout(appSession, line, due.index(), due.trunkLeg());
            } catch (IOException e) {
                LOG.info(() -> "no-answer for appearance " + due.index() + " on " + line.config.id() + " not sent: " + e);
            }
        } else if (info instanceof PublicationDue due) {
            app.publications.expireIfDue(appSession, line, due.etag());
        }
    }
}
