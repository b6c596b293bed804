package org.sca.sip;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import org.sca.config.LineConfig;
import org.sca.core.call.Call;
import org.sca.core.view.CallTracker;
import org.sca.core.view.LineView;

/**
 * What the operator's view reads: the latest {@link LineView} of every line. Each line's own
 * thread publishes its view after every step (message, timer, admin action), under the
 * container's per-line serialisation, so HTTP threads read immutable views and never touch
 * a line. The same look feeds the call log and the call counters.
 */
public final class Overview {

    /** One line per call step; {@code conf/logging.properties} sends it to its own rotated file too. */
    private static final Logger CALL_LOG = Logger.getLogger("org.sca.calls");

    private final Clock clock;
    private final LiveConfig config;
    private final Map<String, LineView> latest = new ConcurrentHashMap<>();
    /** Each used only on its line's thread. */
    private final Map<String, CallTracker> trackers = new ConcurrentHashMap<>();
    private final List<Consumer<LineView>> listeners = new CopyOnWriteArrayList<>();

    Overview(LiveConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** Every configured line, in the configuration's order; a line nothing happened on is quiet. */
    public List<LineView> lines() {
        return config.get().lines().stream().map(this::viewOf).toList();
    }

    public Optional<LineView> line(String id) {
        return config.line(id).map(this::viewOf);
    }

    /** A line the configuration no longer has: nothing of it is kept. */
    void forget(String id) {
        latest.remove(id);
        trackers.remove(id);
    }

    /** {@code listener} hears every line's new view, on that line's thread: it must not block. */
    public void listen(Consumer<LineView> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<LineView> listener) {
        listeners.remove(listener);
    }

    private LineView viewOf(LineConfig line) {
        LineView seen = latest.get(line.id());
        return seen != null ? seen : LineView.quiet(line.id(), line.aor(), line.maxAppearances());
    }

    /** After a step on {@code appSession}: publishes the line's view if it changed, and logs its calls' steps. */
    void refresh(SipApplicationSession appSession) {
        LineSession line = LineSession.existing(appSession);
        if (line == null) {
            return;
        }
        LineConfig c = line.config();
        Instant now = clock.instant();
        LineView before = latest.get(c.id());
        LineView next = LineView.of(c.id(), c.aor(), line.line().view(), line.bindings().liveAt(now),
                line.subscriptions().all(), now, Optional.ofNullable(before));
        for (CallTracker.CallEvent e : trackers.computeIfAbsent(c.id(), id -> new CallTracker()).observe(line.line().calls(), now)) {
            log(c.id(), e);
        }
        if (!next.equals(before)) {
            latest.put(c.id(), next);
            listeners.forEach(l -> l.accept(next));
        }
    }

    private static void log(String lineId, CallTracker.CallEvent e) {
        Call call = e.call();
        String prefix = "line=" + lineId + " appearance=" + call.index() + " direction="
                + call.direction().label();
        if (e instanceof CallTracker.Started) {
            CALL_LOG.info(() -> "call start " + prefix + " remote=" + call.remoteParty());
        } else if (e instanceof CallTracker.Answered a) {
            CALL_LOG.info(() -> "call answer " + prefix + " owner=" + call.owner() + " ringing=" + seconds(a.ringing()));
        } else if (e instanceof CallTracker.Ended end) {
            Meters.callEnded(end);
            CALL_LOG.info(() -> "call end " + prefix + " outcome=" + end.outcome().label() + " duration=" + seconds(end.duration()));
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3fs", d.toMillis() / 1000.0);
    }
}
