package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import org.sca.core.Expiry;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.SubscriptionState.Reason;

/**
 * The BroadWorks line-seize event package: a phone takes an appearance before dialling, so
 * its line key lights as seized on every other phone and no incoming call lands on it. One
 * seize per appearance (Kamailio's rule; OpenSIPS allows one per line), contention answered
 * with 480 and Retry-After. {@link Subscriptions} keeps the dialogs and lets them lapse.
 */
final class LineSeizes {

    /** SEIZE_TTL = 15 s: BroadWorks' default and the most granted; phones re-seize while dialling. */
    static final int SEIZE_TTL = 15;
    /** How soon a phone refused a seize may try again: about one re-seize period of the holder. */
    private static final String RETRY_AFTER = "5";

    private final Subscriptions subscriptions;

    LineSeizes(Subscriptions subscriptions) {
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
            Meters.seize(Meters.SEIZE_BUSY);
            Rejection.send(request, 480, "Appearance in use", "Retry-After", RETRY_AFTER);
            return;
        }
        Meters.seize(Meters.SEIZE_GRANTED);
        grant(request, line, new EventPackage.LineSeize(wanted.getAsInt(), phone), asked);
    }

    /** A SUBSCRIBE inside a seize dialog: re-seize (refresh) or release with Expires: 0. */
    void reseize(SipServletRequest request, LineSession line) throws IOException {
        Optional<EventPackage.LineSeize> current = line == null ? Optional.empty()
                : line.subscriptions().about(request.getSession().getId(), EventPackage.LineSeize.class);
        if (current.isEmpty()) {
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
        grant(request, line, current.get(), asked);
    }

    private void grant(SipServletRequest request, LineSession line, EventPackage.LineSeize seize, OptionalLong asked)
            throws IOException {
        if (Expiry.judge(asked, SEIZE_TTL, 1, SEIZE_TTL) instanceof Expiry.Granted granted) {
            String dialog = request.getSession().getId();
            subscriptions.grant(request, line, dialog, seize, granted.seconds());
            subscriptions.show(request.getApplicationSession(), line, line.line().seize(seize.index(), seize.phone(), dialog));
        } else {
            subscriptions.unsubscribe(request, line, request.getSession().getId());
        }
    }

    /** The seizer's call reached the PBX (first 18x): the seize of {@code dialog} has done its job. */
    void usedUp(SipApplicationSession appSession, LineSession line, String dialog) {
        SipSession session = appSession.getSipSession(dialog);
        if (session != null && line.subscriptions().about(dialog, EventPackage.LineSeize.class).isPresent()) {
            subscriptions.end(appSession, line, dialog, Optional.of(Reason.NORESOURCE));
        }
    }
}
