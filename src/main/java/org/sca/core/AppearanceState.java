package org.sca.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The state of one appearance as named by the {@code appearance-state} Call-Info parameter. */
public enum AppearanceState {
    IDLE("idle"),
    SEIZED("seized"),
    PROGRESSING("progressing"),
    ALERTING("alerting"),
    ACTIVE("active"),
    HELD("held"),
    HELD_PRIVATE("held-private");

    private static final Map<String, AppearanceState> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(AppearanceState::wire, Function.identity()));

    private final String wire;

    AppearanceState(String wire) {
        this.wire = wire;
    }

    /** The token used on the wire; it differs from {@link #name()} in case and in the hyphen. */
    public String wire() {
        return wire;
    }

    /**
     * Phones differ in case and may pad the token, so both are tolerated. An unknown token is
     * not an error: RFC 7463 lets newer phones send states we do not know, and they are ignored.
     */
    public static Optional<AppearanceState> fromWire(String s) {
        Objects.requireNonNull(s, "s");
        return Optional.ofNullable(BY_WIRE.get(s.trim().toLowerCase(Locale.ROOT)));
    }
}
