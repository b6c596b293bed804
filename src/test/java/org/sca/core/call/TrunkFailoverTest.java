package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class TrunkFailoverTest {

    @Test
    void anOutOfServiceOrSilentTrunkPassesTheCallOn() {
        assertEquals(OptionalInt.of(1), TrunkFailover.next(503, 0, 2));
        assertEquals(OptionalInt.of(2), TrunkFailover.next(408, 1, 3));
    }

    @Test
    void theLastTrunkOrTheCalledPartysAnswerEndsIt() {
        assertEquals(OptionalInt.empty(), TrunkFailover.next(503, 1, 2));
        assertEquals(OptionalInt.empty(), TrunkFailover.next(486, 0, 2));
        assertEquals(OptionalInt.empty(), TrunkFailover.next(404, 0, 2));
    }
}
