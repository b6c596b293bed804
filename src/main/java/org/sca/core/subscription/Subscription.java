package org.sca.core.subscription;

import java.time.Instant;
import java.util.Objects;

/** One subscription dialog: what it is about, and when it lapses unless refreshed. */
public record Subscription(EventPackage about, Instant expiresAt) {

    public Subscription {
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean isDueAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** What is left of it at {@code now}, for {@code Subscription-State: active;expires=N}: never 0, which means ended. */
    public SubscriptionState.Active stateAt(Instant now) {
        return new SubscriptionState.Active((int) Math.max(1, (expiresAt.toEpochMilli() - now.toEpochMilli()) / 1000));
    }
}
