package org.sca.core.call;

import java.util.OptionalInt;

/** The one final answer to the INVITE that started a call when every leg the server rang failed. */
public final class FinalAnswer {

    /** A trunk's challenge the server could not answer: the phone has no password for it, so it hears "forbidden". */
    private static final int FORBIDDEN = 403;

    private FinalAnswer() {}

    /**
     * What the other side of a call hears of a refusal: the refusal itself, except a digest
     * challenge (401/407) meant for the server's own login, which the other side cannot answer.
     */
    public static int relayable(int status) {
        return status == 401 || status == 407 ? FORBIDDEN : status;
    }

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
            return OptionalInt.of(relayable(lastStatus));
        }
        boolean busy = lastStatus == 486 || lastStatus == 600 || lastStatus == 603;
        return OptionalInt.of(busy ? 486 : 480);
    }
}
