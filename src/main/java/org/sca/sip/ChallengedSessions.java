package org.sca.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Set;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;

/**
 * The sessions of one line's challenged REGISTERs (and other requests that make no dialog),
 * released once their retry can no longer be on its way. Restcomm keeps such a session after
 * a 401 or 407 for good: {@code SipSessionImpl.updateStateOnResponse} marks the session of a
 * request that makes no dialog ready to invalidate at any other final answer, but not at those
 * two, which it leaves for a client retrying on the same session. Every challenged REGISTER that
 * was never retried therefore cost a session (about 12 KB) until the container stopped.
 *
 * <p>Not at once: the retry carries the challenged request's Call-ID and From tag, so the
 * container hands it the same session, looked up before the line's lock is taken
 * ({@code InitialRequestDispatcher}); invalidating the session right after the 401 left a retry
 * arriving within that instant with an invalidated session, and its answer failed with a
 * NullPointerException inside the container (a 500, seen once in 16 on loopback). A retry
 * that comes reuses the session, and its 200 (or 403 ...) makes the container release it.
 * Used under the line's lock only.
 */
final class ChallengedSessions {

    /**
     * A phone answers a challenge within milliseconds; two seconds leave room for a slow one
     * and keep what a flood of REGISTERs holds to two seconds' worth.
     */
    private static final Duration RETRY_GRACE = Duration.ofSeconds(2);
    /** JSR 289 section 6.2.1: a 401 to these ends their session in the container itself. */
    private static final Set<String> DIALOG_CREATING = Set.of("INVITE", "SUBSCRIBE", "REFER");

    private record Challenged(SipSession session, Instant at) {
    }

    private final ArrayDeque<Challenged> waiting = new ArrayDeque<>();

    /** {@code request} is answered 401 at {@code now}; sessions challenged long enough ago go first. */
    void challenged(SipServletRequest request, Instant now) {
        releaseBefore(now.minus(RETRY_GRACE));
        SipSession session = request.getSession();
        // A session that carries a dialog (a REGISTER sharing Call-ID and From tag with a
        // subscription) is not INITIAL: it is the dialog's to end.
        if (!DIALOG_CREATING.contains(request.getMethod()) && isUnused(session)) {
            waiting.add(new Challenged(session, now));
        }
    }

    private void releaseBefore(Instant cutoff) {
        while (!waiting.isEmpty() && waiting.peek().at().isBefore(cutoff)) {
            SipSession session = waiting.poll().session();
            if (isUnused(session)) {
                session.invalidate();
            }
        }
    }

    private static boolean isUnused(SipSession session) {
        return session.isValid() && session.getState() == SipSession.State.INITIAL;
    }
}
