package org.sca.core.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The RFC 3264 direction attributes, as seen from the party that sent the SDP. */
public enum MediaDirection {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The attribute as written after {@code a=}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The first direction attribute among {@code a=} values; surrounding whitespace is tolerated
     * because some phones pad it. Empty when the list holds none.
     */
    public static Optional<MediaDirection> in(List<String> attributes) {
        for (String attribute : attributes) {
            for (MediaDirection direction : values()) {
                if (direction.attribute().equals(attribute.trim())) {
                    return Optional.of(direction);
                }
            }
        }
        return Optional.empty();
    }
}
