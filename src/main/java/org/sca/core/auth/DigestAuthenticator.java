package org.sca.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * SIP digest authentication (RFC 3261 section 22, RFC 7616, RFC 8760) for one server:
 * builds the challenges of a 401/407 and judges the Authorization header of the retry.
 */
public final class DigestAuthenticator {
    private static final int OPAQUE_BYTES = 16;

    private final NonceService nonces;
    private final Function<String, Optional<String>> passwordOf;
    /**
     * All state lives in the nonce, so opaque carries nothing; it is sent because RFC 2617
     * era clients expect one and echo it, and it is not checked on the way back.
     */
    private final String opaque;

    public DigestAuthenticator(NonceService nonces, Function<String, Optional<String>> passwordOf) {
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.passwordOf = Objects.requireNonNull(passwordOf, "passwordOf");
        byte[] raw = new byte[OPAQUE_BYTES];
        new SecureRandom().nextBytes(raw);
        this.opaque = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /**
     * The values of the WWW-Authenticate (or Proxy-Authenticate) headers to send, one per
     * offered algorithm in the order given, all with the same fresh nonce.
     */
    public List<String> challenges(String realm, boolean stale, List<DigestAlgorithm> offered) {
        String nonce = nonces.issue();
        return offered.stream()
                .map(algorithm -> "Digest realm=" + quoted(realm) + ", nonce=" + quoted(nonce)
                        + ", opaque=" + quoted(opaque) + ", algorithm=" + algorithm.token()
                        + ", qop=" + quoted(DigestCredentials.QOP_AUTH) + (stale ? ", stale=true" : ""))
                .toList();
    }

    /**
     * Judges the Authorization value of a request with {@code method} against {@code realm}.
     * The nonce is looked at only once the response is proven right, so that a guessed
     * password learns nothing about nonces and cannot use up a nonce-count. An answer with an
     * algorithm that was not offered, or of another scheme, answers no challenge of this server.
     */
    public AuthResult verify(String method, String authorizationValue, String realm, List<DigestAlgorithm> offered) {
        if (!DigestCredentials.isDigest(authorizationValue)) {
            // Credentials of a scheme this server never asked for (Basic ...) answer no challenge
            // of its own: it challenges, as RFC 3261 22.1 has a server do without credentials.
            return new AuthResult.Challenge(false);
        }
        DigestCredentials credentials;
        try {
            credentials = DigestCredentials.parse(authorizationValue);
        } catch (MalformedAuthorizationException e) {
            return new AuthResult.Malformed(e.getMessage());
        }
        if (!credentials.realm().equals(realm) || !offered.contains(credentials.algorithm())) {
            return new AuthResult.Challenge(false);
        }
        Optional<String> password = passwordOf.apply(credentials.username());
        if (password.isEmpty() || !responseMatches(credentials, method, password.get())) {
            return new AuthResult.Challenge(false);
        }
        // Without qop the client sends no nonce-count, even if it put a stray nc in the header.
        String nc = credentials.qop() == null ? null : credentials.nc();
        return switch (nonces.check(credentials.nonce(), nc)) {
            case VALID -> new AuthResult.Authenticated(credentials.username());
            case STALE -> new AuthResult.Challenge(true);
            case INVALID, REPLAYED -> new AuthResult.Challenge(false);
        };
    }

    private static boolean responseMatches(DigestCredentials credentials, String method, String password) {
        byte[] expected = DigestResponse.expected(credentials, method, password).getBytes(StandardCharsets.US_ASCII);
        byte[] presented = credentials.response().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, presented);
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
