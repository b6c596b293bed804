package org.sca.core.subscription;

import java.time.Instant;
import java.util.Objects;
import org.sca.core.Dialog;

/**
 * One subscription dialog: what it is about, when it lapses unless refreshed, and the dialog
 * it lives in.
 *
 * @param restored whether it outlived a restart: the container no longer knows its dialog, so
 *                 the server sends in it from {@link #dialog()} itself
 */
public record Subscription(EventPackage about, Instant expiresAt, Dialog dialog, boolean restored) {

    public Subscription {
        Objects.requireNonNull(about, "about");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(dialog, "dialog");
    }

    public boolean isDueAt(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /** What is left of it at {@code now}, for {@code Subscription-State: active;expires=N}: never 0, which means ended. */
    public SubscriptionState.Active stateAt(Instant now) {
        return new SubscriptionState.Active((int) Math.max(1, (expiresAt.toEpochMilli() - now.toEpochMilli()) / 1000));
    }

    /** The same subscription after the server sent request {@code cseq} in its dialog. */
    public Subscription sent(long cseq) {
        return new Subscription(about, expiresAt, dialog.sent(cseq), restored);
    }

    /** Refreshed until {@code until}, the subscriber now at {@code target}. */
    public Subscription refreshed(Instant until, String target) {
        return new Subscription(about, until, dialog.retargeted(target), restored);
    }

    /** The key it is stored under: stable across restarts, unlike the container's session IDs. */
    public String storeKey() {
        return dialog.callId() + ";" + dialog.localTag();
    }
}
