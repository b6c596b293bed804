package org.sca.stack;

import java.time.Duration;
import java.util.Properties;

/**
 * What one peer may hold of the server's TCP and TLS listeners: connections per source
 * address, and how long an accepted connection may go without a byte, before and after it
 * carried its first SIP message (a flow, RFC 5626). Read from the stack's properties
 * ({@code conf/sip-stack.properties}, or a JVM system property of the same name, which JAIN
 * SIP's {@code MergedSystemProperties} puts first).
 *
 * @param maxPerSource connections one address may hold at once; one more is closed at once
 * @param idleConnection silence allowed on a connection that has carried no SIP message
 * @param idleFlow silence allowed on a connection that has carried one
 */
public record ConnectionLimits(int maxPerSource, Duration idleConnection, Duration idleFlow) {

    static final String MAX_PER_SOURCE_KEY = "org.sca.stack.MAX_CONNECTIONS_PER_SOURCE";
    static final String IDLE_CONNECTION_KEY = "org.sca.stack.IDLE_CONNECTION_SECONDS";
    static final String IDLE_FLOW_KEY = "org.sca.stack.IDLE_FLOW_SECONDS";

    /**
     * 32: a phone keeps one connection to its server (one flow, RFC 5626), so this admits a
     * site of 32 TCP or TLS phones behind one NAT address, and lets one host hold at most 64
     * of the container's threads (the blocking IO the stack runs on costs a reader and a
     * parser thread per connection). A larger site behind one address raises it.
     */
    static final int MAX_PER_SOURCE = 32;

    /**
     * 32 s (64 x T1, RFC 3261 Timers B and F): a client that opens a connection sends its
     * request (or its TLS handshake) at once, and has given up on that request by then.
     * Keep-alives are sent on flows only (RFC 5626 4.4), after the REGISTER.
     */
    static final Duration IDLE_CONNECTION = Duration.ofSeconds(32);

    /**
     * 3900 s: a phone refreshes its registration and subscriptions within
     * registration.max-expires and subscription.max-expires (3600 s by default) even when it
     * sends no keep-alives, and answers the server's in-call probes (call.probe-seconds), so a
     * flow silent longer carries nothing live: its phone is gone without closing it (a power
     * cut, a NAT that forgot it). Five minutes over the hour for a refresh sent at expiry. Keep
     * it above both expiries when raising them.
     */
    static final Duration IDLE_FLOW = Duration.ofSeconds(3900);

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(MAX_PER_SOURCE, IDLE_CONNECTION, IDLE_FLOW);

    public ConnectionLimits {
        if (maxPerSource < 1 || idleConnection.isNegative() || idleConnection.isZero() || idleFlow.compareTo(idleConnection) < 0) {
            throw new IllegalArgumentException("connection limits: at least one connection per source, a positive "
                    + "idle time, and a flow idle time no shorter than it; got " + maxPerSource + ", " + idleConnection
                    + ", " + idleFlow);
        }
    }

    /** The limits {@code properties} set, the defaults for those they leave out. */
    public static ConnectionLimits from(Properties properties) {
        return new ConnectionLimits(
                number(properties, MAX_PER_SOURCE_KEY, MAX_PER_SOURCE),
                Duration.ofSeconds(number(properties, IDLE_CONNECTION_KEY, (int) IDLE_CONNECTION.toSeconds())),
                Duration.ofSeconds(number(properties, IDLE_FLOW_KEY, (int) IDLE_FLOW.toSeconds())));
    }

    private static int number(Properties properties, String key, int otherwise) {
        String value = properties.getProperty(key);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a whole number, got '" + value + "'", e);
        }
    }
}
