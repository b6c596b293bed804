package org.sca.core;

import java.util.Objects;

/**
 * One call slot of a shared line.
 *
 * @param index       1-based, as in {@code appearance-index}
 * @param state       never null
 * @param owner       the device id holding the call; null when nobody does (idle, or not yet answered)
 * @param remoteParty the other party as a name-addr, shown to phones as {@code appearance-uri};
 *                    null when unknown
 */
public record Appearance(int index, AppearanceState state, String owner, String remoteParty) {

    public Appearance {
        if (index < 1) {
            throw new IllegalArgumentException("appearance index must be at least 1: " + index);
        }
        Objects.requireNonNull(state, "state");
        // remoteParty ends up inside a SIP header; a line break there would inject headers.
        if (remoteParty != null && (remoteParty.indexOf('\r') >= 0 || remoteParty.indexOf('\n') >= 0)) {
            throw new IllegalArgumentException("remote party must not contain a line break");
        }
    }

    public static Appearance idle(int index) {
        return new Appearance(index, AppearanceState.IDLE, null, null);
    }
}
