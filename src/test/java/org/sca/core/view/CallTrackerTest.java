package org.sca.core.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.core.call.Call;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

class CallTrackerTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private final CallTracker tracker = new CallTracker();

    private static Call incoming() {
        try {
            return Call.incoming(1, "<sip:4164542289@pbx.test>", "pbx-leg", SessionDescription.parse(
                    "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        } catch (MalformedSdpException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anAnsweredCallStartsIsAnsweredAndEndsWithItsTalkTime() {
        Call call = incoming();
        call.ring("phone-leg");
        assertEquals(List.of(new CallTracker.Started(call)), tracker.observe(List.of(call), T0));
        assertEquals(List.of(), tracker.observe(List.of(call), T0.plusSeconds(1)), "nothing new, nothing logged");
        call.answer("phone-leg", "desk-a", null);
        assertEquals(List.of(new CallTracker.Answered(call, Duration.ofSeconds(3))), tracker.observe(List.of(call), T0.plusSeconds(3)));
        assertEquals(List.of(new CallTracker.Ended(call, CallTracker.Outcome.ANSWERED, Duration.ofSeconds(60))),
                tracker.observe(List.of(), T0.plusSeconds(63)));
        assertEquals(List.of(), tracker.observe(List.of(), T0.plusSeconds(64)), "ended once");
    }

    @Test
    void aCallNobodyAnsweredEndsUnansweredWithItsRingingTime() {
        Call call = incoming();
        tracker.observe(List.of(call), T0);
        assertEquals(List.of(new CallTracker.Ended(call, CallTracker.Outcome.UNANSWERED, Duration.ofSeconds(20))),
                tracker.observe(List.of(), T0.plusSeconds(20)));
        assertEquals("unanswered", CallTracker.Outcome.UNANSWERED.label());
    }
}
