package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void everyMethodInAllowIsHandledAndTransferIsAmongThem() {
        for (String method : Capabilities.ALLOW.split(", ")) {
            assertTrue(Capabilities.handles(method), method);
        }
        assertTrue(Capabilities.handles("REFER"));
        assertFalse(Capabilities.handles("PRACK"));
    }

    @Test
    void aKnownMethodTheServerDoesNotTakeIs405AnUnknownOne501() {
        assertEquals(405, Capabilities.refusalFor("MESSAGE"));
        assertEquals(501, Capabilities.refusalFor("FROBNICATE"));
    }

    @Test
    void requiring100relIsUnsupportedTimerIsFine() {
        assertEquals(List.of("100rel"), Capabilities.unsupported(List.of("100rel, timer")));
        assertEquals(List.of("100rel", "precondition"), Capabilities.unsupported(List.of("100rel", "Precondition", "100REL")));
        assertEquals(List.of(), Capabilities.unsupported(List.of("timer")));
        assertEquals(List.of(), Capabilities.unsupported(List.of()));
    }

    @Test
    void listsFindsATokenInCommaSeparatedValues() {
        assertTrue(Capabilities.lists(List.of("INVITE, ACK", "UPDATE,INFO"), "UPDATE"));
        assertTrue(Capabilities.lists(List.of("100rel, Timer"), "timer"));
        assertFalse(Capabilities.lists(List.of("INVITE, ACK, BYE"), "UPDATE"));
    }
}
