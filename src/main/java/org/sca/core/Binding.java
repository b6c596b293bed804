package org.sca.core;

import java.time.Instant;

/**
 * One registered contact of a shared line.
 *
 * @param contact      the contact URI as the device sent it (the binding's identity)
 * @param device       the authentication ID (or trusted source) that registered it
 * @param source       where the REGISTER came from: requests to the device go there
 * @param registration the REGISTER's Call-ID: one per device and boot (RFC 3261 10.2.4)
 * @param expiresAt    when the binding lapses unless refreshed
 */
public record Binding(String contact, String device, Flow source, String registration, Instant expiresAt) {

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public long secondsLeftAt(Instant now) {
        return Math.max(0, (expiresAt.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    }
}
