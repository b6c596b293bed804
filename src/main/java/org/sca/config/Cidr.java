package org.sca.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network, written {@code address/prefix-length} as in {@code 127.0.0.0/8}.
 * The constructor clears bits beyond the prefix, so {@code network} is always the network address.
 */
public record Cidr(InetAddress network, int prefixLength) {
    private static final Pattern PREFIX = Pattern.compile("\\d{1,3}");

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * Byte.SIZE;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length must be from 0 to " + bits + ", got " + prefixLength);
        }
        network = mask(network, prefixLength);
    }

    /**
     * @throws IllegalArgumentException saying what is wrong; an address with bits set beyond the
     *     prefix is refused rather than masked, because it usually means a mistyped prefix
     */
    public static Cidr parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("expected address/prefix-length, got '" + s + "'");
        }
        String addressText = s.substring(0, slash);
        String prefixText = s.substring(slash + 1);
        InetAddress address = IpLiteral.parse(addressText).orElseThrow(
                () -> new IllegalArgumentException("'" + addressText + "' is not an IP address"));
        int bits = address.getAddress().length * Byte.SIZE;
        int prefix = PREFIX.matcher(prefixText).matches() ? Integer.parseInt(prefixText) : -1;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(
                    "prefix length must be a whole number from 0 to " + bits + ", got '" + prefixText + "'");
        }
        Cidr cidr = new Cidr(address, prefix);
        if (!cidr.network().equals(address)) {
            throw new IllegalArgumentException("'" + s + "' has host bits set; the network is "
                    + cidr.network().getHostAddress() + "/" + prefix);
        }
        return cidr;
    }

    /** Whether {@code address} is in this network; an address of the other IP family never is. */
    public boolean contains(InetAddress address) {
        return address.getAddress().length == network.getAddress().length && mask(address, prefixLength).equals(network);
    }

    private static InetAddress mask(InetAddress address, int prefixLength) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(Byte.SIZE, prefixLength - i * Byte.SIZE));
            bytes[i] &= (byte) (0xFF << (Byte.SIZE - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            // getByAddress only fails on a wrong length, and the length came from an address.
            throw new IllegalStateException(impossible);
        }
    }
}
