package org.sca.core.call;

import java.util.OptionalInt;

/** The one final answer to the INVITE that started a call when every leg the server rang failed. */
public final class FinalAnswer {

    private FinalAnswer() {}

    /**
     * The PBX of an incoming call hears busy if the last phone said so, else "temporarily
     * unavailable"; a phone calling out hears what the PBX said.
     *
     * @param lastStatus the status of the last leg to fail
     * @return the status to send; empty for 487, the answer to a CANCEL the container has
     *         already answered for us
     */
    public static OptionalInt toInbound(Call.Direction direction, int lastStatus) {
        if (lastStatus == 487) {
            return OptionalInt.empty();
        }
        if (direction == Call.Direction.OUTGOING) {
            return OptionalInt.of(lastStatus);
        }
        boolean busy = lastStatus == 486 || lastStatus == 600 || lastStatus == 603;
        return OptionalInt.of(busy ? 486 : 480);
    }
}
