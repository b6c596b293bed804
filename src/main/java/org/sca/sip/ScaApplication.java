package org.sca.sip;

import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.store.StateStore;

/** The application's wiring, built once when the servlet starts: the line configuration and the handlers that share it. */
final class ScaApplication {

    final LinesConfig config;
    final StateStore store;
    final DeviceAuthentication authentication;
    final CallInfoSubscriptions callInfo;
    final LineSeizes seizes;
    final Subscriptions subscriptions;
    final CallInfoPublications publications;
    final Registrar registrar;
    final CallEngine calls;
    final Restoration restoration;
    final Timeouts timeouts;
    final AckTimeouts ackTimeouts;

    ScaApplication(LinesConfig config, StateStore store, Clock clock, TimerService timers, SipFactory factory) {
        this.config = config;
        this.store = store;
        this.authentication = new DeviceAuthentication(config, clock);
        this.subscriptions = new Subscriptions(clock, timers, factory, store);
        this.callInfo = new CallInfoSubscriptions(config.limits(), subscriptions);
        this.seizes = new LineSeizes(subscriptions);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions, store);
        this.registrar = new Registrar(config.limits(), clock, authentication, store);
        Teardown teardown = new Teardown(subscriptions, store);
        Forking forking = new Forking(factory, timers, config.limits().ringTimeout(), clock, subscriptions, seizes, teardown, store);
        LegProbes probes = new LegProbes(timers, config.limits().probeInterval(), teardown);
        this.calls = new CallEngine(authentication, forking, new Relay(subscriptions, teardown),
                new Bridging(subscriptions, teardown, store), teardown, probes);
        this.restoration = new Restoration(clock, timers, factory, subscriptions, store);
        this.timeouts = new Timeouts(subscriptions, forking, publications, probes);
        this.ackTimeouts = new AckTimeouts(calls);
    }

    Optional<LineConfig> lineOf(SipServletRequest request) {
        return LineKey.lineOf(config, request);
    }
}
