package org.sca.config;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A peer allowed to do something (a trunk, a publisher): a host name or IP address, and
 * optionally the only port it may use. Written {@code host}, {@code host:port},
 * {@code [v6]:port} or a bare IPv6 address.
 */
public record Endpoint(String host, OptionalInt port) {
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");
    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final int PORT_MAX = 65535;

    public Endpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(port, "port");
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > PORT_MAX)) {
            throw new IllegalArgumentException("port must be from 1 to " + PORT_MAX + ", got " + port.getAsInt());
        }
    }

    /**
     * Whether a peer at {@code host}:{@code port} is this endpoint. IP addresses are compared
     * as addresses (so {@code ::1} and {@code 0:0:0:0:0:0:0:1} are the same), names ignoring
     * case; no port configured means any port.
     */
    public boolean matches(String host, int port) {
        if (this.port.isPresent() && this.port.getAsInt() != port) {
            return false;
        }
        String bare = unbracketed(host);
        Optional<InetAddress> mine = IpLiteral.parse(this.host);
        Optional<InetAddress> theirs = IpLiteral.parse(bare);
        if (mine.isPresent() && theirs.isPresent()) {
            return mine.equals(theirs);
        }
        return this.host.equalsIgnoreCase(bare);
    }

    /** The SIP URI of {@code user} at this endpoint: what the line calls through its trunk. */
    public String sipUri(String user) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "sip:" + user + "@" + h + (port.isPresent() ? ":" + port.getAsInt() : "");
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code text} */
    public static Endpoint parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty entry");
        }
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("missing ']' in '" + s + "'");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("expected ':port' after ']' in '" + s + "'");
                }
                portText = rest.substring(1);
            }
            if (!host.contains(":") || IpLiteral.parse(host).isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
        } else if (s.indexOf(':') != s.lastIndexOf(':')) {
            host = s;
            if (IpLiteral.parse(host).isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = s.indexOf(':');
            host = colon < 0 ? s : s.substring(0, colon);
            portText = colon < 0 ? null : s.substring(colon + 1);
            checkHost(host);
        }
        return new Endpoint(host, portText == null ? OptionalInt.empty() : OptionalInt.of(parsePort(portText)));
    }

    private static void checkHost(String host) {
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            if (IpLiteral.parse(host).isEmpty()) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv4 address");
            }
        } else if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
        }
    }

    private static int parsePort(String text) {
        int port = PORT.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (port < 1 || port > PORT_MAX) {
            throw new IllegalArgumentException(
                    "port must be a whole number from 1 to " + PORT_MAX + ", got '" + text + "'");
        }
        return port;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
