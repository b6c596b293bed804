package org.sca.core.call;

import java.util.Optional;

/**
 * How much of a caller's From the server passes on: to every ringing phone in the forked
 * INVITE's From, and to every subscriber in each NOTIFY's {@code appearance-uri}. A display
 * name of a few thousand characters made the forked INVITE 14 KB and, with ten calls on a
 * line, a NOTIFY over 64 KB that could not be sent over UDP at all.
 */
public final class CallerBounds {

    /** More than any phone's display shows. */
    public static final int MAX_DISPLAY_NAME = 64;
    /** Room for any real SIP or tel-style caller URI; beyond it the caller is shown as anonymous. */
    public static final int MAX_URI = 256;
    /** RFC 3323's anonymous URI, for a caller whose URI is too long to pass on. */
    public static final String ANONYMOUS = "sip:anonymous@anonymous.invalid";

    private CallerBounds() {}

    /** The display name to pass on instead of {@code name}, if it is too long: its first {@link #MAX_DISPLAY_NAME} characters. */
    public static Optional<String> shortened(String name) {
        if (name == null || name.length() <= MAX_DISPLAY_NAME) {
            return Optional.empty();
        }
        return Optional.of(name.substring(0, MAX_DISPLAY_NAME));
    }

    public static boolean uriTooLong(String uri) {
        return uri.length() > MAX_URI;
    }
}
