package org.sca.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed authentications per source address in fixed windows: a source that fails
 * {@code maxFailures} times within {@code window} of its first failure is refused until that
 * window ends, whatever it sends, right password included (otherwise refusing would not slow a
 * guesser down). Other addresses are never affected, so a guesser cannot lock a line's phones
 * out. Shared by all lines; safe for concurrent use.
 *
 * <p>Windows are kept in the order they started, so the expired ones are always at the head
 * and each call sweeps them in amortised constant time. At most {@code maxSources} addresses
 * are tracked: beyond that the oldest window is dropped, which bounds the memory a flood of
 * spoofed source addresses can take.
 */
public final class FailureThrottle {

    /** What a failure means for the log: each source gets at most two lines per window. */
    public enum Verdict {
        /** The first failure of a window: worth one line. */
        FIRST,
        /** Counted silently. */
        COUNTED,
        /** The source has just reached the limit and is refused from now on: worth one line. */
        LIMIT_REACHED
    }

    private record Window(Instant start, int failures) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows;

    public FailureThrottle(int maxFailures, Duration window, Clock clock, int maxSources) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
        this.windows = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** @return when {@code source} may try again, if it is refused now */
    public synchronized Optional<Instant> refusedUntil(String source) {
        Instant now = clock.instant();
        sweep(now);
        Window w = windows.get(source);
        return w != null && w.failures >= maxFailures ? Optional.of(w.start.plus(window)) : Optional.empty();
    }

    /** Counts one failure of {@code source}. */
    public synchronized Verdict failed(String source) {
        Instant now = clock.instant();
        sweep(now);
        Window before = windows.get(source);
        Window after = before == null ? new Window(now, 1) : new Window(before.start, before.failures + 1);
        // put on a present key keeps its place: the order stays that of the windows' starts
        windows.put(source, after);
        if (after.failures == maxFailures) {
            return Verdict.LIMIT_REACHED;
        }
        return before == null ? Verdict.FIRST : Verdict.COUNTED;
    }

    private void sweep(Instant now) {
        Instant oldestLive = now.minus(window);
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            if (it.next().start.isAfter(oldestLive)) {
                return;
            }
            it.remove();
        }
    }
}
