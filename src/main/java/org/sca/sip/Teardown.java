package org.sca.sip;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.core.call.Call;
import org.sca.core.call.Phase;
import org.sca.store.StateStore;

/**
 * How a call ends: a BYE from either side, a leg that is gone (481/408), a 2xx never ACKed,
 * or the forking giving up. Whatever ends it, the other leg gets BYE, a phone picking the
 * call up gets 487, the appearance goes idle and the phones are told.
 */
final class Teardown {

    private static final Logger LOG = Logger.getLogger(Teardown.class.getName());

    /** RFC 3261 13.3.1.4: a UAS retransmits its 2xx for 64 x T1 (T1 = 500 ms) waiting for the ACK. */
    private static final Duration ACK_WAIT = Duration.ofMillis(64 * 500);

    private final Subscriptions subscriptions;
    private final StateStore store;
    private final TimerService timers;

    Teardown(Subscriptions subscriptions, StateStore store, TimerService timers) {
        this.subscriptions = subscriptions;
        this.store = store;
        this.timers = timers;
    }

    void bye(SipServletRequest bye, LineSession line) throws IOException {
        bye.createResponse(200).send();
        String leg = bye.getSession().getId();
        line.line().callOn(leg).filter(c -> c.isLeg(leg)).ifPresent(c -> end(c, line, bye.getApplicationSession(), leg));
    }

    /** A request on {@code gone}'s leg was answered 481 or 408: the call ends with that leg's dialog. */
    void legGone(Call call, LineSession line, SipServletResponse gone) {
        end(call, line, gone.getApplicationSession(), gone.getSession().getId());
        DialogLifetime.gone(gone.getSession());
    }

    /** The container reports that the phone or PBX never ACKed the 2xx the server sent on this leg. */
    void neverAcknowledged(SipServletRequest invite, LineSession line) {
        String leg = invite.getSession().getId();
        line.line().callOn(leg).filter(c -> c.isLeg(leg))
                .ifPresent(call -> unacknowledged(call, line, invite.getApplicationSession(), "the container's no-ACK report"));
    }

    /**
     * The server answered the INVITE of {@code leg} with a 2xx: the call ends unless its ACK
     * comes in time. Not left to the container's report: for these 2xx it never ended a call
     * (see README "The container"; FaultsIT).
     */
    void awaitAck(SipApplicationSession app, Call call, String leg) {
        call.awaitAck(leg);
        timers.createTimer(app, ACK_WAIT.toMillis(), false, new TimerPayload.AckDue(leg));
    }

    /** Timer: the ACK for the 2xx on {@code leg} may be overdue. */
    void ackDue(SipApplicationSession app, LineSession line, String leg) {
        line.line().callOn(leg).filter(c -> c.awaitsAck(leg))
                .ifPresent(call -> unacknowledged(call, line, app, "no ACK within " + ACK_WAIT.toSeconds() + " s"));
    }

    /** RFC 3261 13.3.1.4: a 2xx never ACKed ends the session with a BYE, on both legs here. */
    private void unacknowledged(Call call, LineSession line, SipApplicationSession app, String how) {
        LOG.info(() -> "appearance " + call.index() + " on " + line.config().id() + ": 2xx never ACKed (" + how + "); ending the call");
        end(call, line, app, null);
    }

    /**
     * Ends the call: BYE to each answered leg but {@code endedBy}, appearance idle, phones told.
     * The legs' dialogs end with it: by that BYE, the one received, or the final answer sent.
     */
    void end(Call call, LineSession line, SipApplicationSession app, String endedBy) {
        if (call.phase() instanceof Phase.Bridging bridging) {
            line.invites().take(bridging.retriever()).ifPresent(Teardown::terminate);
        }
        line.invites().forget(call);
        boolean answered = call.legs().isPresent();
        List<String> legs = call.legs().map(l -> List.of(l.trunk(), l.phone())).orElse(List.of(call.inboundLeg()));
        for (String leg : legs) {
            SipSession s = app.getSipSession(leg);
            if (answered && !leg.equals(endedBy) && s != null && s.isValid() && s.getState() == SipSession.State.CONFIRMED) {
                try {
                    s.createRequest("BYE").send();
                } catch (IOException | IllegalStateException e) {
                    LOG.info(() -> "BYE on " + leg + " not sent: " + e);
                }
            }
            DialogLifetime.end(s, DialogLifetime.Use.CALL);
        }
        if (answered) {
            LegProbes.stop(app, call);
            store.callEnded(line.config().id(), call.index());
        }
        subscriptions.show(app, line, line.line().end(call));
    }

    /**
     * A phone's retrieve INVITE still waiting for the PBX when the call ended: it gets its
     * final answer, the one RFC 3261 15.1.2 gives a request pending in a dialog that a BYE ends.
     */
    private static void terminate(SipServletRequest retrieve) {
        try {
            retrieve.createResponse(SipServletResponse.SC_REQUEST_TERMINATED, "Call ended").send();
        } catch (IOException | IllegalStateException e) {
            LOG.info(() -> "487 to the retrieving phone not sent: " + e);
        }
        DialogLifetime.end(retrieve.getSession(), DialogLifetime.Use.CALL);
    }
}
