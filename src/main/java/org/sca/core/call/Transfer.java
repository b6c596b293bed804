package org.sca.core.call;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a phone's REFER (RFC 3515) asks: blind transfer to whom its Refer-To names, or, with
 * Replaces (RFC 3891) in the Refer-To, attended transfer joining the call to another call of
 * the line. The PBX carries either out, since it is the side that can reach the target; the
 * phones only ever talk to the server, so the Refer-To it sends names the PBX and, for an
 * attended transfer, the PBX's own dialog of the other call.
 */
public sealed interface Transfer {

    /** Whom the PBX is to call: the user part of the phone's Refer-To. */
    String user();

    record Blind(String user) implements Transfer {
        public Blind {
            Objects.requireNonNull(user, "user");
        }
    }

    /** @param replaces the phone's dialog of the call to join, as the phone named it */
    record Attended(String user, Replaces replaces) implements Transfer {
        public Attended {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(replaces, "replaces");
        }
    }

    /**
     * A dialog as a Replaces header names it (RFC 3891 section 6.1): its Call-ID, the tag of
     * the side that will receive the INVITE (to-tag) and of the other side (from-tag).
     */
    record Replaces(String callId, String toTag, String fromTag) {
        public Replaces {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(toTag, "toTag");
            Objects.requireNonNull(fromTag, "fromTag");
        }

        String value() {
            return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;
        }
    }

    /**
     * Reads a Refer-To value: {@code <sip:201@host>} or
     * {@code <sip:201@host?Replaces=CALLID%3Bto-tag%3DA%3Bfrom-tag%3DB>}.
     *
     * @throws IllegalArgumentException with a reason phrase for what a 400 says
     */
    static Transfer parse(String referTo) {
        String uri = referTo.trim();
        if (uri.contains("<")) {
            int close = uri.indexOf('>', uri.indexOf('<'));
            if (close < 0) {
                throw new IllegalArgumentException("Bad Refer-To header");
            }
            uri = uri.substring(uri.indexOf('<') + 1, close);
        }
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("sip:") && !lower.startsWith("sips:")) {
            throw new IllegalArgumentException("Refer-To must be a SIP URI");
        }
        int at = uri.indexOf('@');
        int question = uri.indexOf('?');
        if (at < 0 || question >= 0 && at > question) {
            throw new IllegalArgumentException("Refer-To names no user to call");
        }
        String user = uri.substring(uri.indexOf(':') + 1, at);
        Optional<Replaces> replaces = question < 0 ? Optional.empty() : replacesIn(uri.substring(question + 1));
        return replaces.<Transfer>map(r -> new Attended(user, r)).orElseGet(() -> new Blind(user));
    }

    /**
     * The Refer-To the PBX gets: the same user at {@code trunkUri}'s host, and for an attended
     * transfer the PBX's own dialog of the call to join.
     *
     * @param trunkUri  {@code sip:USER@HOST[:PORT]} as the line calls out through its trunk
     * @param pbxDialog for an attended transfer, the PBX's dialog of the other call
     */
    static String referToFor(String trunkUri, Optional<Replaces> pbxDialog) {
        return "<" + trunkUri + pbxDialog.map(d -> "?Replaces=" + escape(d.value())).orElse("") + ">";
    }

    private static Optional<Replaces> replacesIn(String headers) {
        for (String header : headers.split("&")) {
            String[] nameValue = header.split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("Replaces")) {
                return Optional.of(replaces(unescape(nameValue[1])));
            }
        }
        return Optional.empty();
    }

    private static Replaces replaces(String value) {
        String[] parts = value.split(";");
        String toTag = null;
        String fromTag = null;
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param.length == 2 && param[0].equalsIgnoreCase("to-tag")) {
                toTag = param[1].trim();
            } else if (param.length == 2 && param[0].equalsIgnoreCase("from-tag")) {
                fromTag = param[1].trim();
            }
        }
        if (parts[0].isBlank() || toTag == null || fromTag == null) {
            throw new IllegalArgumentException("Bad Replaces in Refer-To");
        }
        return new Replaces(parts[0].trim(), toTag, fromTag);
    }

    /** RFC 3261 25.1 hvalue: characters outside hnv-unreserved and unreserved are %-escaped. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.!~*'()[]/?:+$".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static String unescape(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                try {
                    out.write(Integer.parseInt(value.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Bad Replaces in Refer-To");
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
