package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;
import static org.sca.core.AppearanceState.*;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LineStateTest {

    private static Appearance busy(int index, AppearanceState state) {
        return new Appearance(index, state, "dev" + index, "<sip:" + index + "@pbx.test>");
    }

    @Test
    void emptyLineIsAllIdle() {
        LineState line = LineState.empty(3);
        assertEquals(3, line.maxAppearances());
        assertTrue(line.busy().isEmpty());
        assertEquals(Appearance.idle(2), line.appearance(2));
        assertEquals(OptionalInt.of(1), line.lowestIdle());
    }

    @Test
    void validIndexesAreOneToMax() {
        LineState line = LineState.empty(2);
        assertFalse(line.isValidIndex(0));
        assertTrue(line.isValidIndex(1));
        assertTrue(line.isValidIndex(2));
        assertFalse(line.isValidIndex(3));
        assertThrows(IllegalArgumentException.class, () -> line.appearance(3));
        assertThrows(IllegalArgumentException.class, () -> line.with(busy(3, ACTIVE)));
    }

    @Test
    void lineNeedsAnAppearance() {
        assertThrows(IllegalArgumentException.class, () -> LineState.empty(0));
    }

    @Test
    void busyIsAscendingWhateverTheInsertionOrder() {
        LineState line = LineState.empty(5).with(busy(4, HELD)).with(busy(1, ACTIVE)).with(busy(2, ALERTING));
        assertEquals(List.of(busy(1, ACTIVE), busy(2, ALERTING), busy(4, HELD)), List.copyOf(line.busy()));
        assertEquals(busy(4, HELD), line.appearance(4));
    }

    @Test
    void lowestIdleSkipsBusyAndFindsGaps() {
        LineState line = LineState.empty(4).with(busy(1, ACTIVE)).with(busy(2, HELD)).with(busy(4, SEIZED));
        assertEquals(OptionalInt.of(3), line.lowestIdle());
    }

    @Test
    void fullLineHasNoIdleIndexAndFreeingOneReopensIt() {
        LineState full = LineState.empty(2).with(busy(1, ACTIVE)).with(busy(2, ALERTING));
        assertEquals(OptionalInt.empty(), full.lowestIdle());
        assertEquals(OptionalInt.of(2), full.with(Appearance.idle(2)).lowestIdle());
    }

    @Test
    void withReplacesTheAppearanceAtItsIndex() {
        LineState line = LineState.empty(3).with(busy(2, ALERTING)).with(busy(2, ACTIVE));
        assertEquals(List.of(busy(2, ACTIVE)), List.copyOf(line.busy()));
    }

    @Test
    void idleAppearanceRemovesTheEntry() {
        LineState empty = LineState.empty(3);
        LineState line = empty.with(busy(1, ACTIVE)).with(busy(3, HELD));
        assertEquals(List.of(busy(3, HELD)), List.copyOf(line.with(Appearance.idle(1)).busy()));
        assertEquals(empty, line.with(Appearance.idle(1)).with(Appearance.idle(3)));
    }

    @Test
    void withLeavesTheOriginalUnchanged() {
        LineState empty = LineState.empty(3);
        empty.with(busy(1, ACTIVE));
        assertEquals(LineState.empty(3), empty);
    }

    @Test
    void equalityIsByContent() {
        LineState a = LineState.empty(3).with(busy(1, ACTIVE)).with(busy(2, HELD));
        LineState b = LineState.empty(3).with(busy(2, HELD)).with(busy(1, ACTIVE));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, a.with(busy(2, HELD_PRIVATE)));
        assertNotEquals(LineState.empty(3), LineState.empty(4));
    }

    @Test
    void busyCannotBeModified() {
        LineState line = LineState.empty(2).with(busy(1, ACTIVE));
        assertThrows(UnsupportedOperationException.class, () -> line.busy().clear());
    }
}
