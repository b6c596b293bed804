package org.sca.sip;

import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;

/**
 * The application's wiring, built once when the servlet starts: the line configuration and
 * the handlers that share it. Static because the container calls {@link Timeouts} without an
 * instance of ours; one per deployment (class loader).
 */
final class ScaApplication {

    private static volatile ScaApplication current;

    final LinesConfig config;
    final DeviceAuthentication authentication;
    final CallInfoSubscriptions subscriptions;
    final CallInfoPublications publications;
    final Registrar registrar;
    final LineSeizes seizes;
    final Forking forking;
    final CallEngine calls;

    ScaApplication(LinesConfig config, Clock clock, TimerService timers, SipFactory factory) {
        this.config = config;
        this.authentication = new DeviceAuthentication(config, clock);
        this.subscriptions = new CallInfoSubscriptions(config.limits(), clock, timers);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions);
        this.registrar = new Registrar(config.limits(), clock, authentication);
        this.seizes = new LineSeizes(clock, timers, subscriptions);
        Teardown teardown = new Teardown(subscriptions);
        this.forking = new Forking(factory, timers, config.limits().ringTimeout(), clock, subscriptions, seizes, teardown);
        this.calls = new CallEngine(authentication, forking, new Relay(subscriptions, teardown),
                new Bridging(subscriptions, teardown), teardown);
    }

    static ScaApplication current() {
        return current;
    }

    static void install(ScaApplication app) {
        current = app;
    }

    Optional<LineConfig> lineOf(SipServletRequest request) {
        return LineKey.lineOf(config, request);
    }
}
