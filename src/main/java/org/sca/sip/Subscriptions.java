package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.core.CallInfoCodec;
import org.sca.core.LineState;
import org.sca.core.line.Change;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.Subscription;
import org.sca.core.subscription.SubscriptionState;
import org.sca.core.subscription.SubscriptionState.Reason;

/**
 * The life of every subscription dialog, both event packages (RFC 6665): granting and
 * refreshing, the one expiry path, a device that is gone, and the fan-out that tells each
 * call-info subscriber what a change of the line made it see.
 */
final class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());

    private final Clock clock;
    private final TimerService timers;

    Subscriptions(Clock clock, TimerService timers) {
        this.clock = clock;
        this.timers = timers;
    }

    /** 200 with the granted Expires, then the first NOTIFY; the dialog lives until SIP ends it. */
    void grant(SipServletRequest request, LineSession line, EventPackage about, int seconds) throws IOException {
        SipSession session = request.getSession();
        DialogLifetime.begin(session, use(about));
        SipServletResponse ok = request.createResponse(200);
        line.subscriptions().put(session.getId(), new Subscription(about, clock.instant().plusSeconds(seconds)));
        timers.createTimer(request.getApplicationSession(), seconds * 1000L, false, new TimerPayload.SubscriptionDue(session.getId()));
        ok.setHeader("Expires", Integer.toString(seconds));
        ok.send();
        notify(session, line, about, new SubscriptionState.Active(seconds));
    }

    /** Expires: 0 ends the subscription, or is a one-time fetch of the state (RFC 6665 4.4.3). */
    void unsubscribe(SipServletRequest request, LineSession line, EventPackage about) throws IOException {
        SipServletResponse ok = request.createResponse(200);
        ok.setHeader("Expires", "0");
        ok.send();
        end(request.getSession(), line, about, Optional.of(Reason.TIMEOUT));
    }

    /**
     * Ends the subscription of {@code session}: the terminating NOTIFY when a reason is given
     * (none when the device is gone), and a seize frees its appearance unless a call holds it.
     */
    void end(SipSession session, LineSession line, EventPackage about, Optional<Reason> reason) {
        line.subscriptions().remove(session.getId());
        reason.ifPresent(r -> notify(session, line, about, new SubscriptionState.Terminated(r)));
        DialogLifetime.end(session, use(about));
        released(session.getApplicationSession(), line, session.getId(), about);
    }

    /** Timer: ends the subscription of {@code dialog} if it was not refreshed in time, or forgets it if its dialog is gone. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String dialog) {
        Optional<Subscription> s = line.subscriptions().get(dialog);
        if (s.isEmpty()) {
            return;
        }
        SipSession session = appSession.getSipSession(dialog);
        if (session == null || !session.isValid()) {
            line.subscriptions().remove(dialog);
            released(appSession, line, dialog, s.get().about());
        } else if (s.get().isDueAt(clock.instant())) {
            end(session, line, s.get().about(), Optional.of(Reason.TIMEOUT));
        }
    }

    /** A seize that ended frees its appearance, unless a call or a newer seize holds it. */
    private void released(SipApplicationSession appSession, LineSession line, String dialog, EventPackage about) {
        if (about instanceof EventPackage.LineSeize seize) {
            show(appSession, line, line.line().releaseSeize(seize.index(), seize.phone(), dialog));
        }
    }

    /** A NOTIFY answered 481 or 408 (or timed out): the device is gone; the servlet drops the dialog. */
    void deviceGone(SipSession session, LineSession line) {
        line.subscriptions().get(session.getId()).ifPresent(s -> {
            LOG.info(() -> s.about().event() + " subscription " + session.getId() + " on " + line.config().id() + " dropped: NOTIFY failed");
            end(session, line, s.about(), Optional.empty());
        });
    }

    /** Tells every call-info subscriber what a change made it see; an unseen change sends nothing, a refused one is logged. */
    void show(SipApplicationSession appSession, LineSession line, Change change) {
        if (change instanceof Change.Refused r) {
            LOG.info(() -> "appearance " + r.index() + " on " + line.config().id() + ": " + r.event() + " ignored in " + r.state());
        } else if (change instanceof Change.Shown shown) {
            fanOut(appSession, line, shown.view());
        }
    }

    private void fanOut(SipApplicationSession appSession, LineSession line, LineState view) {
        var now = clock.instant();
        String callInfo = CallInfoCodec.format(line.config().host(), view);
        for (String dialog : line.subscriptions().callInfoDialogs()) {
            SipSession session = appSession.getSipSession(dialog);
            Subscription s = line.subscriptions().get(dialog).orElseThrow();
            if (session == null || !session.isValid()) {
                line.subscriptions().remove(dialog);
            } else {
                sendNotify(session, line, s.about(), s.stateAt(now), callInfo);
            }
        }
    }

    private void notify(SipSession session, LineSession line, EventPackage about, SubscriptionState state) {
        String callInfo = about instanceof EventPackage.LineSeize seize
                ? CallInfoCodec.formatIndex(line.config().host(), seize.index())
                : CallInfoCodec.format(line.config().host(), line.line().view());
        sendNotify(session, line, about, state, callInfo);
    }

    private static void sendNotify(SipSession session, LineSession line, EventPackage about, SubscriptionState state,
            String callInfo) {
        if (!Notifications.send(session, about, state, callInfo) && about instanceof EventPackage.CallInfo) {
            // The dialog is unusable: nobody is left to tell, so forget the subscriber. A seize
            // keeps its appearance until it lapses.
            line.subscriptions().remove(session.getId());
            DialogLifetime.gone(session);
        }
    }

    private static DialogLifetime.Use use(EventPackage about) {
        return about instanceof EventPackage.LineSeize ? DialogLifetime.Use.LINE_SEIZE : DialogLifetime.Use.CALL_INFO;
    }

}
