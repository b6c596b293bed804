package org.sca.core.call;

import java.util.OptionalInt;

/**
 * Which trunk a phone's call tries next when one fails it: the next in the line's order, when
 * the one tried is out of service (503) or silent (408, the container's answer when Timer B
 * fires). Any other refusal is the called party's answer, which another trunk would not change.
 */
public final class TrunkFailover {

    private static final int REQUEST_TIMEOUT = 408;
    private static final int SERVICE_UNAVAILABLE = 503;

    private TrunkFailover() {}

    /** @return the index of the trunk to try after {@code tried} answered {@code status}, of {@code trunks} */
    public static OptionalInt next(int status, int tried, int trunks) {
        boolean trunkFailed = status == SERVICE_UNAVAILABLE || status == REQUEST_TIMEOUT;
        return trunkFailed && tried + 1 < trunks ? OptionalInt.of(tried + 1) : OptionalInt.empty();
    }
}
