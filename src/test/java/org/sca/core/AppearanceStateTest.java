package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class AppearanceStateTest {

    @ParameterizedTest
    @CsvSource({
        "IDLE, idle", "SEIZED, seized", "PROGRESSING, progressing", "ALERTING, alerting",
        "ACTIVE, active", "HELD, held", "HELD_PRIVATE, held-private"
    })
    void wireTokens(AppearanceState state, String wire) {
        assertEquals(wire, state.wire());
    }

    @ParameterizedTest
    @EnumSource(AppearanceState.class)
    void fromWireInvertsWire(AppearanceState state) {
        assertEquals(Optional.of(state), AppearanceState.fromWire(state.wire()));
    }

    @Test
    void fromWireIgnoresCaseAndPadding() {
        assertEquals(Optional.of(AppearanceState.HELD_PRIVATE), AppearanceState.fromWire("  Held-PRIVATE\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "parked", "held_private", "HELD PRIVATE"})
    void unknownTokensAreEmpty(String s) {
        assertEquals(Optional.empty(), AppearanceState.fromWire(s));
    }

    @Test
    void appearanceRejectsIndexBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> Appearance.idle(0));
        assertThrows(IllegalArgumentException.class, () -> new Appearance(-1, AppearanceState.ACTIVE, "d", null));
    }

    @Test
    void appearanceRejectsLineBreakInRemoteParty() {
        assertThrows(IllegalArgumentException.class,
                () -> new Appearance(1, AppearanceState.ALERTING, null, "<sip:a@b>\r\nVia: x"));
    }

    @Test
    void idleAppearanceHasNoOwnerOrRemoteParty() {
        assertEquals(new Appearance(3, AppearanceState.IDLE, null, null), Appearance.idle(3));
    }
}
