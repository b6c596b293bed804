package org.sca.core.call;

import java.util.Optional;
import org.sca.core.AppearanceState;

/**
 * Picking up, on one phone, a call another phone put on hold (the origin document's steps 5
 * and 6): which INVITEs ask for it, and whether the appearance may be taken.
 */
public final class Retrieval {

    private Retrieval() {}

    /**
     * A retrieve INVITE is addressed to the line itself: a Request-URI without user part or
     * naming the line, From and To both the line, no To tag, and an appearance in Call-Info
     * (checked by the caller). Anything else from a phone is a new outgoing call.
     */
    public static boolean isRetrieve(String requestUriUser, String fromUser, String toUser, boolean hasToTag, String lineUser) {
        boolean toTheLine = requestUriUser == null || requestUriUser.equalsIgnoreCase(lineUser);
        return toTheLine && !hasToTag && lineUser.equalsIgnoreCase(fromUser) && lineUser.equalsIgnoreCase(toUser);
    }

    /**
     * @param state   the appearance's current state
     * @param isOwner whether the asking device is the one that holds the call
     * @return empty when the retrieve may proceed, else the reason phrase of the 403
     */
    public static Optional<String> refusal(AppearanceState state, boolean isOwner) {
        return switch (state) {
            case HELD -> Optional.empty();
            case HELD_PRIVATE -> isOwner ? Optional.empty() : Optional.of("Appearance is held private");
            case IDLE -> Optional.of("Appearance is idle");
            default -> Optional.of("Appearance is not held");
        };
    }
}
