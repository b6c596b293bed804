package org.sca.core.sdp;

import java.util.Objects;

/**
 * One {@code <type>=<value>} line of an SDP body. The value is kept exactly as received (no
 * trimming) so that a description we do not change is written back byte for byte.
 *
 * @param type  the single letter before {@code =}
 * @param value everything after the first {@code =}
 */
public record SdpLine(char type, String value) {

    public SdpLine {
        Objects.requireNonNull(value, "value");
        if (!isTypeLetter(type)) {
            throw new IllegalArgumentException("line is not <type>=<value>");
        }
    }

    /**
     * @param text one line without its line terminator
     * @throws IllegalArgumentException when it is not a single letter, {@code =}, and a value
     *         (RFC 4566 allows no space around {@code =})
     */
    public static SdpLine parse(String text) {
        if (text.length() < 2 || text.charAt(1) != '=') {
            throw new IllegalArgumentException("line is not <type>=<value>");
        }
        return new SdpLine(text.charAt(0), text.substring(2));
    }

    private static boolean isTypeLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** The line without terminator, as it goes on the wire. */
    public String format() {
        return type + "=" + value;
    }
}
