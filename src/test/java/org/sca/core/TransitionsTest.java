package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class TransitionsTest {

    /** Kept apart from the production table on purpose: a typo there must not make this pass. */
    private static final String[][] ALLOWED = {
        {"IDLE", "SEIZE", "SEIZED"},
        {"IDLE", "DIAL_PROGRESS", "PROGRESSING"},
        {"IDLE", "RING", "ALERTING"},
        {"SEIZED", "RELEASE", "IDLE"},
        {"SEIZED", "DIAL_PROGRESS", "PROGRESSING"},
        {"SEIZED", "ANSWER", "ACTIVE"},
        {"SEIZED", "END", "IDLE"},
        {"PROGRESSING", "ANSWER", "ACTIVE"},
        {"PROGRESSING", "END", "IDLE"},
        {"ALERTING", "ANSWER", "ACTIVE"},
        {"ALERTING", "END", "IDLE"},
        {"ACTIVE", "HOLD", "HELD"},
        {"ACTIVE", "HOLD_PRIVATE", "HELD_PRIVATE"},
        {"ACTIVE", "END", "IDLE"},
        {"HELD", "HOLD_PRIVATE", "HELD_PRIVATE"},
        {"HELD", "RESUME", "ACTIVE"},
        {"HELD", "RETRIEVE", "ACTIVE"},
        {"HELD", "END", "IDLE"},
        {"HELD_PRIVATE", "HOLD", "HELD"},
        {"HELD_PRIVATE", "RESUME", "ACTIVE"},
        {"HELD_PRIVATE", "END", "IDLE"},
    };

    static Stream<Arguments> everyPair() {
        return Stream.of(AppearanceState.values()).flatMap(s ->
                Stream.of(AppearanceEvent.values()).map(e -> Arguments.of(s, e, expected(s, e))));
    }

    private static Optional<AppearanceState> expected(AppearanceState s, AppearanceEvent e) {
        for (String[] row : ALLOWED) {
            if (row[0].equals(s.name()) && row[1].equals(e.name())) {
                return Optional.of(AppearanceState.valueOf(row[2]));
            }
        }
        return Optional.empty();
    }

    @ParameterizedTest(name = "{0} --{1}--> {2}")
    @MethodSource("everyPair")
    void tableMatchesSpecification(AppearanceState from, AppearanceEvent event, Optional<AppearanceState> to) {
        assertEquals(to, Transitions.next(from, event));
    }

    @ParameterizedTest(name = "{0} --{1}--> refused")
    @CsvSource({
        "IDLE, END", "IDLE, RELEASE", "IDLE, ANSWER", "IDLE, HOLD", "IDLE, RETRIEVE",
        "ALERTING, RELEASE", "ACTIVE, RELEASE", "ACTIVE, RETRIEVE", "ACTIVE, RING",
        "HELD_PRIVATE, RETRIEVE", "HELD, SEIZE", "ALERTING, HOLD", "PROGRESSING, RING"
    })
    void notableRefusals(AppearanceState from, AppearanceEvent event) {
        assertEquals(Optional.empty(), Transitions.next(from, event));
    }
}
