package org.sca.core.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks digest nonces without storing what it issued: a nonce is
 * {@code base64url(issue-time | salt | HMAC-SHA256(secret, issue-time | salt))}, so only the
 * holder of the secret can mint one and its age can be read back from it.
 *
 * <p>The only state is which nonce-counts were accepted, needed to refuse replays. It is
 * created only for requests whose response was already verified, and entries are swept once
 * their nonce has gone stale, so it holds at most about two ttl's worth of authenticated nonces.
 */
public final class NonceService {
    private static final String MAC_ALGORITHM = "HmacSHA256";
    /** Shorter HMAC keys than 128 bits would make nonces guessable offline. */
    private static final int MIN_SECRET_BYTES = 16;
    /** Salt so two nonces issued in the same millisecond differ and do not share a nonce-count. */
    private static final int SALT_BYTES = 8;
    private static final int TIME_BYTES = Long.BYTES;
    private static final int MAC_BYTES = 32;
    private static final int NONCE_BYTES = TIME_BYTES + SALT_BYTES + MAC_BYTES;
    /**
     * NONCE_BYTES is a multiple of 3, so its unpadded base64 has exactly one spelling; checking
     * the length keeps variants such as an added "=" from passing as a second, unused nonce.
     */
    private static final int NONCE_CHARS = NONCE_BYTES / 3 * 4;
    /** A nonce used without qop has no nonce-count, so it may be used exactly once. */
    private static final long SINGLE_USE = Long.MAX_VALUE;
    private static final Pattern NONCE_COUNT = Pattern.compile("[0-9A-Fa-f]{1,8}");

    private final SecretKeySpec key;
    private final Clock clock;
    private final long ttlMillis;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Use> used = new ConcurrentHashMap<>();
    private final AtomicLong nextSweepAt;

    /** The highest nonce-count accepted for a nonce, and when that nonce was issued. */
    private record Use(long issuedAt, long lastCount) {
    }

    public NonceService(byte[] secret, Clock clock, Duration ttl) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("secret must have at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, got " + ttl);
        }
        this.key = new SecretKeySpec(secret.clone(), MAC_ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttlMillis = ttl.toMillis();
        this.nextSweepAt = new AtomicLong(clock.millis() + ttlMillis);
    }

    /** A fresh nonce, good for one ttl. */
    public String issue() {
        ByteBuffer body = ByteBuffer.allocate(TIME_BYTES + SALT_BYTES);
        body.putLong(clock.millis());
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        body.put(salt);
        byte[] signed = body.array();
        byte[] nonce = Arrays.copyOf(signed, NONCE_BYTES);
        System.arraycopy(mac(signed), 0, nonce, signed.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /**
     * Checks {@code nonce} with nonce-count {@code nc} (hex; {@code null} for a request without
     * qop) and, when the answer is {@link NonceCheck#VALID}, records the count as used. Call
     * it only after the response was verified, so a wrong password does not burn the count.
     * Nonce-counts start at 1 and must strictly increase per nonce.
     */
    public NonceCheck check(String nonce, String nc) {
        Long issuedAt = issueTimeOf(nonce);
        if (issuedAt == null) {
            return NonceCheck.INVALID;
        }
        long now = clock.millis();
        sweepIfDue(now);
        if (isStale(issuedAt, now)) {
            return NonceCheck.STALE;
        }
        long count;
        if (nc == null) {
            count = SINGLE_USE;
        } else if (NONCE_COUNT.matcher(nc).matches()) {
            count = Long.parseLong(nc, 16);
        } else {
            return NonceCheck.INVALID;
        }
        boolean[] accepted = {false};
        used.compute(nonce, (k, previous) -> {
            long last = previous == null ? 0 : previous.lastCount();
            if (count <= last) {
                return previous;
            }
            accepted[0] = true;
            return new Use(issuedAt, count);
        });
        return accepted[0] ? NonceCheck.VALID : NonceCheck.REPLAYED;
    }

    /** How many nonces have a remembered nonce-count; exposed so tests can see the sweep. */
    int remembered() {
        return used.size();
    }

    private boolean isStale(long issuedAt, long now) {
        return now - issuedAt > ttlMillis;
    }

    /** Sweeps at most once per ttl, so the cost of a sweep is spread over a ttl of requests. */
    private void sweepIfDue(long now) {
        long due = nextSweepAt.get();
        if (now >= due && nextSweepAt.compareAndSet(due, now + ttlMillis)) {
            used.values().removeIf(use -> isStale(use.issuedAt(), now));
        }
    }

    /** The issue time carried by a nonce we minted, or {@code null} if we did not mint it. */
    private Long issueTimeOf(String nonce) {
        if (nonce == null || nonce.length() != NONCE_CHARS) {
            return null;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException garbled) {
            return null;
        }
        if (raw.length != NONCE_BYTES) {
            return null;
        }
        byte[] signed = Arrays.copyOf(raw, TIME_BYTES + SALT_BYTES);
        byte[] presented = Arrays.copyOfRange(raw, signed.length, NONCE_BYTES);
        if (!MessageDigest.isEqual(mac(signed), presented)) {
            return null;
        }
        return ByteBuffer.wrap(signed).getLong();
    }

    private byte[] mac(byte[] data) {
        try {
            // Mac instances are not thread-safe; one per call keeps check() lock-free.
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC_ALGORITHM + " unavailable in this Java runtime", e);
        }
    }
}
