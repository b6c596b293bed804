package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sca.core.auth.FailureThrottle.Verdict;

class FailureThrottleTest {
    private static final Duration WINDOW = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock();
    private final FailureThrottle throttle = new FailureThrottle(3, WINDOW, clock, 100);

    @Test
    void aSourceIsRefusedFromItsLimitUntilItsWindowEnds() {
        assertEquals(Verdict.FIRST, throttle.failed("192.0.2.1"));
        clock.advance(Duration.ofSeconds(10));
        assertEquals(Verdict.COUNTED, throttle.failed("192.0.2.1"));
        assertEquals(Optional.empty(), throttle.refusedUntil("192.0.2.1"));
        assertEquals(Verdict.LIMIT_REACHED, throttle.failed("192.0.2.1"));
        Optional<Instant> until = throttle.refusedUntil("192.0.2.1");
        assertEquals(Optional.of(clock.instant().minusSeconds(10).plus(WINDOW)), until);
        clock.advance(WINDOW.minusSeconds(10));
        assertEquals(Optional.empty(), throttle.refusedUntil("192.0.2.1"), "the window is over");
        assertEquals(Verdict.FIRST, throttle.failed("192.0.2.1"), "a new window starts");
    }

    @Test
    void otherAddressesAreNeverRefused() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("192.0.2.1");
        }
        assertTrue(throttle.refusedUntil("192.0.2.1").isPresent());
        assertEquals(Optional.empty(), throttle.refusedUntil("192.0.2.2"));
        assertEquals(Verdict.FIRST, throttle.failed("192.0.2.2"));
    }

    @Test
    void theLimitIsReportedOncePerWindow() {
        long limitReports = IntStream.range(0, 50)
                .mapToObj(i -> throttle.failed("192.0.2.1")).filter(v -> v != Verdict.COUNTED).count();
        assertEquals(2, limitReports, "one FIRST and one LIMIT_REACHED");
    }

    @Test
    void theNumberOfTrackedSourcesIsBounded() {
        FailureThrottle small = new FailureThrottle(2, WINDOW, clock, 2);
        small.failed("192.0.2.1");
        small.failed("192.0.2.1");
        small.failed("192.0.2.2");
        small.failed("192.0.2.3");
        assertEquals(Optional.empty(), small.refusedUntil("192.0.2.1"), "the oldest window made room");
        assertEquals(Verdict.LIMIT_REACHED, small.failed("192.0.2.3"));
    }
}
