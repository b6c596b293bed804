package org.sca.sip;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import javax.servlet.sip.URI;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;

/**
 * The application's wiring, built once when the servlet starts: the line configuration and
 * the handlers that share it. Static because the container calls {@link LineKey} and
 * {@link Timeouts} without an instance of ours; one per deployment (class loader).
 */
final class ScaApplication {

    private static volatile ScaApplication current;

    final LinesConfig config;
    final Clock clock;
    final DeviceAuthentication authentication;
    final CallInfoSubscriptions subscriptions;
    final CallInfoPublications publications;
    final Registrar registrar;

    ScaApplication(LinesConfig config, Clock clock, TimerService timers) {
        this.config = config;
        this.clock = clock;
        this.authentication = new DeviceAuthentication(config, clock);
        this.subscriptions = new CallInfoSubscriptions(config.limits(), clock, timers);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions);
        this.registrar = new Registrar(config.limits(), clock, authentication);
    }

    static ScaApplication current() {
        return current;
    }

    static void install(ScaApplication app) {
        current = app;
    }

    /**
     * The line a request is about: the Request-URI's user (phones, and PBXs that address the
     * line), else the To user (PBXs that put the line only in To), else the From user (a
     * phone calling out as the line).
     */
    Optional<LineConfig> lineOf(SipServletRequest request) {
        return userOf(request.getRequestURI()).flatMap(config::byUser)
                .or(() -> userOf(request.getTo().getURI()).flatMap(config::byUser))
                .or(() -> userOf(request.getFrom().getURI()).flatMap(config::byUser));
    }

    private static Optional<String> userOf(URI uri) {
        if (uri instanceof SipURI sip && sip.getUser() != null) {
            return Optional.of(sip.getUser().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }
}
