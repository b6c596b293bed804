package org.sca.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes the Call-Info values this server sends and reads the ones phones send
 * (BroadWorks / RFC 7463 style: {@code <sip:HOST>;appearance-index=N;appearance-state=S}).
 */
public final class CallInfoCodec {

    private CallInfoCodec() {
    }

    /**
     * The whole line as one header value, lowest index first. The closing
     * {@code appearance-index=*;appearance-state=idle} entry is always present because phones
     * read it as "every index not listed is idle" and keep stale appearances without it.
     */
    public static String format(String host, LineState line) {
        Objects.requireNonNull(line, "line");
        StringBuilder b = new StringBuilder();
        for (Appearance a : line.busy()) {
            b.append(formatIndex(host, a.index()))
                    .append(";appearance-state=").append(a.state().wire());
            if (a.remoteParty() != null) {
                b.append(";appearance-uri=");
                appendQuoted(b, a.remoteParty());
            }
            b.append(',');
        }
        return b.append(hostUri(host)).append(";appearance-index=*;appearance-state=idle").toString();
    }

    /** The value put on INVITEs to phones and on line-seize NOTIFYs: just which index is meant. */
    public static String formatIndex(String host, int index) {
        if (index < 1) {
            throw new IllegalArgumentException("appearance index must be at least 1: " + index);
        }
        return hostUri(host) + ";appearance-index=" + index;
    }

    /**
     * Every entry of every given header value, in order. Phones may send one header with
     * comma-separated entries or several headers; both arrive here as a list of values.
     */
    public static List<CallInfoEntry> parse(List<String> headerValues) throws MalformedCallInfoException {
        List<CallInfoEntry> out = new ArrayList<>();
        for (String value : headerValues) {
            out.addAll(CallInfoParser.parse(value));
        }
        return List.copyOf(out);
    }

    private static String hostUri(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be given");
        }
        return "<sip:" + host + ">";
    }

    /** RFC 3261 quoted-string: only '"' and '\' need a backslash. */
    private static void appendQuoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }
}
