package org.sca.core.line;

import org.sca.core.call.Call;

/** What keeps one appearance busy, as far as the server can end it: the answer to "release this key". */
public sealed interface Occupant {

    /** Nothing: the appearance is idle. */
    record None() implements Occupant {}

    /** A call the server bridges (ringing, answered or being retrieved). */
    record OfCall(Call call) implements Occupant {}

    /** A line-seize subscription (its dialog) with no call yet. */
    record Seize(String dialog) implements Occupant {}

    /** Only a publisher's state: the server has nothing of its own there to end. */
    record Published() implements Occupant {}
}
