package org.sca.core.sdp;

import java.util.Objects;

/**
 * A {@code c=} line (RFC 4566 section 5.7).
 *
 * @param address as written, including any multicast {@code /ttl} suffix
 */
public record Connection(String netType, String addrType, String address) {

    public Connection {
        Objects.requireNonNull(netType, "netType");
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
    }

    /**
     * @param value what follows {@code c=}
     * @throws IllegalArgumentException unless it is three non-empty fields separated by spaces
     */
    public static Connection parse(String value) {
        String[] fields = value.split(" ", -1);
        if (fields.length != 3 || fields[0].isEmpty() || fields[1].isEmpty() || fields[2].isEmpty()) {
            throw new IllegalArgumentException("malformed c= line");
        }
        return new Connection(fields[0], fields[1], fields[2]);
    }
}
