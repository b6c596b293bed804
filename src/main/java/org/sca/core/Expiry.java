package org.sca.core;

import java.util.OptionalLong;

/**
 * What an Expires value asks for, judged against a minimum and a maximum: the same rule for
 * registrations (RFC 3261 section 10.3), subscriptions (RFC 6665 section 4.2.1.1) and
 * publications (RFC 3903 section 6).
 */
public sealed interface Expiry {

    /** Expires: 0: remove the binding, end the subscription, withdraw the publication. */
    record Remove() implements Expiry {}

    /** Below the minimum: answer 423 with Min-Expires. */
    record TooBrief(int minimum) implements Expiry {}

    /** Accepted, capped at the maximum. */
    record Granted(int seconds) implements Expiry {}

    /**
     * @param requested the value the client sent, empty when it sent none
     * @param fallback  the value to grant when it sent none
     */
    static Expiry judge(OptionalLong requested, int fallback, int minimum, int maximum) {
        long asked = requested.orElse(fallback);
        if (asked == 0) {
            return new Remove();
        }
        if (asked < minimum) {
            return new TooBrief(minimum);
        }
        return new Granted((int) Math.min(asked, maximum));
    }

    /**
     * Parses an Expires value: a delta-seconds (RFC 3261 section 20.19). Values larger than
     * 2^32-1 are legal and mean "very long": they are kept as a large number and capped.
     *
     * @throws IllegalArgumentException for anything that is not a whole non-negative number
     */
    static long parseSeconds(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Bad Expires: not a number of seconds");
        }
        return Long.parseLong(v);
    }
}
