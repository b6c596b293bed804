package org.sca.core.call;

/**
 * Where an UPDATE (RFC 3311) from one leg goes. UPDATE reaches only a side that listed it in
 * Allow: a phone that does not take it answers 501, which the PBX would read as the end of
 * its session refresh or of its media change.
 */
public enum UpdateRoute {
    /** The other side takes UPDATE: relayed as it is. */
    RELAY,
    /** The other side does not, and the UPDATE changes media: it goes on as a re-INVITE with the same offer. */
    AS_REINVITE,
    /** The other side does not, and it is only a session refresh: the server answers it itself. */
    ANSWER_HERE;

    public static UpdateRoute of(boolean hasOffer, boolean peerAllowsUpdate) {
        if (peerAllowsUpdate) {
            return RELAY;
        }
        return hasOffer ? AS_REINVITE : ANSWER_HERE;
    }
}
