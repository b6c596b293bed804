package org.sca.core.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the comma-separated auth-params of a credentials value (RFC 3261 section 25.1,
 * RFC 7235 section 2.1) into a map keyed by lowercase name.
 *
 * <p>Values that should be quoted are also accepted bare, and empty list elements are
 * skipped, because deployed phones get both wrong and still expect to register.
 */
final class AuthParams {
    private static final String PREFIX = "Bad Authorization: ";

    private AuthParams() {
    }

    static Map<String, String> parse(String params) throws MalformedAuthorizationException {
        Map<String, String> out = new HashMap<>();
        int n = params.length();
        int i = skipLws(params, 0);
        while (i < n) {
            if (params.charAt(i) == ',') {
                i = skipLws(params, i + 1);
                continue;
            }
            int start = i;
            while (i < n && isTokenChar(params.charAt(i))) {
                i++;
            }
            if (i == start) {
                throw malformed("syntax error in parameters");
            }
            String name = params.substring(start, i).toLowerCase(Locale.ROOT);
            i = skipLws(params, i);
            if (i == n || params.charAt(i) != '=') {
                throw malformed(name + " has no value");
            }
            i = skipLws(params, i + 1);
            StringBuilder value = new StringBuilder();
            if (i < n && params.charAt(i) == '"') {
                i = readQuoted(params, i + 1, value, name);
            } else {
                while (i < n && params.charAt(i) != ',' && !isLws(params.charAt(i))) {
                    value.append(params.charAt(i++));
                }
                if (value.length() == 0) {
                    throw malformed(name + " has no value");
                }
            }
            if (out.putIfAbsent(name, value.toString()) != null) {
                throw malformed("duplicate " + name);
            }
            i = skipLws(params, i);
            if (i < n && params.charAt(i) != ',') {
                throw malformed("missing comma after " + name);
            }
        }
        return out;
    }

    static MalformedAuthorizationException malformed(String what) {
        return new MalformedAuthorizationException(PREFIX + what);
    }

    /** Reads a quoted-string body after its opening quote; returns the index after the closing one. */
    private static int readQuoted(String s, int i, StringBuilder value, String name)
            throws MalformedAuthorizationException {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c == '\\') {
                if (i == s.length()) {
                    break;
                }
                c = s.charAt(i++);
            }
            value.append(c);
        }
        throw malformed("unterminated quoted " + name);
    }

    private static int skipLws(String s, int i) {
        while (i < s.length() && isLws(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-.!%*_+`'~".indexOf(c) >= 0;
    }
}
