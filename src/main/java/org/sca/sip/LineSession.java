package org.sca.sip;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import javax.servlet.sip.SipApplicationSession;
import org.sca.config.LineConfig;
import org.sca.core.Bindings;
import org.sca.core.LineState;
import org.sca.core.Publication;

/**
 * The runtime state of one shared line, an attribute of the line's SipApplicationSession.
 * The container serialises the line's messages and timers, so plain fields suffice; every
 * value held here is immutable and replaced whole.
 */
final class LineSession {

    private static final String ATTRIBUTE = "sca.line";

    final LineConfig config;
    /** Appearances of calls this server handles. */
    LineState own;
    Bindings bindings = Bindings.empty();
    /** Publications by entity tag, oldest first. */
    final Map<String, Publication> publications = new LinkedHashMap<>();
    /** SipSession IDs of the call-info subscriptions, in subscription order. */
    final Set<String> subscribers = new LinkedHashSet<>();
    /** The calls this server bridges, by appearance index. */
    final Map<Integer, Call> calls = new HashMap<>();
    /** The line-seize subscription (SipSession ID) holding each seized appearance. */
    final Map<Integer, String> seizes = new HashMap<>();
    /** The state last sent to every subscriber: an unchanged state is not sent again. */
    LineState lastNotified;

    private LineSession(LineConfig config) {
        this.config = config;
        this.own = LineState.empty(config.maxAppearances());
        this.lastNotified = own;
    }

    static LineSession of(SipApplicationSession appSession, LineConfig config) {
        LineSession line = (LineSession) appSession.getAttribute(ATTRIBUTE);
        if (line == null) {
            line = new LineSession(config);
            appSession.setAttribute(ATTRIBUTE, line);
            // The line outlives any one dialog: keep its session until the container stops.
            appSession.setInvalidateWhenReady(false);
        }
        return line;
    }

    /** The line's state, or null when nothing about the line happened on this session. */
    static LineSession existing(SipApplicationSession appSession) {
        return (LineSession) appSession.getAttribute(ATTRIBUTE);
    }

    /** What subscribers see: the server's appearances with the published ones merged in. */
    LineState view() {
        Collection<Publication> published = publications.values();
        return published.isEmpty() ? own : Publication.overlay(own, published);
    }
}
