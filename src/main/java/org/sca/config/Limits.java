package org.sca.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Server-wide timing limits. Expiry values are in seconds, as in SIP Expires headers.
 *
 * @param subscriptionMinExpires a SUBSCRIBE asking for less gets 423 Interval Too Brief
 * @param subscriptionMaxExpires a granted subscription is capped to this
 * @param registrationMinExpires a REGISTER asking for less gets 423 Interval Too Brief
 * @param registrationMaxExpires a granted registration is capped to this
 * @param nonceTtl how long a digest nonce is good for before it is stale
 * @param ringTimeout how long the phones ring for a call from the PBX before it is refused
 * @param probeInterval how often each leg of an answered call is asked whether it is still there
 */
public record Limits(int subscriptionMinExpires, int subscriptionMaxExpires, int registrationMinExpires,
        int registrationMaxExpires, Duration nonceTtl, Duration ringTimeout, Duration probeInterval) {

    /** RFC 3261's recommended floor; below a minute phones refresh too often to be worth it. */
    private static final int DEFAULT_MIN_EXPIRES = 60;
    /** RFC 3261's default registration lifetime, also a sane cap for subscriptions. */
    private static final int DEFAULT_MAX_EXPIRES = 3600;
    /** Five minutes: long enough for a phone's retry, short enough to limit replay windows. */
    private static final Duration DEFAULT_NONCE_TTL = Duration.ofSeconds(300);

    /**
     * A minute: longer than a PBX's usual no-answer forwarding, so the PBX decides first when it
     * has a rule; without one, the caller still gets an answer instead of endless ringing.
     */
    private static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(60);

    /**
     * A minute: a leg that stopped answering is found within this plus an OPTIONS transaction's
     * 32 s timeout (Timer F over UDP), so a crashed phone's appearance is free within 92 s.
     */
    private static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofSeconds(60);

    /** What applies when the configuration sets nothing. */
    public static final Limits DEFAULTS = new Limits(DEFAULT_MIN_EXPIRES, DEFAULT_MAX_EXPIRES,
            DEFAULT_MIN_EXPIRES, DEFAULT_MAX_EXPIRES, DEFAULT_NONCE_TTL, DEFAULT_RING_TIMEOUT, DEFAULT_PROBE_INTERVAL);

    public Limits {
        Objects.requireNonNull(nonceTtl, "nonceTtl");
        Objects.requireNonNull(ringTimeout, "ringTimeout");
        Objects.requireNonNull(probeInterval, "probeInterval");
    }
}
