package org.sca.sip;

import java.time.Clock;
import java.util.Optional;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.TimerService;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.store.StateStore;

/** The application's wiring, built once when the servlet starts: the line configuration and the handlers that share it. */
final class ScaApplication {

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
    private final SipSessionsUtilExt sessions;

    ScaApplication(LinesConfig config, Clock clock, TimerService timers, SipFactory factory, SipSessionsUtilExt sessions) {
        this.config = new LiveConfig(config);
        this.sessions = sessions;
        this.store = LinesConfig.NO_STORE.equals(config.storeUrl()) ? StateStore.memoryOnly()
                : StateStore.open(config.storeUrl(), clock);
        this.authentication = new DeviceAuthentication(this.config, clock);
        Overview overview = new Overview(this.config, clock);
        this.subscriptions = new Subscriptions(clock, timers, factory, store, overview::refresh);
        this.callInfo = new CallInfoSubscriptions(config.limits(), subscriptions);
        this.seizes = new LineSeizes(subscriptions);
        this.publications = new CallInfoPublications(config.limits(), clock, timers, subscriptions, store);
        this.registrar = new Registrar(config.limits(), clock, authentication, store);
        Teardown teardown = new Teardown(subscriptions, store);
        Forking forking = new Forking(factory, timers, config.limits().ringTimeout(), clock, subscriptions, seizes, teardown, store);
        LegProbes probes = new LegProbes(timers, config.limits().probeInterval(), teardown);
        this.calls = new CallEngine(authentication, forking, new Relay(subscriptions, teardown, new Transfers()),
                new Bridging(subscriptions, teardown, store), teardown, probes);
        this.restoration = new Restoration(clock, timers, factory, subscriptions, store, overview::refresh);
        this.timeouts = new Timeouts(subscriptions, forking, publications, probes);
        this.ackTimeouts = new AckTimeouts(calls);
        Meters.watch(overview, clock);
        this.operations = new Operations(overview, new LineControl(this.config, sessions, overview, forking, teardown, seizes, subscriptions));
    }

    /** Where the state is kept, as a log may show it. */
    String storeName() {
        return store.toString();
    }

    /** The application serves: what the last run left comes back. */
    void restore() {
        restoration.restore(store.loaded(), config.get(), sessions);
    }

    /** A stop, undeploy or reload: the stack forgets the lines' dialogs, the store writes what is queued. */
    void stop() {
        restoration.release(config.get(), sessions);
        store.close();
    }

    Optional<LineConfig> lineOf(SipServletRequest request) {
        return LineKey.lineOf(config.get(), request);
    }
}
