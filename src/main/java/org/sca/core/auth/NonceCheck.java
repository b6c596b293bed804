package org.sca.core.auth;

/** What {@link NonceService#check} found out about a nonce presented by a client. */
public enum NonceCheck {
    /** Issued by us, still fresh, and the nonce-count had not been used: now it has. */
    VALID,
    /** Issued by us but older than the ttl: the client should retry with a fresh nonce. */
    STALE,
    /** Not issued by us: forged, truncated or otherwise garbled. */
    INVALID,
    /** Issued by us and fresh, but this nonce-count was already accepted once. */
    REPLAYED
}
