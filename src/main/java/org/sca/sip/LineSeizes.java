package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.CallInfoCodec;
import org.sca.core.Expiry;
import org.sca.core.MalformedCallInfoException;

/**
 * The BroadWorks line-seize event package: a phone takes an appearance before dialling, so
 * its line key lights as seized on every other phone and no incoming call lands on it. One
 * seize per appearance (Kamailio's rule; OpenSIPS allows one per line), contention answered
 * with 480 and Retry-After.
 */
final class LineSeizes {

    static final String EVENT = "line-seize";
    /** SEIZE_TTL = 15 s: BroadWorks' default and the most granted; phones re-seize while dialling. */
    static final int SEIZE_TTL = 15;
    /** How soon a phone refused a seize may try again: about one re-seize period of the holder. */
    private static final String RETRY_AFTER = "5";
    private static final Logger LOG = Logger.getLogger(LineSeizes.class.getName());
    private static final String ATTRIBUTE = "sca.seize";

    /** One seize, an attribute of its subscription's SipSession. */
    record Seize(int index, String phone, Instant expiresAt) {}

    private final Clock clock;
    private final TimerService timers;
    private final CallInfoSubscriptions subscriptions;

    LineSeizes(Clock clock, TimerService timers, CallInfoSubscriptions subscriptions) {
        this.clock = clock;
        this.timers = timers;
        this.subscriptions = subscriptions;
    }

    /** An initial line-seize SUBSCRIBE from an authenticated member. */
    void seize(SipServletRequest request, LineSession line) throws IOException {
        OptionalLong asked;
        OptionalInt index;
        try {
            asked = Headers.expires(request);
            index = Headers.appearanceIndex(request);
        } catch (IllegalArgumentException | MalformedCallInfoException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        if (index.isPresent() && !line.own.isValidIndex(index.getAsInt())) {
            Rejection.send(request, 400, "Bad Call-Info: appearance-index beyond the line's appearances");
            return;
        }
        String phone = Headers.phoneOf(request);
        int wanted = index.isPresent() ? index.getAsInt() : line.own.lowestIdle().orElse(0);
        Appearance current = wanted == 0 ? null : line.own.appearance(wanted);
        boolean mine = current != null && current.state() == AppearanceState.SEIZED && phone.equals(current.owner());
        if (current == null || (current.state() != AppearanceState.IDLE && !mine)) {
            Rejection.send(request, 480, "Appearance in use", "Retry-After", RETRY_AFTER);
            return;
        }
        grant(request, line, new Seize(wanted, phone, Instant.EPOCH), asked);
    }

    /** A SUBSCRIBE inside a seize dialog: re-seize (refresh) or release with Expires: 0. */
    void reseize(SipServletRequest request, LineSession line) throws IOException {
        Seize current = (Seize) request.getSession().getAttribute(ATTRIBUTE);
        if (current == null || line == null) {
            Rejection.send(request, 481, "Subscription does not exist");
            return;
        }
        OptionalLong asked;
        try {
            asked = Headers.expires(request);
        } catch (IllegalArgumentException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        grant(request, line, current, asked);
    }

    private void grant(SipServletRequest request, LineSession line, Seize seize, OptionalLong asked) throws IOException {
        SipSession session = request.getSession();
        Expiry expiry = Expiry.judge(asked, SEIZE_TTL, 1, SEIZE_TTL);
        if (!(expiry instanceof Expiry.Granted granted)) {
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("Expires", "0");
            ok.send();
            release(session, line, seize, "timeout");
            return;
        }
        DialogLifetime.begin(session, DialogLifetime.Use.LINE_SEIZE);
        SipServletResponse ok = request.createResponse(200);
        Seize held = new Seize(seize.index(), seize.phone(), clock.instant().plusSeconds(granted.seconds()));
        session.setAttribute(ATTRIBUTE, held);
        line.seizes.put(held.index(), session.getId());
        timers.createTimer(request.getApplicationSession(), granted.seconds() * 1000L, false, new Timeouts.SeizeDue(session.getId()));
        ok.setHeader("Expires", Integer.toString(granted.seconds()));
        ok.send();
        notify(session, line, held, "active;expires=" + granted.seconds());
        if (line.own.appearance(held.index()).state() == AppearanceState.IDLE) {
            line.own = line.own.with(new Appearance(held.index(), AppearanceState.SEIZED, held.phone(), null));
            subscriptions.lineChanged(request.getApplicationSession(), line);
        }
    }

    /** Timer: releases the seize if it was not renewed in time. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String sessionId) {
        SipSession session = appSession.getSipSession(sessionId);
        Seize s = session == null || !session.isValid() ? null : (Seize) session.getAttribute(ATTRIBUTE);
        if (s != null && !s.expiresAt().isAfter(clock.instant())) {
            release(session, line, s, "timeout");
        }
    }

    /** The seizer's call reached the PBX (first 18x): the seize has done its job. */
    void callProgressing(SipApplicationSession appSession, LineSession line, int index) {
        String id = line.seizes.get(index);
        SipSession session = id == null ? null : appSession.getSipSession(id);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof Seize s) {
            forget(session, line, s);
            notify(session, line, s, "terminated;reason=noresource");
            DialogLifetime.end(session, DialogLifetime.Use.LINE_SEIZE);
        }
    }

    /** A NOTIFY answered 481 or 408: the phone is gone, its seize with it; the servlet drops the dialog. */
    void deviceGone(SipSession session, LineSession line) {
        if (session.getAttribute(ATTRIBUTE) instanceof Seize s) {
            release(session, line, s, null);
        }
    }

    /** Ends the seize; the appearance goes idle unless a call has taken it over. */
    private void release(SipSession session, LineSession line, Seize seize, String reason) {
        forget(session, line, seize);
        if (reason != null) {
            notify(session, line, seize, "terminated;reason=" + reason);
        }
        DialogLifetime.end(session, DialogLifetime.Use.LINE_SEIZE);
        Appearance a = line.own.appearance(seize.index());
        // Idle again unless a call took the appearance over or the phone seized it anew.
        boolean stillTaken = line.calls.containsKey(seize.index()) || line.seizes.containsKey(seize.index());
        if (a.state() == AppearanceState.SEIZED && seize.phone().equals(a.owner()) && !stillTaken) {
            line.own = line.own.with(Appearance.idle(seize.index()));
            subscriptions.lineChanged(session.getApplicationSession(), line);
        }
    }

    private static void forget(SipSession session, LineSession line, Seize seize) {
        session.removeAttribute(ATTRIBUTE);
        line.seizes.remove(seize.index(), session.getId());
    }

    private static void notify(SipSession session, LineSession line, Seize seize, String state) {
        try {
            Notifications.send(session, EVENT, state, CallInfoCodec.formatIndex(line.config.host(), seize.index()));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.INFO, "line-seize NOTIFY to " + session.getId() + " not sent: " + e);
        }
    }
}
