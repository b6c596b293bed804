package org.sca.core.auth;

/** The outcome of checking a request's Authorization header. */
public sealed interface AuthResult {

    /** The credentials are right: the request comes from {@code username}. */
    record Authenticated(String username) implements AuthResult {
    }

    /**
     * Answer 401/407 with fresh challenges. {@code stale} is true when only the nonce was out
     * of date, so the phone retries silently instead of asking its user for a password.
     */
    record Challenge(boolean stale) implements AuthResult {
    }

    /** The header could not be parsed; answer 400 with {@code reason} as the reason phrase. */
    record Malformed(String reason) implements AuthResult {
    }
}
