package org.sca.core;

import java.util.Locale;

/**
 * Where a device's messages come from: the address and port of the datagrams it sends, or of
 * the TCP/TLS connection it opened (RFC 5626's flow). Behind NAT that is the only address the
 * server can reach it at, whatever its Contact says; over TCP and TLS it is the connection to
 * write to, which no one can open from outside.
 *
 * @param transport {@code udp}, {@code tcp} or {@code tls}
 */
public record Flow(String transport, String host, int port) {

    private static final String UDP = "udp";
    private static final String TLS = "tls";
    /** RFC 3261 19.1.2: the port a sip: and a sips: URI without one mean. */
    private static final int SIP_PORT = 5060;
    private static final int SIPS_PORT = 5061;
    private static final String TRANSPORT = ";transport=";

    public Flow {
        transport = transport.toLowerCase(Locale.ROOT);
    }

    /** As {@link #toString()} writes it: {@code host:port}, then {@code ;transport=tcp} unless UDP. */
    public static Flow parse(String text) {
        int t = text.indexOf(TRANSPORT);
        String address = t < 0 ? text : text.substring(0, t);
        String transport = t < 0 ? UDP : text.substring(t + TRANSPORT.length());
        int colon = address.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not host:port: " + text);
        }
        return new Flow(transport, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
    }

    /** Whether a URI naming this host, port and transport reaches the device without help. */
    public boolean isAt(String host, int port, String transport) {
        return this.host.equalsIgnoreCase(host) && this.port == port && this.transport.equalsIgnoreCase(transport);
    }

    /**
     * Whether a Contact written so reaches the device without help: {@code port} -1 and
     * {@code transportParam} null where the URI names none, which RFC 3261 19.1.2 makes 5060
     * (5061 for sips:) and UDP (TLS for sips:).
     */
    public boolean isReachedBy(String host, int port, boolean secure, String transportParam) {
        int effectivePort = portOf(port, secure);
        String transport = secure ? TLS : transportParam == null ? UDP : transportParam;
        return isAt(host, effectivePort, transport);
    }

    /** The port a URI means: its own, else (-1) 5060 for sip: and 5061 for sips: (RFC 3261 19.1.2). */
    public static int portOf(int uriPort, boolean secure) {
        return uriPort > 0 ? uriPort : secure ? SIPS_PORT : SIP_PORT;
    }

    /** A loose route that sends a request down this flow, its Request-URI left as the Contact. */
    public String route() {
        return "sip:" + hostPort() + (UDP.equals(transport) ? "" : TRANSPORT + transport) + ";lr";
    }

    private String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return host + ":" + port + (UDP.equals(transport) ? "" : TRANSPORT + transport);
    }
}
