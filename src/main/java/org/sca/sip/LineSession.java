package org.sca.sip;

import javax.servlet.sip.SipApplicationSession;
import org.sca.config.LineConfig;
import org.sca.core.Bindings;
import org.sca.core.line.Line;
import org.sca.core.subscription.SubscriptionStore;

/**
 * The runtime state of one shared line, the one attribute of the line's SipApplicationSession:
 * the core's {@link Line}, the registered phones, and what only the container side holds (open
 * INVITEs, the subscription dialogs). The container serialises the line's messages and timers,
 * so nothing here needs a lock.
 */
final class LineSession {

    private static final String ATTRIBUTE = "sca.line";

    /** Replaced when a reload changed the line's block (credentials, trunks ...). */
    private LineConfig config;
    private final Line line;
    private final OpenInvites invites = new OpenInvites();
    private final Acks acks = new Acks();
    private Bindings bindings = Bindings.empty();
    private final SubscriptionStore subscriptions = new SubscriptionStore();
    private final ChallengedSessions challenged = new ChallengedSessions();

    private LineSession(LineConfig config) {
        this.config = config;
        this.line = new Line(config.maxAppearances());
    }

    static LineSession of(SipApplicationSession appSession, LineConfig config) {
        LineSession line = (LineSession) appSession.getAttribute(ATTRIBUTE);
        if (line == null) {
            line = new LineSession(config);
            appSession.setAttribute(ATTRIBUTE, line);
            // The line outlives any one dialog: keep its session until the container stops.
            appSession.setInvalidateWhenReady(false);
        }
        // Appearances stay as many as the line started with: its calls live on them.
        line.config = config;
        return line;
    }

    /** The line is no longer configured: its session goes when the container is done with it. */
    static void forget(SipApplicationSession appSession) {
        appSession.removeAttribute(ATTRIBUTE);
        appSession.setInvalidateWhenReady(true);
    }

    /** The line's state, or null when nothing about the line happened on this session. */
    static LineSession existing(SipApplicationSession appSession) {
        return (LineSession) appSession.getAttribute(ATTRIBUTE);
    }

    LineConfig config() {
        return config;
    }

    Line line() {
        return line;
    }

    OpenInvites invites() {
        return invites;
    }

    Acks acks() {
        return acks;
    }

    SubscriptionStore subscriptions() {
        return subscriptions;
    }

    ChallengedSessions challenged() {
        return challenged;
    }

    Bindings bindings() {
        return bindings;
    }

    void bindings(Bindings next) {
        bindings = next;
    }
}
