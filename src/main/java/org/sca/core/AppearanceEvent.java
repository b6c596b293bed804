package org.sca.core;

/** What can happen to an appearance; {@link Transitions} says which state each one leads to. */
public enum AppearanceEvent {
    /** A device takes the index for an outgoing call (line-seize subscription). */
    SEIZE,
    /** The seize ends without a call (Expires: 0 or expiry). */
    RELEASE,
    /** An outgoing call gets its first provisional response. */
    DIAL_PROGRESS,
    /** An incoming call from the trunk is offered to the devices. */
    RING,
    /** A 2xx establishes the call. */
    ANSWER,
    HOLD,
    /** Hold that only the owner may pick up again. */
    HOLD_PRIVATE,
    /** The owner takes its own held call back. */
    RESUME,
    /** Another device picks up the held call. */
    RETRIEVE,
    /** The call is over, whatever stage it had reached. */
    END
}
