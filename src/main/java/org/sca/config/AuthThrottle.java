package org.sca.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How many failed digest authentications one source address may make before its requests
 * are refused, and for how long a count lasts.
 *
 * @param maxFailures failures (wrong password, unknown user, garbled answer) a source address
 *        may make within one window; past them it gets 403 until the window ends
 * @param window how long a source's count lasts from its first failure
 */
public record AuthThrottle(int maxFailures, Duration window) {

    /**
     * A phone with a wrong password retries once or twice a minute; twenty in a minute leaves it
     * room for a user's typos while holding a password guesser to 1,200 tries an hour.
     */
    private static final int DEFAULT_MAX_FAILURES = 20;
    private static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

    public static final AuthThrottle DEFAULTS = new AuthThrottle(DEFAULT_MAX_FAILURES, DEFAULT_WINDOW);

    public AuthThrottle {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 1) {
            throw new IllegalArgumentException("maxFailures must be at least 1");
        }
    }
}
