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
            if (index.isPresent()) {
                line.line().checkIndex(index.getAsInt());
            }
        } catch (IllegalArgumentException | MalformedCallInfoException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        String phone = Headers.phoneOf(request);
        OptionalInt wanted = line.line().pick(index);
        if (wanted.isEmpty() || !line.line().freeFor(wanted.getAsInt(), phone)) {
            Rejection.send(request, 480, "Appearance in use", "Retry-After", RETRY_AFTER);
            return;
        }
        grant(request, line, new Seize(wanted.getAsInt(), phone, Instant.EPOCH), asked);
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
        timers.createTimer(request.getApplicationSession(), granted.seconds() * 1000L, false,
                new TimerPayload.SeizeDue(session.getId()));
        ok.setHeader("Expires", Integer.toString(granted.seconds()));
        ok.send();
        notify(session, line, held, "active;expires=" + granted.seconds());
        subscriptions.show(request.getApplicationSession(), line, line.line().seize(held.index(), held.phone(), session.getId()));
    }

    /** Timer: releases the seize if it was not renewed in time. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String sessionId) {
        SipSession session = appSession.getSipSession(sessionId);
        Seize s = session == null || !session.isValid() ? null : (Seize) session.getAttribute(ATTRIBUTE);
        if (s != null && !s.expiresAt().isAfter(clock.instant())) {
            release(session, line, s, "timeout");
        }
    }

    /** The seizer's call reached the PBX (first 18x): the seize of dialog {@code dialog} has done its job. */
    void usedUp(SipApplicationSession appSession, LineSession line, String dialog) {
        SipSession session = appSession.getSipSession(dialog);
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof Seize s) {
            session.removeAttribute(ATTRIBUTE);
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
        session.removeAttribute(ATTRIBUTE);
        if (reason != null) {
            notify(session, line, seize, "terminated;reason=" + reason);
        }
        DialogLifetime.end(session, DialogLifetime.Use.LINE_SEIZE);
        subscriptions.show(session.getApplicationSession(), line, line.line().releaseSeize(seize.index(), seize.phone(), session.getId()));
    }

    private static void notify(SipSession session, LineSession line, Seize seize, String state) {
        try {
            Notifications.send(session, EVENT, state, CallInfoCodec.formatIndex(line.config().host(), seize.index()));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.INFO, "line-seize NOTIFY to " + session.getId() + " not sent: " + e);
        }
    }
}
