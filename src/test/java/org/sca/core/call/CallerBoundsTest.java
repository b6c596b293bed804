package org.sca.core.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallerBoundsTest {

    @Test
    void aDisplayNameIsShortenedOnlyWhenTooLong() {
        assertEquals(Optional.empty(), CallerBounds.shortened("Ovidiu Sas (c)"));
        assertEquals(Optional.empty(), CallerBounds.shortened(null));
        assertEquals(Optional.of("x".repeat(CallerBounds.MAX_DISPLAY_NAME)), CallerBounds.shortened("x".repeat(5000)));
    }

    @Test
    void aUriIsTooLongBeyondItsBound() {
        assertFalse(CallerBounds.uriTooLong("sip:4164542289@pbx.test"));
        assertTrue(CallerBounds.uriTooLong("sip:" + "9".repeat(CallerBounds.MAX_URI) + "@pbx.test"));
    }
}
