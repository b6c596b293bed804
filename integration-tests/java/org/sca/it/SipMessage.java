package org.sca.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SIP message as it was on the wire: start line, headers in order, body. Parsing is
 * deliberately independent of the server's code so the tests check the bytes, not the
 * server's own view of them.
 */
public record SipMessage(String startLine, List<Map.Entry<String, String>> headers, String body) {

    /** RFC 3261 compact header forms the server or a phone may use. */
    private static final Map<String, String> COMPACT = Map.of(
            "v", "via", "f", "from", "t", "to", "i", "call-id", "m", "contact",
            "l", "content-length", "c", "content-type", "o", "event", "k", "supported");

    public static SipMessage parse(byte[] data, int length) {
        String text = new String(data, 0, length, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String head = split < 0 ? text : text.substring(0, split);
        String body = split < 0 ? "" : text.substring(split + 4);
        String[] lines = head.split("\r\n");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                Map.Entry<String, String> last = headers.remove(headers.size() - 1);
                headers.add(Map.entry(last.getKey(), last.getValue() + " " + line.trim()));
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new SipMessage(lines[0], headers, body);
    }

    public boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    public int status() {
        return Integer.parseInt(startLine.split(" ")[1]);
    }

    public String reason() {
        return startLine.split(" ", 3)[2];
    }

    public String method() {
        return isResponse() ? cseqMethod() : startLine.split(" ")[0];
    }

    public String requestUri() {
        return startLine.split(" ")[1];
    }

    public String cseqMethod() {
        return header("CSeq").orElseThrow().split("\\s+")[1];
    }

    public long cseq() {
        return Long.parseLong(header("CSeq").orElseThrow().split("\\s+")[0]);
    }

    public Optional<String> header(String name) {
        List<String> all = headers(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every value of a header, in order (several header lines are not joined). */
    public List<String> headers(String name) {
        String wanted = canonical(name);
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (canonical(h.getKey()).equals(wanted)) {
                values.add(h.getValue());
            }
        }
        return values;
    }

    /**
     * Every comma-separated element of a header, whether the sender wrote one header line per
     * element or joined them (RFC 3261 7.3.1 makes both the same); commas inside quotes or
     * angle brackets do not split.
     */
    public List<String> elements(String name) {
        List<String> elements = new ArrayList<>();
        for (String value : headers(name)) {
            int depth = 0;
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (quoted && c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '<') {
                    depth++;
                } else if (!quoted && c == '>') {
                    depth--;
                } else if (!quoted && depth == 0 && c == ',') {
                    elements.add(value.substring(start, i).trim());
                    start = i + 1;
                }
            }
            elements.add(value.substring(start).trim());
        }
        return elements;
    }

    public String callId() {
        return header("Call-ID").orElseThrow();
    }

    /** The tag parameter of the To or From header. */
    public Optional<String> tag(String header) {
        String value = header(header).orElseThrow();
        int i = value.toLowerCase(Locale.ROOT).indexOf(";tag=");
        if (i < 0) {
            return Optional.empty();
        }
        String rest = value.substring(i + 5);
        int end = rest.indexOf(';');
        return Optional.of(end < 0 ? rest : rest.substring(0, end));
    }

    private static String canonical(String name) {
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return COMPACT.getOrDefault(lower, lower);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(startLine).append("\r\n");
        headers.forEach(h -> b.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        return b.append("\r\n").append(body).toString();
    }
}
