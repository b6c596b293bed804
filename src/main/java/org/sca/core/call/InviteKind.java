package org.sca.core.call;

/** What an initial INVITE for a shared line asks for. */
public enum InviteKind {
    /** A call from the PBX for the line: every registered phone rings. */
    INCOMING,
    /** A phone picks up a held call (sca-behaviour.md, "Retrieve a held call"). */
    RETRIEVE,
    /** A phone of the line calls out through the trunk. */
    OUTGOING;

    /**
     * @param fromTrunk whether the INVITE came from one of the line's trunk addresses
     * @param requestUser the Request-URI's user, null when it has none
     * @param fromUser the From user, null when From is not a SIP URI with a user
     * @param toUser the To user, likewise
     * @param hasToTag whether To has a tag
     * @param lineUser the line's AOR user
     */
    public static InviteKind of(boolean fromTrunk, String requestUser, String fromUser, String toUser,
            boolean hasToTag, String lineUser) {
        // The PBX also relays the line's own calls back (From: the line): those are a phone's.
        if (fromTrunk && !lineUser.equalsIgnoreCase(fromUser)) {
            return INCOMING;
        }
        return Retrieval.isRetrieve(requestUser, fromUser, toUser, hasToTag, lineUser) ? RETRIEVE : OUTGOING;
    }

    /** Whether the sender must prove it is a member of the line first. */
    public boolean needsMember() {
        return this != INCOMING;
    }
}
