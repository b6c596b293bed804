package org.sca.core.call;

import java.util.Optional;

/**
 * How much of a caller's From the server passes on: to every ringing phone in the forked
 * INVITE's From, and to every subscriber in each NOTIFY's {@code appearance-uri}. A display
 * name of a few thousand characters made the forked INVITE 14 KB and, with ten calls on a
 * line, a NOTIFY over 64 KB that could not be sent over UDP at all. A publisher's
 * {@code appearance-uri} reaches the same NOTIFYs and is held to the same bounds
 * ({@link #bounded(String)}).
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

    /**
     * A party given as text (a publisher's {@code appearance-uri}, normally a name-addr) within
     * the same bounds: unchanged when it is within them; else its display name shortened, or
     * {@link #ANONYMOUS} for a URI too long. Text that is not a name-addr counts as a URI, and
     * anything after the name-addr's {@code >} is not passed on.
     */
    public static String bounded(String party) {
        NameAddr parsed = NameAddr.parse(party.strip());
        if (uriTooLong(parsed.uri())) {
            return "<" + ANONYMOUS + ">";
        }
        Optional<String> shorter = shortened(parsed.displayName());
        if (shorter.isEmpty() && parsed.tail().isEmpty()) {
            return party;
        }
        String name = shorter.orElse(parsed.displayName());
        return name == null ? "<" + parsed.uri() + ">" : quoted(name) + " <" + parsed.uri() + ">";
    }

    /** RFC 3261 quoted-string: only '"' and '\' need a backslash. */
    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /**
     * The parts of a name-addr as text: the display name unquoted (null without one), the URI
     * between {@code <} and {@code >}, and whatever follows the {@code >}. Text of any other
     * shape is all URI.
     */
    private record NameAddr(String displayName, String uri, String tail) {

        static NameAddr parse(String s) {
            int nameEnd = 0;
            String name = null;
            if (s.startsWith("\"")) {
                StringBuilder unquoted = new StringBuilder();
                int i = 1;
                while (i < s.length() && s.charAt(i) != '"') {
                    char c = s.charAt(i) == '\\' && i + 1 < s.length() ? s.charAt(++i) : s.charAt(i);
                    unquoted.append(c);
                    i++;
                }
                if (i >= s.length()) {
                    return new NameAddr(null, s, "");
                }
                name = unquoted.toString();
                nameEnd = i + 1;
            }
            int open = s.indexOf('<', nameEnd);
            int close = open < 0 ? -1 : s.indexOf('>', open);
            if (close < 0 || !(name == null || s.substring(nameEnd, open).isBlank())) {
                return new NameAddr(null, s, "");
            }
            if (name == null) {
                String token = s.substring(0, open).strip();
                name = token.isEmpty() ? null : token;
            }
            return new NameAddr(name, s.substring(open + 1, close), s.substring(close + 1));
        }
    }
}
