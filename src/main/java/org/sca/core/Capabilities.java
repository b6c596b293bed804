package org.sca.core;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the server speaks: the methods it handles (the {@code Allow} of every refusal and of
 * OPTIONS) and the option tags it supports ({@code Require}, RFC 3261 8.2.2.3). Anything
 * else is refused with a precise status, never left unanswered.
 */
public final class Capabilities {

    /** The methods the server handles, in the order Allow lists them. */
    public static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER, SUBSCRIBE, NOTIFY, PUBLISH, INFO, UPDATE, REFER";

    /**
     * Option tags a request may require: session timers (RFC 4028). 100rel is not among them:
     * the phones ring in parallel, and reliable provisionals from one branch could not be
     * acknowledged end to end; a peer that requires it is refused with 420 and falls back.
     */
    private static final Set<String> SUPPORTED = Set.of("timer");

    /**
     * Methods of RFC 3261's extensions that the server knows but does not take (405). PRACK is
     * not among them: it never reaches the application (481, see org.sca.stack.StrayRequests).
     */
    private static final Set<String> KNOWN = Set.of("MESSAGE");

    private static final Set<String> HANDLED = Set.of(ALLOW.split(", "));

    private Capabilities() {}

    public static boolean handles(String method) {
        return HANDLED.contains(method);
    }

    /** The status for a request of a method the server does not handle: 405 if it is a known one, else 501. */
    public static int refusalFor(String method) {
        return KNOWN.contains(method) ? 405 : 501;
    }

    /** Whether a comma-separated header's values (Allow, Supported) list {@code token}, ignoring case. */
    public static boolean lists(List<String> values, String token) {
        return tokens(values).anyMatch(token.toLowerCase(Locale.ROOT)::equals);
    }

    /**
     * The option tags of a request's {@code Require} values the server does not support, for
     * 420's {@code Unsupported}; empty when it may go on.
     */
    public static List<String> unsupported(List<String> require) {
        return tokens(require).filter(tag -> !SUPPORTED.contains(tag)).distinct().toList();
    }

    private static Stream<String> tokens(List<String> values) {
        return values.stream()
                .flatMap(v -> Stream.of(v.split(",")))
                .map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty());
    }
}
