package org.sca.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sca.core.TcpReach.Verdict;
import org.sca.core.auth.MutableClock;

class TcpReachTest {

    private static final String PHONE = "192.0.2.10:5060";

    private final MutableClock clock = new MutableClock();
    private final TcpReach reach = new TcpReach(clock);

    @Test
    void anUnknownTargetIsTriedAndProbedOnce() {
        assertEquals(Verdict.TRY, reach.verdict(PHONE));
        assertTrue(reach.startProbe(PHONE));
        assertFalse(reach.startProbe(PHONE), "one probe at a time");
        assertEquals(Verdict.TRY, reach.verdict(PHONE), "while the probe runs");
    }

    @Test
    void whatAProbeFoundHoldsAndIsAskedAgainAfterAnHour() {
        reach.startProbe(PHONE);
        reach.learned(PHONE, false);
        assertEquals(Verdict.UDP, reach.verdict(PHONE));
        clock.advance(TcpReach.KNOWN_FOR);
        assertFalse(reach.startProbe(PHONE));
        clock.advance(Duration.ofSeconds(1));
        assertTrue(reach.startProbe(PHONE));
        assertEquals(Verdict.UDP, reach.verdict(PHONE), "until the new probe answers");
        reach.learned(PHONE, true);
        assertEquals(Verdict.TCP, reach.verdict(PHONE));
    }

    @Test
    void aProbeNotMadeIsAskedForAgain() {
        reach.startProbe(PHONE);
        reach.probeNotMade(PHONE);
        assertTrue(reach.startProbe(PHONE));
    }

    @Test
    void theOldestTargetsAreForgottenBeyondTheBound() {
        reach.learned(PHONE, true);
        for (int i = 0; i < TcpReach.MAX_TARGETS; i++) {
            reach.learned("198.51.100.1:" + i, false);
        }
        assertEquals(Verdict.TRY, reach.verdict(PHONE));
        assertEquals(Verdict.UDP, reach.verdict("198.51.100.1:0"));
    }
}
