package org.sca.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises IPv4 and IPv6 address literals without ever asking DNS, so that loading the
 * configuration neither blocks on the network nor depends on what a name resolves to today.
 */
final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    /** Only hex digits, colons and dots: InetAddress then parses a literal and never resolves. */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final int OCTET_MAX = 255;

    private IpLiteral() {
    }

    static Optional<InetAddress> parse(String text) {
        Matcher v4 = IPV4.matcher(text);
        try {
            if (v4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < octets.length; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > OCTET_MAX) {
                        return Optional.empty();
                    }
                    octets[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(octets));
            }
            if (IPV6.matcher(text).matches()) {
                return Optional.of(InetAddress.getByName(text));
            }
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
