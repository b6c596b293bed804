package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipSessionsUtil;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.core.Binding;
import org.sca.core.Bindings;
import org.sca.core.Dialog;
import org.sca.core.Publication;
import org.sca.core.subscription.Subscription;
import org.sca.store.Snapshot;
import org.sca.store.StateStore;

/**
 * A start (or a redeploy) picks up where the last run stopped. Once the application serves
 * (JSR 289's {@code SipServletListener.servletInitialized}: the container may send requests
 * from then on, and holds each line's session for the work), each stored line's bindings and
 * call-info subscriptions go back on its application session, so a call from the PBX rings
 * the phones at once and a refresh in an old dialog is answered; every subscriber hears the
 * line's state in its existing dialog; and the calls that were up end: no container holds
 * their legs any more, so both get a BYE and the appearance stays free.
 */
final class Restoration {

    private static final Logger LOG = Logger.getLogger(Restoration.class.getName());

    private final Clock clock;
    private final TimerService timers;
    private final SipFactory factory;
    private final Subscriptions subscriptions;
    private final StateStore store;
    /** Told of each line restored, so that the operator's view shows it before its first message. */
    private final Consumer<SipApplicationSession> restored;

    Restoration(Clock clock, TimerService timers, SipFactory factory, Subscriptions subscriptions, StateStore store,
            Consumer<SipApplicationSession> restored) {
        this.clock = clock;
        this.timers = timers;
        this.factory = factory;
        this.subscriptions = subscriptions;
        this.store = store;
        this.restored = restored;
    }

    /** Restores what {@code snapshot} holds of each configured line. */
    void restore(Snapshot snapshot, LinesConfig config, SipSessionsUtil sessions) {
        snapshot.lines().forEach((id, stored) -> {
            LineConfig lineConfig = config.lines().stream().filter(l -> l.id().equals(id)).findFirst().orElse(null);
            if (lineConfig == null) {
                LOG.info(() -> "stored state of line '" + id + "' dropped: no such line is configured");
                store.lineRemoved(id);
                return;
            }
            SipApplicationSession appSession = sessions.getApplicationSessionByKey(LineKey.keyOf(lineConfig), true);
            LineSession line = LineSession.of(appSession, lineConfig);
            Bindings bindings = Bindings.empty();
            for (Binding b : stored.bindings()) {
                bindings = bindings.with(b);
            }
            line.bindings(bindings);
            endCalls(appSession, id, stored.callLegs());
            var now = clock.instant();
            for (Publication p : stored.publications()) {
                line.line().publish(p, Optional.empty());
                timers.createTimer(appSession, untilMillis(p.expiresAt(), now), false, new TimerPayload.PublicationDue(p.etag()));
            }
            for (Subscription s : stored.subscriptions()) {
                Subscription restored = s.sent(s.dialog().localCseq() + DialogRecords.RESTORED_CSEQ_GAP);
                String key = Subscriptions.restoredKey(restored);
                line.subscriptions().put(key, restored);
                timers.createTimer(appSession, untilMillis(restored.expiresAt(), now), false, new TimerPayload.SubscriptionDue(key));
                subscriptions.notify(appSession, line, key, restored.stateAt(now));
            }
            restored.accept(appSession);
            LOG.info(() -> "line '" + id + "' restored: " + stored.bindings().size() + " registration(s), "
                    + stored.subscriptions().size() + " subscription(s), " + stored.publications().size()
                    + " publication(s); " + stored.callLegs().size() + " call leg(s) ended");
        });
    }

    /**
     * A stop, undeploy or reload: the SIP stack forgets the dialogs of every line. A reload
     * keeps the container's stack, which would otherwise still match the phones' next
     * requests to dialogs whose sessions went with the old application, and answer them 481
     * itself ({@code SubsequentRequestDispatcher}: "Cannot find the corresponding sip
     * session"); forgotten, they reach the next run as new requests, which it serves from the
     * store as after a restart.
     */
    void release(LinesConfig config, SipSessionsUtil sessions) {
        for (LineConfig line : config.lines()) {
            SipApplicationSession appSession = sessions.getApplicationSessionByKey(LineKey.keyOf(line), false);
            if (appSession == null || !appSession.isValid()) {
                continue;
            }
            Iterator<?> it = appSession.getSessions("SIP");
            while (it.hasNext()) {
                if (it.next() instanceof SipSession s) {
                    DialogRecords.forget(s);
                }
            }
        }
    }

    private static long untilMillis(Instant then, Instant now) {
        return Math.max(0, then.toEpochMilli() - now.toEpochMilli());
    }

    private void endCalls(SipApplicationSession appSession, String line, List<Dialog> legs) {
        for (Dialog leg : legs) {
            try {
                DialogRecords.request(factory, appSession, leg, "BYE", leg.localCseq() + DialogRecords.RESTORED_CSEQ_GAP).send();
            } catch (IOException | ServletException | IllegalStateException e) {
                LOG.info(() -> "BYE to restored call leg " + leg.callId() + " not sent: " + e);
            }
        }
        if (!legs.isEmpty()) {
            store.callsEnded(line);
        }
    }
}
