package org.sca.sip;

import java.time.Clock;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.sca.config.ConfigException;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.stack.ApplicationGate;
import org.sca.store.StateStore;

/** The application's wiring, built once when the servlet starts: the line configuration and the handlers that share it. */
final class ScaApplication {

    private static final Logger LOG = Logger.getLogger(ScaApplication.class.getName());
    /** What a broken configuration exits with (EX_CONFIG in sysexits.h). */
    private static final int EXIT_CONFIG = 78;

    final LiveConfig config;
    private final StateStore store;
    final DeviceAuthentication authentication;
    final CallInfoSubscriptions callInfo;
    final LineSeizes seizes;
    final Subscriptions subscriptions;
    final CallInfoPublications publications;
    final Registrar registrar;
    final CallEngine calls;
    final Timeouts timeouts;
    final AckTimeouts ackTimeouts;
    final Operations operations;
    private final Restoration restoration;
    private final StatelessChallenges statelessChallenges;
    private final TcpProbes tcpProbes;
    private final SipSessionsUtilExt sessions;

    ScaApplication(LinesConfig config, Clock clock, TimerService timers, SipFactory factory, SipSessionsUtilExt sessions) {
        this.config = new LiveConfig(config);
        this.sessions = sessions;
        this.store = LinesConfig.NO_STORE.equals(config.storeUrl()) ? StateStore.memoryOnly()
                : StateStore.open(config.storeUrl(), clock);
        this.authentication = new DeviceAuthentication(this.config, clock);
        this.statelessChallenges = new StatelessChallenges(this.config, authentication);
        this.tcpProbes = new TcpProbes(clock);
        Overview overview = new Overview(this.config, clock);
        this.subscriptions = new Subscriptions(clock, timers, factory, store, overview::refresh);
        this.callInfo = new CallInfoSubscriptions(config.limits(), config.caps(), subscriptions);
        this.seizes = new LineSeizes(subscriptions);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions, store);
        this.registrar = new Registrar(config.limits(), config.caps(), clock, authentication, store);
        Teardown teardown = new Teardown(subscriptions, store, timers);
        Forking forking = new Forking(factory, timers, config.limits().ringTimeout(), clock, subscriptions, seizes, teardown, store);
        LegProbes probes = new LegProbes(timers, config.limits().probeInterval(), teardown);
        this.calls = new CallEngine(authentication, forking, new Relay(subscriptions, teardown, new Transfers()),
                new Bridging(subscriptions, teardown, store), teardown, probes);
        this.restoration = new Restoration(clock, timers, factory, subscriptions, store, overview::refresh);
        this.timeouts = new Timeouts(subscriptions, forking, teardown, publications, probes);
        this.ackTimeouts = new AckTimeouts(calls);
        Meters.watch(overview, clock);
        this.operations = new Operations(overview, new LineControl(this.config, sessions, overview, forking, teardown, seizes, subscriptions));
    }

    /**
     * The line configuration, or a ServletException naming the line and field that are wrong.
     * With {@code sca.config.fail-fast} (the launcher sets it) a broken file stops the JVM.
     */
    static LinesConfig configuration() throws ServletException {
        try {
            return LinesConfig.loadConfigured();
        } catch (ConfigException e) {
            String message = "SCA configuration error: " + e.getMessage();
            LOG.severe(message);
            if (Boolean.getBoolean("sca.config.fail-fast")) {
                // A server that silently runs without its lines is worse than one that does not
                // start: the launcher asks for a hard stop. halt, not exit: exit would run
                // Catalina's shutdown hook, which waits for the start-up this thread is part of.
                Runtime.getRuntime().halt(EXIT_CONFIG);
            }
            throw new ServletException(message, e);
        }
    }

    /** Where the state is kept, as a log may show it. */
    String storeName() {
        return store.toString();
    }

    /** The application serves: what the last run left comes back, and the stack challenges for it. */
    void restore() {
        LargeRequests.install(tcpProbes);
        restoration.restore(store.loaded(), config.get(), sessions);
        ApplicationGate.install(statelessChallenges);
    }

    /** A stop, undeploy or reload: the stack forgets the lines' dialogs, the store writes what is queued. */
    void stop() {
        ApplicationGate.remove(statelessChallenges);
        restoration.release(config.get(), sessions);
        LargeRequests.remove(tcpProbes);
        tcpProbes.stop();
        store.close();
    }

    Optional<LineConfig> lineOf(SipServletRequest request) {
        return LineKey.lineOf(config.get(), request);
    }
}
