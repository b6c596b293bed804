package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.core.CallInfoCodec;
import org.sca.core.line.Change;
import org.sca.core.subscription.EventPackage;
import org.sca.core.subscription.Subscription;
import org.sca.core.subscription.SubscriptionState;
import org.sca.core.subscription.SubscriptionState.Reason;
import org.sca.store.StateStore;

/**
 * The life of every subscription dialog, both event packages (RFC 6665): granting and
 * refreshing, the one expiry path, a device that is gone, and the fan-out that tells each
 * call-info subscriber what a change of the line made it see.
 *
 * <p>A subscription is kept under its dialog's SipSession ID, or, when it outlived a restart
 * and no session holds its dialog, under a key of its own ({@link #restoredKey}); the server
 * drives such a dialog itself for the rest of its life ({@link DialogRecords}). Call-info
 * subscriptions are written to the {@link StateStore} with the CSeq of each NOTIFY, so a
 * restart can go on in their dialogs.
 */
final class Subscriptions {

    private static final Logger LOG = Logger.getLogger(Subscriptions.class.getName());
    private static final String RESTORED = "restored:";

    private final Clock clock;
    private final TimerService timers;
    private final SipFactory factory;
    private final StateStore store;
    /** Told of each change first, so that the operator's view is never behind the phones. */
    private final Consumer<SipApplicationSession> beforeFanOut;

    Subscriptions(Clock clock, TimerService timers, SipFactory factory, StateStore store,
            Consumer<SipApplicationSession> beforeFanOut) {
        this.clock = clock;
        this.timers = timers;
        this.factory = factory;
        this.store = store;
        this.beforeFanOut = beforeFanOut;
    }

    /** The key of a subscription whose dialog no SipSession holds. */
    static String restoredKey(Subscription s) {
        return RESTORED + s.storeKey();
    }

    /**
     * 200 with the granted Expires, then the first NOTIFY; the dialog lives until SIP ends it.
     * {@code key} names a subscription granted before (a refresh), else the request's session.
     * A restored subscription's refresh comes on a session of its own, whose 200 makes the
     * stack a dialog the server does not use: the stack forgets it again, so the next refresh
     * comes as this one did (see {@link DialogRecords#forget}).
     */
    void grant(SipServletRequest request, LineSession line, String key, EventPackage about, int seconds) throws IOException {
        Optional<Subscription> earlier = line.subscriptions().get(key);
        boolean restored = earlier.map(Subscription::restored).orElse(false);
        if (!restored) {
            DialogLifetime.begin(request.getSession(), use(about));
        }
        SipServletResponse ok = request.createResponse(200);
        var until = clock.instant().plusSeconds(seconds);
        Subscription granted = earlier.map(s -> s.refreshed(until, DialogRecords.targetOf(request)))
                .orElseGet(() -> new Subscription(about, until, DialogRecords.asServer(request, ok), false));
        line.subscriptions().put(key, granted);
        timers.createTimer(request.getApplicationSession(), seconds * 1000L, false, new TimerPayload.SubscriptionDue(key));
        ok.setHeader("Expires", Integer.toString(seconds));
        ok.send();
        if (restored) {
            DialogRecords.forget(request.getSession());
        }
        notify(request.getApplicationSession(), line, key, new SubscriptionState.Active(seconds));
    }

    /**
     * Expires: 0 in a new dialog fetches the state once (RFC 6665 4.4.3): 200, then one NOTIFY
     * with the state that also ends the subscription.
     */
    void fetch(SipServletRequest request, LineSession line, String key, EventPackage about) throws IOException {
        DialogLifetime.begin(request.getSession(), use(about));
        SipServletResponse ok = request.createResponse(200);
        line.subscriptions().put(key, new Subscription(about, clock.instant(), DialogRecords.asServer(request, ok), false));
        ok.setHeader("Expires", "0");
        ok.send();
        end(request.getApplicationSession(), line, key, Optional.of(Reason.TIMEOUT));
    }

    /** Expires: 0 in the subscription's dialog ends it. */
    void unsubscribe(SipServletRequest request, LineSession line, String key) throws IOException {
        SipServletResponse ok = request.createResponse(200);
        ok.setHeader("Expires", "0");
        ok.send();
        if (line.subscriptions().get(key).map(Subscription::restored).orElse(false)) {
            DialogRecords.forget(request.getSession());
        }
        end(request.getApplicationSession(), line, key, Optional.of(Reason.TIMEOUT));
    }

    /**
     * Ends the subscription under {@code key}: the terminating NOTIFY when a reason is given
     * (none when the device is gone), and a seize frees its appearance unless a call holds it.
     */
    void end(SipApplicationSession appSession, LineSession line, String key, Optional<Reason> reason) {
        Optional<Subscription> s = line.subscriptions().get(key);
        if (s.isEmpty()) {
            return;
        }
        reason.ifPresent(r -> notify(appSession, line, key, new SubscriptionState.Terminated(r)));
        forget(appSession, line, key, s.get());
        DialogLifetime.end(appSession.getSipSession(key), use(s.get().about()));
    }

