package org.sca.core;

/**
 * RFC 3261 18.1.1: a request larger than 1300 bytes, the path MTU being unknown, goes by a
 * congestion-controlled transport (TCP) to the same host and port; when no TCP connection can
 * be made it may still go by UDP. Neither JAIN SIP nor Restcomm does this for the requests an
 * application sends (see README, "The container").
 */
public final class RequestTransport {

    /** RFC 3261 18.1.1's threshold for an unknown path MTU. */
    public static final int UDP_LIMIT = 1300;
    /**
     * What the container adds to a request as it sends it, after the server measured it: a Via
     * with branch and rport, a Contact (about 150 bytes with an IPv6 address); a little more is
     * harmless, TCP being what RFC 3261 prefers anyway.
     */
    static final int ADDED_AT_SEND = 200;
    private static final String UDP = "udp";

    private RequestTransport() {}

    /**
     * Whether a request that would go by UDP may go by TCP: every SIP element implements TCP
     * (RFC 3261 18), so a {@code sip:} target named directly (no Route) without a
     * {@code transport} parameter does; {@code transport=udp} says UDP only (the server writes
     * it on the Contact of a phone behind NAT, whose NAT lets only UDP in), and a Route sends
     * the request to someone else than the target.
     *
     * @param transportParam the target URI's {@code transport} parameter, null when it names none
     */
    public static boolean mayUseTcp(boolean routed, String transportParam) {
        return !routed && transportParam == null;
    }

    /** Whether a request of {@code bytesBeforeSend}, as the server measured it, is over the limit once sent. */
    public static boolean overUdpLimit(int bytesBeforeSend) {
        return bytesBeforeSend + ADDED_AT_SEND > UDP_LIMIT;
    }

    /** Whether a session or target transport is UDP: the default when none is named. */
    public static boolean isUdp(String transport) {
        return transport == null || UDP.equalsIgnoreCase(transport);
    }
}
