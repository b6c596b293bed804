package org.sca.core.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An SDP body (RFC 4566) as the list of its lines in received order. Everything structured is
 * read from those lines, so {@link #format()} gives back exactly what was parsed (with CRLF line
 * ends) apart from what was deliberately replaced, such as the {@code o=} line.
 *
 * <p>Lines before the first {@code m=} are session-level; each {@code m=} opens a
 * {@link MediaSection}.
 *
 * @param lines every line, in order; always begins with {@code v=} and holds one well-formed
 *              {@code o=}, an {@code s=}, and well-formed {@code c=} and {@code m=} lines
 */
public record SessionDescription(List<SdpLine> lines) {

    /** @throws IllegalArgumentException with a short reason when the lines break the rules above */
    public SessionDescription {
        lines = List.copyOf(lines);
        if (lines.isEmpty() || lines.get(0).type() != 'v') {
            throw new IllegalArgumentException("v= must be the first line");
        }
        long origins = lines.stream().filter(line -> line.type() == 'o').count();
        if (origins == 0) {
            throw new IllegalArgumentException("missing o= line");
        }
        if (origins > 1) {
            throw new IllegalArgumentException("more than one o= line");
        }
        if (lines.stream().noneMatch(line -> line.type() == 's')) {
            throw new IllegalArgumentException("missing s= line");
        }
        originLine(lines);
        lines.stream().filter(line -> line.type() == 'c').forEach(line -> Connection.parse(line.value()));
        mediaSectionsOf(lines);
    }

    /**
     * @param sdp a message body; lines end in CRLF or bare LF, and empty lines at the very end
     *            (an extra CRLF some stacks append) are ignored
     * @throws MalformedSdpException when it is not SDP we can safely work with
     */
    public static SessionDescription parse(String sdp) throws MalformedSdpException {
        List<String> texts = new ArrayList<>(List.of(sdp.split("\r?\n", -1)));
        while (!texts.isEmpty() && texts.get(texts.size() - 1).isEmpty()) {
            texts.remove(texts.size() - 1);
        }
        try {
            List<SdpLine> lines = new ArrayList<>(texts.size());
            for (String text : texts) {
                lines.add(SdpLine.parse(text));
            }
            return new SessionDescription(lines);
        } catch (IllegalArgumentException e) {
            // Every validation above reports through IllegalArgumentException with a short reason.
            throw new MalformedSdpException(e.getMessage());
        }
    }

    private static Origin originLine(List<SdpLine> lines) {
        return lines.stream().filter(line -> line.type() == 'o').findFirst()
                .map(line -> Origin.parse(line.value()))
                .orElseThrow();
    }

    private static List<MediaSection> mediaSectionsOf(List<SdpLine> lines) {
        List<MediaSection> sections = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || lines.get(i).type() == 'm') {
                if (start >= 0) {
                    sections.add(new MediaSection(lines.subList(start, i)));
                }
                start = i;
            }
        }
        return List.copyOf(sections);
    }

    private List<SdpLine> sessionLines() {
        int firstMedia = 0;
        while (firstMedia < lines.size() && lines.get(firstMedia).type() != 'm') {
            firstMedia++;
        }
        return lines.subList(0, firstMedia);
    }

    static Optional<Connection> connectionIn(List<SdpLine> lines) {
        return lines.stream().filter(line -> line.type() == 'c').findFirst()
                .map(line -> Connection.parse(line.value()));
    }

    static List<String> attributesIn(List<SdpLine> lines) {
        return lines.stream().filter(line -> line.type() == 'a').map(SdpLine::value).toList();
    }

    public Origin origin() {
        return originLine(lines);
    }

    /** The session-level {@code c=}, the default for media sections without their own. */
    public Optional<Connection> connection() {
        return connectionIn(sessionLines());
    }

    /** Values of the session-level {@code a=} lines, in order. */
    public List<String> attributes() {
        return attributesIn(sessionLines());
    }

    public List<MediaSection> media() {
        return mediaSectionsOf(lines);
    }

    /** The same description with its {@code o=} line replaced in place. */
    public SessionDescription withOrigin(Origin origin) {
        List<SdpLine> replaced = lines.stream()
                .map(line -> line.type() == 'o' ? new SdpLine('o', origin.format()) : line)
                .toList();
        return new SessionDescription(replaced);
    }

    /**
     * True when both describe the same session, whatever their origins say: every line other than
     * {@code o=} is equal, in the same order. This is what "the SDP changed" means for the
     * session version (RFC 3264 section 8).
     */
    public boolean hasSameBodyAs(SessionDescription other) {
        return withoutOrigin(lines).equals(withoutOrigin(other.lines));
    }

    private static List<SdpLine> withoutOrigin(List<SdpLine> lines) {
        return lines.stream().filter(line -> line.type() != 'o').toList();
    }

    /** The body to send: every line followed by CRLF. */
    public String format() {
        StringBuilder body = new StringBuilder();
        for (SdpLine line : lines) {
            body.append(line.format()).append("\r\n");
        }
        return body.toString();
    }
}