    /** Timer: ends the subscription under {@code key} if it was not refreshed in time, or forgets it if its dialog is gone. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String key) {
        Optional<Subscription> s = line.subscriptions().get(key);
        if (s.isEmpty()) {
            return;
        }
        if (!s.get().restored() && !isLive(appSession.getSipSession(key))) {
            forget(appSession, line, key, s.get());
        } else if (s.get().isDueAt(clock.instant())) {
            end(appSession, line, key, Optional.of(Reason.TIMEOUT));
        }
    }

    /** A NOTIFY was answered 481 or 408 (or timed out): the device is gone, its subscription with it. */
    void deviceGone(SipServletResponse response, LineSession line) {
        String session = response.getSession().getId();
        String key = line.subscriptions().get(session).isPresent() ? session
                : line.subscriptions().keyOfDialog(response.getCallId(), response.getFrom().getParameter("tag")).orElse(null);
        if (key == null) {
            return;
        }
        line.subscriptions().get(key).ifPresent(s -> {
            LOG.info(() -> s.about().event() + " subscription " + key + " on " + line.config().id() + " dropped: NOTIFY failed");
            end(response.getApplicationSession(), line, key, Optional.empty());
        });
    }

    /** Tells every call-info subscriber what a change made it see; an unseen change sends nothing, a refused one is logged. */
    void show(SipApplicationSession appSession, LineSession line, Change change) {
        if (change instanceof Change.Refused r) {
            LOG.info(() -> "appearance " + r.index() + " on " + line.config().id() + ": " + r.event() + " ignored in " + r.state());
        } else if (change instanceof Change.Shown shown) {
            beforeFanOut.accept(appSession);
            String callInfo = CallInfoCodec.format(line.config().host(), shown.view());
            var now = clock.instant();
            for (String key : line.subscriptions().callInfoDialogs()) {
                Subscription s = line.subscriptions().get(key).orElseThrow();
                if (!s.restored() && !isLive(appSession.getSipSession(key))) {
                    forget(appSession, line, key, s);
                } else {
                    send(appSession, line, key, s.stateAt(now), callInfo);
                }
            }
        }
    }

    /** The NOTIFY of the subscription under {@code key}, with the state its package shows. */
    void notify(SipApplicationSession appSession, LineSession line, String key, SubscriptionState state) {
        Subscription s = line.subscriptions().get(key).orElseThrow();
        String callInfo = s.about() instanceof EventPackage.LineSeize seize
                ? CallInfoCodec.formatIndex(line.config().host(), seize.index())
                : CallInfoCodec.format(line.config().host(), line.line().view());
        send(appSession, line, key, state, callInfo);
    }

    private void send(SipApplicationSession appSession, LineSession line, String key, SubscriptionState state, String callInfo) {
        Subscription s = line.subscriptions().get(key).orElseThrow();
        boolean counted = false;
        try {
            SipServletRequest notify = s.restored()
                    ? DialogRecords.request(factory, appSession, s.dialog(), "NOTIFY", s.dialog().localCseq() + 1)
                    : appSession.getSipSession(key).createRequest("NOTIFY");
            Notifications.fill(notify, s.about(), state, callInfo);
            // Counted before it leaves: a phone never holds a NOTIFY the metrics do not show yet.
            Meters.notify(Meters.NOTIFY_SENT);
            counted = true;
            LargeRequests.send(notify);
            Subscription sent = s.sent(Headers.cseq(notify));
            line.subscriptions().put(key, sent);
            if (sent.about() instanceof EventPackage.CallInfo && state instanceof SubscriptionState.Active) {
                store.subscription(line.config().id(), sent);
            }
        } catch (IOException | ServletException | IllegalStateException e) {
            if (!counted) {
                Meters.notify(Meters.NOTIFY_NOT_SENT);
            }
            // An IOException is this NOTIFY that could not leave (too large for the transport, no
            // route): its dialog is as good as before, so the subscriber stays for the next change.
            boolean dialogUsable = e instanceof IOException;
            LOG.info(() -> s.about().event() + " NOTIFY to " + key + " not sent" + (dialogUsable ? ", subscription kept: " : ": ") + e);
            if (!dialogUsable && s.about() instanceof EventPackage.CallInfo) {
                // The dialog is unusable: nobody is left to tell, so forget the subscriber. A seize
                // keeps its appearance until it lapses.
                forget(appSession, line, key, s);
                DialogLifetime.gone(appSession.getSipSession(key));
            }
        }
    }

    /** Drops the subscription; a seize that ended frees its appearance, unless a call or a newer seize holds it. */
    private void forget(SipApplicationSession appSession, LineSession line, String key, Subscription s) {
        line.subscriptions().remove(key);
        if (s.about() instanceof EventPackage.LineSeize seize) {
            show(appSession, line, line.line().releaseSeize(seize.index(), seize.phone(), key));
        } else {
            store.subscriptionEnded(line.config().id(), s);
        }
    }

    private static boolean isLive(SipSession session) {
        return session != null && session.isValid();
    }

    private static DialogLifetime.Use use(EventPackage about) {
        return about instanceof EventPackage.LineSeize ? DialogLifetime.Use.LINE_SEIZE : DialogLifetime.Use.CALL_INFO;
    }
}
