package org.sca.core.sdp;

import java.util.List;
import java.util.Objects;

/**
 * The {@code o=} line (RFC 4566 section 5.2). The session id is a string, not a number: phones
 * use NTP timestamps and other values that need not fit a long, and we only ever compare it.
 *
 * @param version the session version, which RFC 3264 requires to grow by one per changed offer
 */
public record Origin(String username, String sessionId, long version, String netType, String addrType,
                     String address) {

    public Origin {
        for (String field : List.of(username, sessionId, netType, addrType, address)) {
            Objects.requireNonNull(field, "origin field");
            if (field.isEmpty() || field.contains(" ")) {
                throw new IllegalArgumentException("o= field empty or with a space");
            }
        }
        if (version < 0) {
            throw new IllegalArgumentException("o= version negative");
        }
    }

    /**
     * @param value what follows {@code o=}; fields separated by single spaces, as RFC 4566
     *              requires, which is what lets {@link #format()} reproduce the line exactly
     * @throws IllegalArgumentException when there are not six fields or the version is not a
     *         non-negative 64-bit number
     */
    public static Origin parse(String value) {
        String[] fields = value.split(" ", -1);
        if (fields.length != 6) {
            throw new IllegalArgumentException("o= line needs 6 fields");
        }
        return new Origin(fields[0], fields[1], parseVersion(fields[2]), fields[3], fields[4], fields[5]);
    }

    private static long parseVersion(String text) {
        // Long.parseLong alone would accept "+1" and "-1".
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("o= version not a number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException tooLarge) {
            throw new IllegalArgumentException("o= version not a number");
        }
    }

    public Origin withVersion(long newVersion) {
        return new Origin(username, sessionId, newVersion, netType, addrType, address);
    }

    /** The value of the {@code o=} line (without {@code o=}). */
    public String format() {
        return String.join(" ", username, sessionId, Long.toString(version), netType, addrType, address);
    }
}
