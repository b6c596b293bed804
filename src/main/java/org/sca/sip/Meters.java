package org.sca.sip;

import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.GaugeMetricFamily;
import io.prometheus.client.hotspot.DefaultExports;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.sca.core.AppearanceState;
import org.sca.core.call.Call;
import org.sca.core.subscription.EventPackage;
import org.sca.core.view.CallTracker;
import org.sca.core.view.LineView;

/**
 * The application's Prometheus metrics, one registry for the application (not the JVM-wide
 * default, which a redeployed application would find already full). Counters are counted
 * where the thing happens; gauges are read from the {@link Overview} at each scrape.
 */
public final class Meters {

    private static final CollectorRegistry REGISTRY = new CollectorRegistry();
    static final String NOTIFY_SENT = "sent";
    /** The dialog could not carry a NOTIFY any more. */
    static final String NOTIFY_NOT_SENT = "not_sent";
    /** The device answered the NOTIFY with an error. */
    static final String NOTIFY_REFUSED = "refused";
    static final String SEIZE_GRANTED = "granted";
    /** 480: the appearance was taken. */
    static final String SEIZE_BUSY = "busy";

    private static final Counter CALLS = Counter.build("sca_calls_total", "Calls that ended, by who started them and how they ended.")
            .labelNames("direction", "outcome").register(REGISTRY);
    private static final Counter NOTIFIES = Counter.build("sca_notify_total",
            "NOTIFYs: sent, not_sent (the dialog could not carry one), refused (the device answered an error).")
            .labelNames("result").register(REGISTRY);
    private static final Counter REJECTED = Counter.build("sca_requests_rejected_total", "Requests refused, by status code.")
            .labelNames("code").register(REGISTRY);
    private static final Gauge SESSIONS = Gauge.build("sca_sip_sessions",
            "SIP sessions the container holds for the application.").register(REGISTRY);
    private static final Counter SEIZES = Counter.build("sca_seize_total", "Initial line-seize SUBSCRIBEs: granted, or busy (480).")
            .labelNames("result").register(REGISTRY);

    static {
        // Every known series from the start, at 0: a rate over a series that appears only with
        // its first event misses that event.
        for (Call.Direction direction : Call.Direction.values()) {
            for (CallTracker.Outcome outcome : CallTracker.Outcome.values()) {
                CALLS.labels(direction.label(), outcome.label());
            }
        }
        List.of(NOTIFY_SENT, NOTIFY_NOT_SENT, NOTIFY_REFUSED).forEach(NOTIFIES::labels);
        List.of(SEIZE_GRANTED, SEIZE_BUSY).forEach(SEIZES::labels);
        DefaultExports.register(REGISTRY);
    }

    private Meters() {}

    public static CollectorRegistry registry() {
        return REGISTRY;
    }

    static void callEnded(CallTracker.Ended end) {
        CALLS.labels(end.call().direction().label(), end.outcome().label()).inc();
    }

    static void notify(String result) {
        NOTIFIES.labels(result).inc();
    }

    static void rejected(int status) {
        REJECTED.labels(Integer.toString(status)).inc();
    }

    static void sessions(int change) {
        SESSIONS.inc(change);
    }

    static void seize(String result) {
        SEIZES.labels(result).inc();
    }

    /** Subscriptions, registrations and appearances as the lines' latest views show them. */
    static void watch(Overview overview, Clock clock) {
        new Collector() {
            @Override
            public List<MetricFamilySamples> collect() {
                return gauges(overview.lines(), clock.instant());
            }
        }.register(REGISTRY);
    }

    private static List<Collector.MetricFamilySamples> gauges(List<LineView> lines, Instant now) {
        long callInfo = 0;
        long seizes = 0;
        long registrations = 0;
        Map<AppearanceState, Long> states = new EnumMap<>(AppearanceState.class);
        for (AppearanceState s : AppearanceState.values()) {
            states.put(s, 0L);
        }
        for (LineView line : lines) {
            for (LineView.SubscriptionView s : line.subscriptions()) {
                if (s.expiresAt().isAfter(now)) {
                    if (s.event().equals(EventPackage.LINE_SEIZE)) {
                        seizes++;
                    } else {
                        callInfo++;
                    }
                }
            }
            registrations += line.registrations().stream().filter(r -> r.expiresAt().isAfter(now)).count();
            states.merge(AppearanceState.IDLE, (long) line.maxAppearances() - line.appearances().size(), Long::sum);
            line.appearances().forEach(a -> states.merge(a.state(), 1L, Long::sum));
        }
        GaugeMetricFamily subscriptions = new GaugeMetricFamily("sca_subscriptions", "Live subscriptions, by event package.", List.of("event"));
        subscriptions.addMetric(List.of(EventPackage.CALL_INFO), callInfo);
        subscriptions.addMetric(List.of(EventPackage.LINE_SEIZE), seizes);
        GaugeMetricFamily appearances = new GaugeMetricFamily("sca_appearances", "Appearances of all lines, by state.", List.of("state"));
        states.forEach((state, n) -> appearances.addMetric(List.of(state.wire()), n));
        return List.of(subscriptions,
                new GaugeMetricFamily("sca_registrations", "Live registered contacts of all lines.", registrations),
                appearances);
    }
}
