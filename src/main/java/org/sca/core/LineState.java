package org.sca.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * The state of one shared line: which appearances are in use, and how many there may be.
 *
 * <p>Immutable, and equal to another instance exactly when phones would be told the same thing,
 * so a caller can skip a NOTIFY when a change leaves the line as it was. Only busy appearances
 * are stored: most of a line is idle most of the time.
 */
public final class LineState {

    private final int maxAppearances;
    /** Non-idle appearances, ascending index, at most one per index. */
    private final List<Appearance> busy;

    private LineState(int maxAppearances, List<Appearance> busy) {
        this.maxAppearances = maxAppearances;
        this.busy = List.copyOf(busy);
    }

    public static LineState empty(int maxAppearances) {
        if (maxAppearances < 1) {
            throw new IllegalArgumentException("a line needs at least one appearance: " + maxAppearances);
        }
        return new LineState(maxAppearances, List.of());
    }

    public int maxAppearances() {
        return maxAppearances;
    }

    public boolean isValidIndex(int i) {
        return i >= 1 && i <= maxAppearances;
    }

    /** The appearance at {@code index}; an idle one when nothing is going on there. */
    public Appearance appearance(int index) {
        requireValid(index);
        for (Appearance a : busy) {
            if (a.index() == index) {
                return a;
            }
        }
        return Appearance.idle(index);
    }

    /** The non-idle appearances, lowest index first. */
    public Collection<Appearance> busy() {
        return busy;
    }

    /** The lowest index free for a new call, or empty when every appearance is busy. */
    public OptionalInt lowestIdle() {
        int candidate = 1;
        for (Appearance a : busy) {
            if (a.index() != candidate) {
                break;
            }
            candidate++;
        }
        return candidate <= maxAppearances ? OptionalInt.of(candidate) : OptionalInt.empty();
    }

    /** This line with {@code a} in place of whatever was at its index; an idle {@code a} frees the index. */
    public LineState with(Appearance a) {
        requireValid(a.index());
        List<Appearance> next = new ArrayList<>(busy.size() + 1);
        boolean placed = a.state() == AppearanceState.IDLE;
        for (Appearance b : busy) {
            if (!placed && a.index() < b.index()) {
                next.add(a);
                placed = true;
            }
            if (b.index() != a.index()) {
                next.add(b);
            }
        }
        if (!placed) {
            next.add(a);
        }
        return new LineState(maxAppearances, next);
    }

    private void requireValid(int index) {
        if (!isValidIndex(index)) {
            throw new IllegalArgumentException(
                    "appearance index " + index + " outside 1.." + maxAppearances);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineState other
                && maxAppearances == other.maxAppearances
                && busy.equals(other.busy);
    }

    @Override
    public int hashCode() {
        return 31 * maxAppearances + busy.hashCode();
    }

    @Override
    public String toString() {
        return "LineState[max=" + maxAppearances + ", busy=" + busy + "]";
    }
}
