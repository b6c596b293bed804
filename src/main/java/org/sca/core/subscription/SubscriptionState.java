package org.sca.core.subscription;

import java.util.Locale;

/** The Subscription-State header of a NOTIFY (RFC 6665 section 8.2.3). */
public sealed interface SubscriptionState {

    /** The header value. */
    String header();

    /** @param expires seconds left, at least 1 */
    record Active(int expires) implements SubscriptionState {
        public Active {
            if (expires < 1) {
                throw new IllegalArgumentException("an active subscription has time left: " + expires);
            }
        }

        @Override
        public String header() {
            return "active;expires=" + expires;
        }
    }

    record Terminated(Reason reason) implements SubscriptionState {
        @Override
        public String header() {
            return "terminated;reason=" + reason.wire();
        }
    }

    /** Why a subscription ended (RFC 6665 section 4.1.3); on the wire in lower case. */
    enum Reason {
        /** It lapsed, or the subscriber asked for Expires: 0. */
        TIMEOUT,
        /** What it was for is gone: a seize whose call has reached the PBX. */
        NORESOURCE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
