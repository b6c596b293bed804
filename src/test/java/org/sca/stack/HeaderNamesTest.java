package org.sca.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.SIPHeaderNamesCache;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void namesAPeerMadeUpAreDroppedOnceThereAreTooManyAndSipsOwnStay() {
        HeaderNames.trim();
        int own = HeaderNames.cached();
        for (int i = 0; i < HeaderNames.MAX_NAMES; i++) {
            SIPHeaderNamesCache.toLowerCase("X-Made-Up-" + i);
        }
        assertTrue(HeaderNames.cached() > HeaderNames.MAX_NAMES, "JAIN SIP keeps every name it lowered");
        HeaderNames.trim();
        assertTrue(HeaderNames.cached() <= own, "back to what it held before");
        assertEquals("call-id", SIPHeaderNamesCache.toLowerCase("Call-ID"));
        assertEquals("x-made-up-1", SIPHeaderNamesCache.toLowerCase("X-Made-Up-1"), "lowered again after the trim");
    }
}
