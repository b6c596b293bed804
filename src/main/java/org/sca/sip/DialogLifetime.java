package org.sca.sip;

import java.util.EnumSet;
import javax.servlet.sip.SipSession;
import org.mobicents.servlet.sip.core.session.MobicentsSipSession;

/**
 * Who ends the SipSession of a dialog the application keeps: SIP (expiry, Expires: 0, BYE,
 * a 481/408 answer), not the container's invalidate-when-ready bookkeeping.
 *
 * <p>Restcomm 3.2.0-37 invalidates a SipSession at the end of any transaction on it once the
 * session is marked ready to invalidate (JSR 289 6.2.4.1.2; {@code SipApplicationDispatcherImpl.
 * tryToInvalidateSession}, called on every transaction and dialog termination). Two everyday
 * things mark a session ready while a dialog in it is still in use, because the session key is
 * only application session, Call-ID and From tag:
 * <ul>
 * <li>a 401 to an initial SUBSCRIBE or INVITE: a UAS sending a non-2xx final answer puts the
 *     session in TERMINATED, and {@code SipSessionImpl.setState(TERMINATED)} marks it ready;
 *     the digest retry, with the same Call-ID and From tag, is handed that same session, and
 *     the dialog it starts vanished when the first NOTIFY's transaction ended (Timer K, 5 s);
 * <li>a 2xx to a REGISTER on a session without a dialog ({@code SipSessionImpl.
 *     updateStateOnResponse}); a SUBSCRIBE with the REGISTER's Call-ID and From tag lands in it.
 * </ul>
 * Neither mark can be undone through the API. Clearing {@code invalidateWhenReady} can: the
 * container then leaves the session alone until {@link #end} hands it back.
 */
final class DialogLifetime {

    /** What a SipSession carries for the application; a session may carry several. */
    enum Use { CALL_INFO, LINE_SEIZE, CALL }

    /** Session attribute: the {@link Use}s of the session, an EnumSet. */
    private static final String USES = "sca.dialog.uses";

    private DialogLifetime() {}

    /** The application starts to use the dialog of {@code session}: it lives until {@link #end}. */
    static void begin(SipSession session, Use use) {
        if (session.getState() == SipSession.State.TERMINATED) {
            // Left so by the challenge of the request whose retry this is: no request (a NOTIFY)
            // can be created in a TERMINATED session.
            ((MobicentsSipSession) session).setState(SipSession.State.INITIAL);
        }
        uses(session).add(use);
        session.setInvalidateWhenReady(false);
    }

    /**
     * SIP ended this use of the dialog (the terminating NOTIFY, BYE or final answer is sent or
     * received). Once nothing else uses it, the container invalidates the session when that
     * last transaction ends, as for any session it manages itself.
     */
    static void end(SipSession session, Use use) {
        if (session == null || !session.isValid()) {
            return;
        }
        EnumSet<Use> uses = usesOf(session);
        uses.remove(use);
        if (uses.isEmpty()) {
            session.removeAttribute(USES);
            session.setInvalidateWhenReady(true);
        }
    }

    /** 481 or 408 (also what the container reports for a timed-out transaction): the far end has no such dialog. */
    static boolean isGone(int status) {
        return status == 481 || status == 408;
    }

    /**
     * The far end answered 481 or 408: it has no such dialog, whatever used it. The session
     * ends as if SIP had ended the dialog, when the transaction that failed ends. Not at once:
     * Restcomm still routes the dialog's later requests to an invalidated SipSession, where
     * not even a 481 can be sent.
     */
    static void gone(SipSession session) {
        if (session != null && session.isValid()) {
            session.removeAttribute(USES);
            ((MobicentsSipSession) session).setState(SipSession.State.TERMINATED);
            session.setInvalidateWhenReady(true);
        }
    }

    /** The session's uses, kept in the session from the first {@link #begin}. */
    private static EnumSet<Use> uses(SipSession session) {
        EnumSet<Use> uses = usesOf(session);
        if (uses.isEmpty()) {
            session.setAttribute(USES, uses);
        }
        return uses;
    }

    /** The session's uses as stored, or an empty set not stored: ending a use never begun stores nothing. */
    @SuppressWarnings("unchecked")
    private static EnumSet<Use> usesOf(SipSession session) {
        Object uses = session.getAttribute(USES);
        return uses == null ? EnumSet.noneOf(Use.class) : (EnumSet<Use>) uses;
    }
}
