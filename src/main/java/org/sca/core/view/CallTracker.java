package org.sca.core.view;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sca.core.call.Call;

/**
 * Follows one line's calls from one look to the next, to tell when each started, was
 * answered and ended: the call log and the call counters. Looking after every step of the
 * line sees every change, so the calls themselves need no hooks. Not thread-safe: fed on the
 * line's thread.
 */
public final class CallTracker {

    /** How a call ended: talked, or never answered (no answer, declined, cancelled, released while ringing). */
    public enum Outcome {
        ANSWERED, UNANSWERED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One step of a call's life, for the log. */
    public sealed interface CallEvent {
        Call call();
    }

    public record Started(Call call) implements CallEvent {}

    /** @param ringing how long it rang before the answer */
    public record Answered(Call call, Duration ringing) implements CallEvent {}

    /** @param duration talk time when answered, ringing time when not */
    public record Ended(Call call, Outcome outcome, Duration duration) implements CallEvent {}

    /** When a call was first seen, and answered (null until then). */
    private static final class Seen {
        final Instant start;
        Instant answered;

        Seen(Instant start) {
            this.start = start;
        }
    }

    /** By identity: a Call is the same call for as long as it lives. */
    private final Map<Call, Seen> seen = new IdentityHashMap<>();

    /** What happened to the calls since the last look, given the calls the line has {@code at} this moment. */
    public List<CallEvent> observe(Collection<Call> current, Instant at) {
        List<CallEvent> events = new ArrayList<>();
        Set<Call> live = Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(current);
        for (Iterator<Map.Entry<Call, Seen>> it = seen.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Call, Seen> e = it.next();
            if (!live.contains(e.getKey())) {
                Seen s = e.getValue();
                events.add(s.answered == null
                        ? new Ended(e.getKey(), Outcome.UNANSWERED, Duration.between(s.start, at))
                        : new Ended(e.getKey(), Outcome.ANSWERED, Duration.between(s.answered, at)));
                it.remove();
            }
        }
        for (Call call : current) {
            Seen s = seen.get(call);
            if (s == null) {
                s = new Seen(at);
                seen.put(call, s);
                events.add(new Started(call));
            }
            if (s.answered == null && call.legs().isPresent()) {
                s.answered = at;
                events.add(new Answered(call, Duration.between(s.start, at)));
            }
        }
        return events;
    }
}
