package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.core.Capabilities;
import org.sca.core.call.SessionTimer;

/**
 * Session timer headers (RFC 4028) on the call legs: what {@link SessionTimer} decides, read
 * from and written onto messages. A request's timer goes on with it to the other leg; its 2xx
 * carries the timer the other side answered, or the one the server grants.
 */
final class SessionTimers {

    private static final String SESSION_EXPIRES = "Session-Expires";
    private static final String MIN_SE = "Min-SE";
    private static final String TIMER = "timer";

    private SessionTimers() {}

    /**
     * Refuses an INVITE or UPDATE whose timer the server cannot take: 400 for a garbled one,
     * 422 with Min-SE for one below {@link SessionTimer#MIN_SE} (RFC 4028 section 9).
     *
     * @return whether it was refused
     */
    static boolean refused(SipServletRequest request) throws IOException {
        Optional<SessionTimer> asked;
        try {
            asked = of(request);
        } catch (IllegalArgumentException e) {
            Rejection.send(request, 400, e.getMessage());
            return true;
        }
        if (asked.isPresent() && asked.get().tooBrief()) {
            Rejection.send(request, 422, "Session Interval Too Small", MIN_SE, Integer.toString(SessionTimer.MIN_SE));
            return true;
        }
        return false;
    }

    /** The request's timer goes with it onto the other leg: Session-Expires, Min-SE, and whether it supports timers. */
    static void forward(SipServletRequest from, SipServletRequest to) {
        copy(from, to, SESSION_EXPIRES);
        copy(from, to, MIN_SE);
        if (supports(from)) {
            to.addHeader("Supported", TIMER);
        }
    }

    /**
     * Puts on {@code ok}, the 2xx to {@code request}, the timer {@link SessionTimer#answer}
     * decides from the other side's 2xx ({@code peerOk}, null when the server answers alone).
     */
    static void answer(SipServletRequest request, SipServletResponse peerOk, SipServletResponse ok) {
        Optional<SessionTimer> granted = SessionTimer.answer(of(request), supports(request),
                peerOk == null ? Optional.empty() : answered(peerOk));
        granted.ifPresent(timer -> {
            ok.setHeader(SESSION_EXPIRES, timer.format());
            ok.addHeader("Require", TIMER);
        });
    }

    /** A 422 from the other side names its Min-SE; the original's 422 must say it too. */
    static void relayRefusal(SipServletResponse refusal, SipServletResponse relayed) {
        copy(refusal, relayed, MIN_SE);
    }

    private static Optional<SessionTimer> of(SipServletMessage message) {
        String value = message.getHeader(SESSION_EXPIRES);
        return value == null ? Optional.empty() : Optional.of(SessionTimer.parse(value));
    }

    /** The timer of the other side's 2xx; a garbled one counts as none, since a 2xx cannot be refused. */
    private static Optional<SessionTimer> answered(SipServletResponse peerOk) {
        try {
            return of(peerOk);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean supports(SipServletMessage message) {
        return Capabilities.lists(Headers.all(message, "Supported"), TIMER);
    }

    private static void copy(SipServletMessage from, SipServletMessage to, String header) {
        String value = from.getHeader(header);
        if (value != null) {
            to.setHeader(header, value);
        }
    }
}
