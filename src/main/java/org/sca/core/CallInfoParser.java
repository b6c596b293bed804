package org.sca.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads one Call-Info header value. A hand-written scanner rather than splitting on ',' and ';'
 * because both characters may appear inside {@code <...>} and inside quoted strings.
 */
final class CallInfoParser {

    private static final String INDEX = "appearance-index";
    private static final String STATE = "appearance-state";
    private static final String URI = "appearance-uri";
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    /** RFC 3261 token characters besides letters and digits. */
    private static final String TOKEN_MARKS = "-.!%*_+`'~";

    private final String s;
    private int pos;

    private CallInfoParser(String s) {
        this.s = s;
    }

    static List<CallInfoEntry> parse(String headerValue) throws MalformedCallInfoException {
        if (headerValue.isBlank()) {
            throw new MalformedCallInfoException("empty value");
        }
        return new CallInfoParser(headerValue).entries();
    }

    private List<CallInfoEntry> entries() throws MalformedCallInfoException {
        List<CallInfoEntry> out = new ArrayList<>();
        do {
            out.add(entry());
        } while (consume(','));
        return out;
    }

    /** Leaves the cursor at the ',' that ends the entry, or at the end of the value. */
    private CallInfoEntry entry() throws MalformedCallInfoException {
        skipLws();
        if (atEnd() || peek() == ',') {
            throw new MalformedCallInfoException("empty entry");
        }
        if (peek() != '<') {
            throw new MalformedCallInfoException("missing '<'");
        }
        int close = s.indexOf('>', pos + 1);
        if (close < 0) {
            throw new MalformedCallInfoException("missing '>'");
        }
        String uri = s.substring(pos + 1, close).trim();
        if (uri.isEmpty()) {
            throw new MalformedCallInfoException("empty URI");
        }
        pos = close + 1;
        Map<String, String> params = new LinkedHashMap<>();
        skipLws();
        while (consume(';')) {
            skipLws();
            String name = token().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new MalformedCallInfoException("missing parameter name");
            }
            skipLws();
            String value = "";
            if (consume('=')) {
                skipLws();
                value = value();
                skipLws();
            }
            if (params.putIfAbsent(name, value) != null) {
                throw new MalformedCallInfoException("duplicate parameter");
            }
        }
        if (!atEnd() && peek() != ',') {
            // Also where the seed capture's appearance-uri=""Ovidiu Sas (c)\" <sip:...>" fails:
            // "" is a complete quoted string and the name that follows it is stray text.
            throw new MalformedCallInfoException("unexpected text after parameter");
        }
        return toEntry(uri, params);
    }

    private static CallInfoEntry toEntry(String uri, Map<String, String> params)
            throws MalformedCallInfoException {
        String rawIndex = params.remove(INDEX);
        boolean wildcard = "*".equals(rawIndex);
        OptionalInt index = rawIndex == null || wildcard ? OptionalInt.empty() : OptionalInt.of(index(rawIndex));
        String rawState = params.remove(STATE);
        Optional<AppearanceState> state = rawState == null ? Optional.empty() : AppearanceState.fromWire(rawState);
        Optional<String> appearanceUri = Optional.ofNullable(params.remove(URI));
        return new CallInfoEntry(uri, index, state, appearanceUri, params, wildcard);
    }

    private static int index(String raw) throws MalformedCallInfoException {
        if (!INTEGER.matcher(raw).matches()) {
            throw new MalformedCallInfoException("appearance-index not a number");
        }
        int n;
        try {
            n = Integer.parseInt(raw);
        } catch (NumberFormatException tooManyDigits) {
            throw new MalformedCallInfoException("appearance-index out of range");
        }
        if (n < 1) {
            throw new MalformedCallInfoException("appearance-index must be at least 1");
        }
        return n;
    }

    private String value() throws MalformedCallInfoException {
        if (!atEnd() && peek() == '"') {
            return quotedString();
        }
        int start = pos;
        while (!atEnd() && !endsBareValue(peek())) {
            pos++;
        }
        if (pos == start) {
            throw new MalformedCallInfoException("missing parameter value");
        }
        return s.substring(start, pos);
    }

    /** Bare values are looser than tokens (hosts, IPv6 references) but stop at any delimiter. */
    private static boolean endsBareValue(char c) {
        return isLws(c) || c == ';' || c == ',' || c == '"' || c == '<' || c == '>';
    }

    /** Returns the content with quoted-pairs resolved; the cursor must be on the opening quote. */
    private String quotedString() throws MalformedCallInfoException {
        StringBuilder b = new StringBuilder();
        pos++;
        while (true) {
            if (atEnd()) {
                throw new MalformedCallInfoException("unterminated quoted string");
            }
            char c = s.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                if (atEnd()) {
                    throw new MalformedCallInfoException("unterminated quoted string");
                }
                c = s.charAt(pos++);
            }
            // The unescaped value may be echoed in our own headers, where a line break would
            // inject header fields; RFC 3261 allows none inside a quoted string either.
            if (c == '\r' || c == '\n') {
                throw new MalformedCallInfoException("line break in quoted string");
            }
            b.append(c);
        }
    }

    private String token() {
        int start = pos;
        while (!atEnd() && isTokenChar(peek())) {
            pos++;
        }
        return s.substring(start, pos);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || TOKEN_MARKS.indexOf(c) >= 0;
    }

    /** Line folding is tolerated too, in case a header reaches us unfolded. */
    private static boolean isLws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private void skipLws() {
        while (!atEnd() && isLws(peek())) {
            pos++;
        }
    }

    private boolean consume(char c) {
        if (!atEnd() && peek() == c) {
            pos++;
            return true;
        }
        return false;
    }

    private char peek() {
        return s.charAt(pos);
    }

    private boolean atEnd() {
        return pos >= s.length();
    }
}
