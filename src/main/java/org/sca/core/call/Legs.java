package org.sca.core.call;

import java.util.Objects;

/**
 * The two legs of an established call, by the container's SipSession IDs: the PBX's and the
 * phone's that has the call. Whatever one sends in the dialog goes to the other.
 */
public record Legs(String trunk, String phone) {

    public Legs {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(phone, "phone");
    }

    public boolean has(String leg) {
        return trunk.equals(leg) || phone.equals(leg);
    }

    /** The leg across the bridge from {@code leg}. */
    public String peerOf(String leg) {
        return trunk.equals(leg) ? phone : trunk;
    }

    public Legs withPhone(String newPhone) {
        return new Legs(trunk, newPhone);
    }
}
