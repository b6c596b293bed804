package org.sca.core;

import static org.sca.core.AppearanceEvent.*;
import static org.sca.core.AppearanceState.*;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The single place that says which event may move an appearance from which state.
 *
 * <pre>
 * from           event          to
 * idle           SEIZE          seized
 * idle           DIAL_PROGRESS  progressing   (outgoing call placed without a seize)
 * idle           RING           alerting      (incoming call)
 * seized         RELEASE        idle
 * seized         DIAL_PROGRESS  progressing
 * seized         ANSWER         active
 * progressing    ANSWER         active
 * alerting       ANSWER         active
 * active         HOLD           held
 * active         HOLD_PRIVATE   held-private
 * held           HOLD_PRIVATE   held-private
 * held           RESUME         active
 * held           RETRIEVE       active        (another device picks up)
 * held-private   HOLD           held
 * held-private   RESUME         active
 * any but idle   END            idle
 * </pre>
 *
 * Every other pair is refused. RETRIEVE is not allowed from held-private because that is what
 * makes the hold private.
 */
public final class Transitions {

    private static final Map<AppearanceState, Map<AppearanceEvent, AppearanceState>> TABLE = build();

    private Transitions() {
    }

    /** The state {@code event} leads to from {@code from}, or empty when the event is not allowed there. */
    public static Optional<AppearanceState> next(AppearanceState from, AppearanceEvent event) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(event, "event");
        return Optional.ofNullable(TABLE.get(from).get(event));
    }

    private static Map<AppearanceState, Map<AppearanceEvent, AppearanceState>> build() {
        Map<AppearanceState, Map<AppearanceEvent, AppearanceState>> t = new EnumMap<>(AppearanceState.class);
        for (AppearanceState s : AppearanceState.values()) {
            t.put(s, new EnumMap<>(AppearanceEvent.class));
        }
        t.get(IDLE).put(SEIZE, SEIZED);
        t.get(IDLE).put(DIAL_PROGRESS, PROGRESSING);
        t.get(IDLE).put(RING, ALERTING);
        t.get(SEIZED).put(RELEASE, IDLE);
        t.get(SEIZED).put(DIAL_PROGRESS, PROGRESSING);
        t.get(SEIZED).put(ANSWER, ACTIVE);
        t.get(PROGRESSING).put(ANSWER, ACTIVE);
        t.get(ALERTING).put(ANSWER, ACTIVE);
        t.get(ACTIVE).put(HOLD, HELD);
        t.get(ACTIVE).put(HOLD_PRIVATE, HELD_PRIVATE);
        t.get(HELD).put(HOLD_PRIVATE, HELD_PRIVATE);
        t.get(HELD).put(RESUME, ACTIVE);
        t.get(HELD).put(RETRIEVE, ACTIVE);
        t.get(HELD_PRIVATE).put(HOLD, HELD);
        t.get(HELD_PRIVATE).put(RESUME, ACTIVE);
        for (AppearanceState s : AppearanceState.values()) {
            if (s != IDLE) {
                t.get(s).put(END, IDLE);
            }
        }
        // Read-only from here on: the table is shared by every thread handling a line.
        t.replaceAll((state, moves) -> Map.copyOf(moves));
        return t;
    }
}
