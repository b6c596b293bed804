package org.sca.core.call;

import java.util.Locale;
import java.util.Optional;

/**
 * A session timer (RFC 4028): how long a session lives without a refresh, and which side of a
 * transaction refreshes it. The server is a B2BUA that relays every refresh leg to leg, so the
 * timer one side asks for is the timer of the whole call: each side's refreshes keep the
 * other side's dialog alive too, and the server itself never needs to refresh.
 *
 * @param seconds   the Session-Expires interval
 * @param refresher who refreshes, relative to the transaction that negotiated it; empty when
 *                  the request leaves it to the answerer
 */
public record SessionTimer(int seconds, Optional<Refresher> refresher) {

    public enum Refresher { UAC, UAS }

    /**
     * The smallest interval the server accepts: RFC 4028 section 4's floor, which every element
     * must accept, so that no peer's Min-SE can be above what the server itself asks for.
     */
    public static final int MIN_SE = 90;

    public SessionTimer {
        if (seconds < 1) {
            throw new IllegalArgumentException("Session-Expires must be positive, got " + seconds);
        }
    }

    /**
     * Reads a {@code Session-Expires} value ({@code 1800;refresher=uac}).
     *
     * @throws IllegalArgumentException with a reason phrase when it is not one
     */
    public static SessionTimer parse(String value) {
        String[] parts = value.split(";");
        int seconds;
        try {
            seconds = Integer.parseInt(parts[0].trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad Session-Expires header");
        }
        if (seconds < 1) {
            throw new IllegalArgumentException("Bad Session-Expires header");
        }
        Optional<Refresher> refresher = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String[] param = parts[i].trim().split("=", 2);
            if (param.length == 2 && param[0].trim().equalsIgnoreCase("refresher")) {
                switch (param[1].trim().toLowerCase(Locale.ROOT)) {
                    case "uac" -> refresher = Optional.of(Refresher.UAC);
                    case "uas" -> refresher = Optional.of(Refresher.UAS);
                    default -> throw new IllegalArgumentException("Bad Session-Expires refresher");
                }
            }
        }
        return new SessionTimer(seconds, refresher);
    }

    public String format() {
        return seconds + refresher.map(r -> ";refresher=" + r.name().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** Below the server's {@link #MIN_SE}: the request gets 422 with {@code Min-SE}. */
    public boolean tooBrief() {
        return seconds < MIN_SE;
    }

    /**
     * The timer a 2xx to the requester carries (with {@code Require: timer}), or empty for none.
     * The other side's answer, when it gave one, is relayed as it is: refreshes travel end to
     * end, so "the UAC refreshes" means the same on both legs. When the other side does not do
     * session timers, a requester that supports them refreshes (RFC 4028 section 9: refresher
     * uac); one that does not (a proxy added the header) gets none, since the server would have
     * to refresh itself.
     *
     * @param requested         the request's Session-Expires, if any
     * @param requesterSupports whether the request's Supported lists {@code timer}
     * @param peerAnswer        the Session-Expires of the other side's 2xx, if any
     */
    public static Optional<SessionTimer> answer(Optional<SessionTimer> requested, boolean requesterSupports,
            Optional<SessionTimer> peerAnswer) {
        if (peerAnswer.isPresent()) {
            return peerAnswer;
        }
        if (requested.isEmpty() || !requesterSupports) {
            return Optional.empty();
        }
        return Optional.of(new SessionTimer(requested.get().seconds(), Optional.of(Refresher.UAC)));
    }
}
