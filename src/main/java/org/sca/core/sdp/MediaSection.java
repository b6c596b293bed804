package org.sca.core.sdp;

import java.util.List;
import java.util.Optional;

/**
 * One media description: its {@code m=} line and every line up to the next {@code m=}, in
 * received order.
 */
public record MediaSection(List<SdpLine> lines) {

    /** @throws IllegalArgumentException unless the first line is a well-formed {@code m=} line */
    public MediaSection {
        lines = List.copyOf(lines);
        if (lines.isEmpty() || lines.get(0).type() != 'm') {
            throw new IllegalArgumentException("media section must start with m=");
        }
        parsePort(mediaFields(lines.get(0)));
    }

    // RFC 4566: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    private static String[] mediaFields(SdpLine mediaLine) {
        String[] fields = mediaLine.value().split(" ", -1);
        if (fields.length < 4) {
            throw new IllegalArgumentException("malformed m= line");
        }
        return fields;
    }

    private static int parsePort(String[] fields) {
        String port = fields[1];
        int slash = port.indexOf('/');
        String number = slash < 0 ? port : port.substring(0, slash);
        if (number.isEmpty() || number.length() > 5 || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("malformed m= line");
        }
        int value = Integer.parseInt(number);
        if (value > 65535) {
            throw new IllegalArgumentException("malformed m= line");
        }
        return value;
    }

    /** "audio", "video", ... */
    public String mediaType() {
        return mediaFields(lines.get(0))[0];
    }

    /** 0 means the stream is rejected or disabled (RFC 3264 section 6). */
    public int port() {
        return parsePort(mediaFields(lines.get(0)));
    }

    /** This section's own {@code c=}, which overrides the session-level one. */
    public Optional<Connection> connection() {
        return SessionDescription.connectionIn(lines);
    }

    /** Values of this section's {@code a=} lines, in order. */
    public List<String> attributes() {
        return SessionDescription.attributesIn(lines);
    }
}
