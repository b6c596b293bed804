package org.sca.sip;

import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;

/**
 * The container's timers, fired on the line's application session (so serialised with the
 * line's messages): each {@link TimerPayload} goes to the handler that armed it.
 */
final class Timeouts {

    private final Subscriptions subscriptions;
    private final Forking forking;
    private final Teardown teardown;
    private final CallInfoPublications publications;
    private final LegProbes probes;

    Timeouts(Subscriptions subscriptions, Forking forking, Teardown teardown, CallInfoPublications publications, LegProbes probes) {
        this.subscriptions = subscriptions;
        this.forking = forking;
        this.teardown = teardown;
        this.publications = publications;
        this.probes = probes;
    }

    void fire(ServletTimer timer) {
        SipApplicationSession appSession = timer.getApplicationSession();
        LineSession line = LineSession.existing(appSession);
        if (line == null) {
            return;
        }
        Object info = timer.getInfo();
        if (info instanceof TimerPayload.SubscriptionDue due) {
            subscriptions.expireIfDue(appSession, line, due.dialog());
        } else if (info instanceof TimerPayload.RingDue due) {
            forking.ringTimeout(appSession, line, due.index(), due.trunkLeg());
        } else if (info instanceof TimerPayload.AckDue due) {
            teardown.ackDue(appSession, line, due.leg());
        } else if (info instanceof TimerPayload.PublicationDue due) {
            publications.expireIfDue(appSession, line, due.etag());
        } else if (info instanceof TimerPayload.ProbeDue due) {
            probes.probe(timer, appSession, line, due);
        }
    }
}
