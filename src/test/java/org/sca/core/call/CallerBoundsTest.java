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

    @Test
    void aPartyWithinTheBoundsPassesUnchanged() {
        for (String party : new String[] {"\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>", "Ovidiu <sip:1@pbx>",
                "<sip:1@pbx>", "sip:1@pbx", "\"unterminated <sip:1@pbx>"}) {
            assertEquals(party, CallerBounds.bounded(party));
        }
    }

    @Test
    void aLongDisplayNameOfAPartyIsShortenedAndQuotedAgain() {
        // Each escaped pair is one character of the name: 80 of them, 64 passed on, escaped again.
        assertEquals("\"" + "N\\\"".repeat(32) + "\" <sip:1@pbx>", CallerBounds.bounded("\"" + "N\\\"".repeat(40) + "\" <sip:1@pbx>"));
        assertEquals("\"" + "a\\\\".repeat(32) + "\" <sip:1@pbx>", CallerBounds.bounded("\"" + "a\\\\".repeat(40) + "\" <sip:1@pbx>"));
        assertEquals("\"" + "T".repeat(CallerBounds.MAX_DISPLAY_NAME) + "\" <sip:1@pbx>",
                CallerBounds.bounded("T".repeat(5000) + " <sip:1@pbx>"));
    }

    @Test
    void aPartyWithALongUriOrNoNameAddrShapeIsAnonymous() {
        String anonymous = "<" + CallerBounds.ANONYMOUS + ">";
        String longUri = "sip:" + "9".repeat(CallerBounds.MAX_URI) + "@pbx.test";
        assertEquals(anonymous, CallerBounds.bounded("\"Bob\" <" + longUri + ">"));
        assertEquals(anonymous, CallerBounds.bounded(longUri));
        assertEquals(anonymous, CallerBounds.bounded("\"" + "x".repeat(5000)));
        assertEquals(anonymous, CallerBounds.bounded("Bob <sip:1@pbx" + "x".repeat(5000)));
    }

    @Test
    void whatFollowsTheNameAddrIsNotPassedOn() {
        assertEquals("\"Bob\" <sip:1@pbx>", CallerBounds.bounded("\"Bob\" <sip:1@pbx>;x=" + "y".repeat(5000)));
    }
}
