package org.sca.core.auth;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code Digest} Authorization or Proxy-Authorization header value, as
 * sent (quoted-strings unescaped). {@code qop}, {@code nc}, {@code cnonce} and {@code opaque}
 * are {@code null} when absent.
 */
public record DigestCredentials(String username, String realm, String nonce, String uri, String response,
        DigestAlgorithm algorithm, String qop, String nc, String cnonce, String opaque) {

    private static final String SCHEME = "Digest";
    /** The only quality of protection this server offers; auth-int would need the body. */
    static final String QOP_AUTH = "auth";
    /** RFC 7616: nc is exactly eight hex digits. */
    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9A-Fa-f]{8}");

    /**
     * Parses a header value such as {@code Digest username="bob", realm="r", nonce="n", ...}.
     * Parameter names are case-insensitive and may come in any order; unknown ones are ignored.
     *
     * @throws MalformedAuthorizationException with a reason fit for a SIP reason phrase
     */
    /** Whether a header value is of the Digest scheme at all (the scheme's name ignores case). */
    public static boolean isDigest(String authorizationHeaderValue) {
        String value = authorizationHeaderValue.strip();
        return value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                && (value.length() == SCHEME.length() || Character.isWhitespace(value.charAt(SCHEME.length())));
    }

    public static DigestCredentials parse(String authorizationHeaderValue) throws MalformedAuthorizationException {
        if (authorizationHeaderValue == null || authorizationHeaderValue.isBlank()) {
            throw AuthParams.malformed("empty header");
        }
        String value = authorizationHeaderValue.strip();
        if (!isDigest(value)) {
            throw AuthParams.malformed("not Digest");
        }
        Map<String, String> params = AuthParams.parse(value.substring(SCHEME.length()));

        DigestAlgorithm algorithm = DigestAlgorithm.fromToken(params.get("algorithm"))
                .orElseThrow(() -> AuthParams.malformed("unsupported algorithm"));
        String qop = params.get("qop");
        String nc = params.get("nc");
        String cnonce = params.get("cnonce");
        if (qop != null) {
            if (!qop.equalsIgnoreCase(QOP_AUTH)) {
                throw AuthParams.malformed("unsupported qop");
            }
            required(params, "nc");
            required(params, "cnonce");
            if (!NONCE_COUNT.matcher(nc).matches()) {
                throw AuthParams.malformed("nc must be 8 hex digits");
            }
        }
        return new DigestCredentials(required(params, "username"), required(params, "realm"),
                required(params, "nonce"), required(params, "uri"), required(params, "response"),
                algorithm, qop, nc, cnonce, params.get("opaque"));
    }

    private static String required(Map<String, String> params, String name) throws MalformedAuthorizationException {
        String value = params.get(name);
        if (value == null) {
            throw AuthParams.malformed("missing " + name);
        }
        return value;
    }
}
