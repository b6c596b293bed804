package org.sca.sip;

import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;

/** The application's wiring, built once when the servlet starts: the line configuration and the handlers that share it. */
final class ScaApplication {

    final LinesConfig config;
    final DeviceAuthentication authentication;
    final CallInfoSubscriptions callInfo;
    final LineSeizes seizes;
    final Subscriptions subscriptions;
    final CallInfoPublications publications;
    final Registrar registrar;
    final CallEngine calls;
    final Timeouts timeouts;
    final AckTimeouts ackTimeouts;

    ScaApplication(LinesConfig config, Clock clock, TimerService timers, SipFactory factory) {
        this.config = config;
        this.authentication = new DeviceAuthentication(config, clock);
        this.subscriptions = new Subscriptions(clock, timers);
        this.callInfo = new CallInfoSubscriptions(config.limits(), subscriptions);
        this.seizes = new LineSeizes(subscriptions);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions);
        this.registrar = new Registrar(config.limits(), clock, authentication);
        Teardown teardown = new Teardown(subscriptions);
        Forking forking = new Forking(factory, timers, config.limits().ringTimeout(), clock, subscriptions, seizes, teardown);
        this.calls = new CallEngine(authentication, forking, new Relay(subscriptions, teardown),
                new Bridging(subscriptions, teardown), teardown);
        this.timeouts = new Timeouts(subscriptions, forking, publications);
        this.ackTimeouts = new AckTimeouts(calls);
    }

    Optional<LineConfig> lineOf(SipServletRequest request) {
        return LineKey.lineOf(config, request);
    }
}
