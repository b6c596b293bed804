package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpiryTest {

    @Test
    void zeroRemovesBelowMinimumIsTooBriefAboveMaximumIsCapped() {
        assertEquals(new Expiry.Remove(), Expiry.judge(OptionalLong.of(0), 3600, 60, 600));
        assertEquals(new Expiry.TooBrief(60), Expiry.judge(OptionalLong.of(59), 3600, 60, 600));
        assertEquals(new Expiry.Granted(60), Expiry.judge(OptionalLong.of(60), 3600, 60, 600));
        assertEquals(new Expiry.Granted(600), Expiry.judge(OptionalLong.of(100_000), 3600, 60, 600));
    }

    @Test
    void noExpiresMeansTheFallbackCapped() {
        assertEquals(new Expiry.Granted(600), Expiry.judge(OptionalLong.empty(), 3600, 60, 600));
        assertEquals(new Expiry.Granted(15), Expiry.judge(OptionalLong.empty(), 15, 1, 15));
    }

    @Test
    void parsesDeltaSecondsOnly() {
        assertEquals(3600, Expiry.parseSeconds(" 3600 "));
        assertEquals(4_294_967_296L, Expiry.parseSeconds("4294967296"));
        for (String bad : new String[] {"", "soon", "-5", "1.5", "99999999999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Expiry.parseSeconds(bad));
            assertEquals("Bad Expires: not a number of seconds", e.getMessage());
        }
    }
}
