package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.config.Limits;
import org.sca.core.CallInfoCodec;
import org.sca.core.Expiry;
import org.sca.core.LineState;
import org.sca.core.line.Change;

/**
 * The call-info event package (RFC 6665 subscriptions, BroadWorks SCA state in Call-Info):
 * every member's subscription to its line, and the NOTIFY that tells each of them the full
 * state of the line whenever any appearance changes.
 */
final class CallInfoSubscriptions {

    static final String EVENT = "call-info";
    private static final Logger LOG = Logger.getLogger(CallInfoSubscriptions.class.getName());
    /** BroadWorks and Cisco SPA subscribe for an hour when they send no Expires. */
    private static final int DEFAULT_EXPIRES = 3600;
    private static final String ATTRIBUTE = "sca.subscription";

    /** One subscription, an attribute of its dialog's SipSession. */
    record Subscription(String device, Instant expiresAt) {}

    private final Limits limits;
    private final Clock clock;
    private final TimerService timers;

    CallInfoSubscriptions(Limits limits, Clock clock, TimerService timers) {
        this.limits = limits;
        this.clock = clock;
        this.timers = timers;
    }

    /** A SUBSCRIBE inside an existing subscription dialog: refresh or unsubscribe. */
    void resubscribe(SipServletRequest request, LineSession line) throws IOException {
        Subscription current = (Subscription) request.getSession().getAttribute(ATTRIBUTE);
        if (current == null || line == null) {
            Rejection.send(request, 481, "Subscription does not exist");
            return;
        }
        subscribe(request, line, current.device());
    }

    /** An initial SUBSCRIBE from an authenticated member, or a refresh of one. */
    void subscribe(SipServletRequest request, LineSession line, String device) throws IOException {
        OptionalLong asked;
        try {
            asked = Headers.expires(request);
        } catch (IllegalArgumentException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        Expiry expiry = Expiry.judge(asked, DEFAULT_EXPIRES, limits.subscriptionMinExpires(), limits.subscriptionMaxExpires());
        if (expiry instanceof Expiry.TooBrief brief) {
            Rejection.tooBrief(request, brief);
            return;
        }
        SipSession session = request.getSession();
        if (expiry instanceof Expiry.Granted granted) {
            DialogLifetime.begin(session, DialogLifetime.Use.CALL_INFO);
            SipServletResponse ok = request.createResponse(200);
            Instant expiresAt = clock.instant().plusSeconds(granted.seconds());
            session.setAttribute(ATTRIBUTE, new Subscription(device, expiresAt));
            line.subscribers.add(session.getId());
            timers.createTimer(request.getApplicationSession(), granted.seconds() * 1000L, false,
                    new TimerPayload.SubscriptionDue(session.getId()));
            ok.setHeader("Expires", Integer.toString(granted.seconds()));
            ok.send();
            sendNotify(session, line, "active;expires=" + granted.seconds(), callInfo(line));
        } else {
            // Expires: 0 ends the subscription, or is a one-time fetch of the state (RFC 6665 4.4.3).
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("Expires", "0");
            ok.send();
            end(session, line, "timeout");
        }
    }

    /** Timer: ends the subscription if it was not refreshed in time. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String sessionId) {
        SipSession session = appSession.getSipSession(sessionId);
        Subscription s = subscriptionOf(session);
        if (s == null) {
            line.subscribers.remove(sessionId);
        } else if (!s.expiresAt().isAfter(clock.instant())) {
            end(session, line, "timeout");
        }
    }

    /** A NOTIFY answered 481 or 408 (or timed out): the device is gone, the servlet drops the dialog. */
    void deviceGone(SipSession session, LineSession line) {
        if (session.getAttribute(ATTRIBUTE) != null) {
            LOG.info(() -> "call-info subscription " + session.getId() + " on " + line.config().id() + " dropped: NOTIFY failed");
            forget(session, line);
        }
    }

    /**
     * Tells every subscriber what a change of the line made them see; a change they would not
     * see sends nothing, a refused one is logged.
     */
    void show(SipApplicationSession appSession, LineSession line, Change change) {
        if (change instanceof Change.Refused r) {
            LOG.info(() -> "appearance " + r.index() + " on " + line.config().id() + ": " + r.event() + " ignored in " + r.state());
        } else if (change instanceof Change.Shown shown) {
            fanOut(appSession, line, shown.view());
        }
    }

    private void fanOut(SipApplicationSession appSession, LineSession line, LineState view) {
        Instant now = clock.instant();
        String callInfo = CallInfoCodec.format(line.config().host(), view);
        for (String id : new ArrayList<>(line.subscribers)) {
            SipSession session = appSession.getSipSession(id);
            Subscription s = subscriptionOf(session);
            if (s == null) {
                line.subscribers.remove(id);
                continue;
            }
            long left = Math.max(1, (s.expiresAt().toEpochMilli() - now.toEpochMilli()) / 1000);
            sendNotify(session, line, "active;expires=" + left, callInfo);
        }
    }

    /** The subscription a dialog carries, or null when the dialog is gone or carries none. */
    private static Subscription subscriptionOf(SipSession session) {
        return session == null || !session.isValid() ? null : (Subscription) session.getAttribute(ATTRIBUTE);
    }

    private void end(SipSession session, LineSession line, String reason) {
        forget(session, line);
        sendNotify(session, line, "terminated;reason=" + reason, callInfo(line));
        DialogLifetime.end(session, DialogLifetime.Use.CALL_INFO);
    }

    private void forget(SipSession session, LineSession line) {
        session.removeAttribute(ATTRIBUTE);
        line.subscribers.remove(session.getId());
    }

    private static String callInfo(LineSession line) {
        return CallInfoCodec.format(line.config().host(), line.line().view());
    }

    private void sendNotify(SipSession session, LineSession line, String subscriptionState, String callInfo) {
        try {
            Notifications.send(session, EVENT, subscriptionState, callInfo);
        } catch (IOException | IllegalStateException e) {
            // The dialog is unusable: nobody is left to tell, so forget the subscriber.
            LOG.log(Level.INFO, "NOTIFY to " + session.getId() + " on " + line.config().id() + " not sent: " + e);
            forget(session, line);
            DialogLifetime.gone(session);
        }
    }
}
