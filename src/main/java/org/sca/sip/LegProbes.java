package org.sca.sip;

import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.TimerService;
import org.sca.core.call.Call;

/**
 * Finds the legs of answered calls whose far end is gone (a phone that crashed or lost power
 * mid-call sends nothing): every {@code call.probe-seconds} each leg gets an in-dialog OPTIONS;
 * 481, or no answer at all (408 from the container once Timer F ends the transaction, 32 s
 * over UDP), ends the call like a BYE would. Any other answer, even 405 or 501, shows the
 * dialog is known there.
 */
final class LegProbes {

    private static final Logger LOG = Logger.getLogger(LegProbes.class.getName());

    private final TimerService timers;
    private final Duration interval;
    private final Teardown teardown;

    LegProbes(TimerService timers, Duration interval, Teardown teardown) {
        this.timers = timers;
        this.interval = interval;
        this.teardown = teardown;
    }

    /** The call is answered: probe its legs until it ends. */
    void watch(SipApplicationSession app, Call call) {
        String trunk = call.legs().orElseThrow().trunk();
        timers.createTimer(app, interval.toMillis(), interval.toMillis(), true, false,
                new TimerPayload.ProbeDue(call.index(), trunk));
    }

    /** The call ended: its probes stop. */
    static void stop(SipApplicationSession app, Call call) {
        for (ServletTimer t : app.getTimers()) {
            if (t.getInfo() instanceof TimerPayload.ProbeDue due && due.index() == call.index()
                    && call.legs().map(l -> l.trunk().equals(due.trunkLeg())).orElse(false)) {
                t.cancel();
            }
        }
    }

    /** Timer: OPTIONS on each leg of the call, or the end of the timer when the call is over. */
    void probe(ServletTimer timer, SipApplicationSession app, LineSession line, TimerPayload.ProbeDue due) {
        var call = line.line().call(due.index()).filter(c -> c.legs().map(l -> l.trunk().equals(due.trunkLeg())).orElse(false));
        if (call.isEmpty()) {
            timer.cancel();
            return;
        }
        var legs = call.get().legs().orElseThrow();
        for (String leg : new String[] {legs.trunk(), legs.phone()}) {
            SipSession s = app.getSipSession(leg);
            if (s != null && s.isValid() && s.getState() == SipSession.State.CONFIRMED) {
                try {
                    Pending.send(s.createRequest("OPTIONS"), new Pending.Probe());
                } catch (IOException | IllegalStateException e) {
                    LOG.info(() -> "probe of " + leg + " on " + line.config().id() + " not sent: " + e);
                }
            }
        }
    }

    /** An error answer to a probe: a leg whose dialog is gone ends the call; anything else shows it is there. */
    void answered(SipServletResponse response, LineSession line, Call call) {
        if (DialogLifetime.isGone(response.getStatus())) {
            LOG.info(() -> "appearance " + call.index() + " on " + line.config().id() + ": leg gone ("
                    + response.getStatus() + " to OPTIONS); ending the call");
            teardown.legGone(call, line, response);
        }
    }
}
