package org.sca.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The digest algorithms this server offers (RFC 8760): MD5 because deployed phones only speak
 * MD5, SHA-256 for clients that can do better. The "-sess" variants are not offered.
 */
public enum DigestAlgorithm {
    MD5("MD5"),
    SHA_256("SHA-256");

    private final String token;

    DigestAlgorithm(String token) {
        this.token = token;
    }

    /** The value of the {@code algorithm} auth-param; it is also the JCA algorithm name. */
    public String token() {
        return token;
    }

    /** Lowercase hex digest of the UTF-8 bytes of {@code input}, as RFC 7616 prescribes. */
    public String hex(String input) {
        try {
            byte[] digest = MessageDigest.getInstance(token).digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 and SHA-256, so this is a broken runtime.
            throw new IllegalStateException(token + " missing from this Java runtime", e);
        }
    }

    /**
     * The algorithm named by an {@code algorithm} auth-param, compared case-insensitively.
     * A {@code null} token means the parameter was absent, which RFC 7616 defines as MD5.
     */
    /**
     * The algorithm a configuration names ({@code MD5}, {@code SHA-256}).
     *
     * @throws IllegalArgumentException saying what the known ones are
     */
    public static DigestAlgorithm configured(String token) {
        String t = token.strip();
        return fromToken(t).orElseThrow(() -> new IllegalArgumentException("unknown digest algorithm '" + t + "' (known: MD5, SHA-256)"));
    }

    public static Optional<DigestAlgorithm> fromToken(String token) {
        if (token == null) {
            return Optional.of(MD5);
        }
        String wanted = token.toUpperCase(Locale.ROOT);
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.token.equals(wanted)) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }
}
