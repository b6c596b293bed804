package org.sca.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the test devices (the integration tests' {@link TestPhone}, the benchmark's device)
 * write what they send: responses to a received request, and digest answers to a challenge.
 * Requests are {@link TestPhone.Request}s. Content-Length counts bytes (RFC 3261 20.14).
 */
public final class SipWriter {

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([a-zA-Z-]+)\\s*=\\s*(\"([^\"]*)\"|[^,\\s]+)");

    private SipWriter() {}

    /**
     * A response copying what RFC 3261 8.2.6.2 says it copies; {@code toTag} is added to a To
     * without one (except on a 100), {@code contact} is sent on a 101-299 when not null.
     */
    public static String response(SipMessage request, int status, String reason, String toTag, String contact, String sdp,
            String... extraHeaders) {
        StringBuilder b = new StringBuilder(512).append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        for (String via : request.headers("Via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        b.append("From: ").append(request.header("From").orElseThrow()).append("\r\n");
        String to = request.header("To").orElseThrow();
        b.append("To: ").append(to).append(to.contains(";tag=") || status == 100 ? "" : ";tag=" + toTag).append("\r\n");
        b.append("Call-ID: ").append(request.callId()).append("\r\n");
        b.append("CSeq: ").append(request.header("CSeq").orElseThrow()).append("\r\n");
        if (contact != null && status > 100 && status < 300) {
            b.append("Contact: ").append(contact).append("\r\n");
        }
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        return withBody(b, sdp == null ? null : "application/sdp", sdp);
    }

    /** Ends a message's head with Content-Type (if there is a body) and Content-Length, then the body. */
    static String withBody(StringBuilder head, String contentType, String body) {
        String content = body == null ? "" : body;
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n");
        }
        return head.append("Content-Length: ").append(content.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n")
                .append(content).toString();
    }

    /**
     * The Authorization a Cisco SPA sends for {@code method} and {@code uri} in answer to one
     * WWW-Authenticate challenge: its algorithm (MD5 unless named), qop=auth, nonce-count
     * {@code nc}, the challenge's opaque echoed.
     */
    public static String authorization(String challenge, String method, String uri, String authId, String password, int nc,
            String cnonce) {
        Map<String, String> p = challengeParams(challenge);
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String count = String.format("%08x", nc);
        String ha1 = hash(algorithm, authId + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        String response = hash(algorithm, ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + authId + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm
                + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + count
                + (p.containsKey("opaque") ? ", opaque=\"" + p.get("opaque") + "\"" : "");
    }

    public static Map<String, String> challengeParams(String challenge) {
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge.replaceFirst("^Digest\\s+", ""));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(), m.group(3) != null ? m.group(3) : m.group(2));
        }
        return params;
    }

    private static String hash(String algorithm, String input) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm.equalsIgnoreCase("SHA-256") ? "SHA-256" : "MD5");
            return HexFormat.of().formatHex(md.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
