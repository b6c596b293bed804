package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;
import static org.sca.core.AppearanceState.*;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class CallInfoFormatTest {

    private static final String IDLE_REST = "<sip:10.0.0.1>;appearance-index=*;appearance-state=idle";

    @Test
    void emptyLineIsOnlyTheIdleEntry() {
        assertEquals(IDLE_REST, CallInfoCodec.format("10.0.0.1", LineState.empty(10)));
    }

    @Test
    void specificationExample() {
        LineState line = LineState.empty(10).with(
                new Appearance(1, ALERTING, null, "\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>"));
        assertEquals("<sip:10.0.0.1>;appearance-index=1;appearance-state=alerting;"
                        + "appearance-uri=\"\\\"Ovidiu Sas (c)\\\" <sip:4164542289@pbx.test>\","
                        + IDLE_REST,
                CallInfoCodec.format("10.0.0.1", line));
    }

    @Test
    void severalAppearancesLowestIndexFirstAndUriOnlyWhenKnown() {
        LineState line = LineState.empty(10)
                .with(new Appearance(3, HELD_PRIVATE, "phone-b", "<sip:300@pbx.test>"))
                .with(new Appearance(1, SEIZED, "phone-a", null));
        assertEquals("<sip:10.0.0.1>;appearance-index=1;appearance-state=seized,"
                        + "<sip:10.0.0.1>;appearance-index=3;appearance-state=held-private;"
                        + "appearance-uri=\"<sip:300@pbx.test>\","
                        + IDLE_REST,
                CallInfoCodec.format("10.0.0.1", line));
    }

    @Test
    void backslashesAreEscaped() {
        LineState line = LineState.empty(2).with(new Appearance(2, ACTIVE, "d", "\"a\\b\" <sip:x@y>"));
        assertEquals("<sip:h>;appearance-index=2;appearance-state=active;"
                        + "appearance-uri=\"\\\"a\\\\b\\\" <sip:x@y>\","
                        + "<sip:h>;appearance-index=*;appearance-state=idle",
                CallInfoCodec.format("h", line));
    }

    @Test
    void formatIndex() {
        assertEquals("<sip:sca.example.test>;appearance-index=4", CallInfoCodec.formatIndex("sca.example.test", 4));
        assertThrows(IllegalArgumentException.class, () -> CallInfoCodec.formatIndex("h", 0));
        assertThrows(IllegalArgumentException.class, () -> CallInfoCodec.formatIndex(" ", 1));
    }

    @Test
    void formattedLineParsesBackToTheSameAppearances() throws MalformedCallInfoException {
        LineState line = LineState.empty(10)
                .with(new Appearance(1, ACTIVE, "a", "\"Q \\\"x\\\", y\" <sip:1@pbx.test>"))
                .with(new Appearance(2, SEIZED, "b", null))
                .with(new Appearance(7, HELD, "c", "<sip:7@pbx.test;transport=tcp>"));

        List<CallInfoEntry> entries = CallInfoCodec.parse(List.of(CallInfoCodec.format("10.0.0.1", line)));

        assertEquals(4, entries.size());
        int i = 0;
        for (Appearance a : line.busy()) {
            CallInfoEntry e = entries.get(i++);
            assertEquals("sip:10.0.0.1", e.uri());
            assertEquals(OptionalInt.of(a.index()), e.index());
            assertEquals(Optional.of(a.state()), e.state());
            assertEquals(Optional.ofNullable(a.remoteParty()), e.appearanceUri());
            assertTrue(e.otherParams().isEmpty());
        }
        CallInfoEntry rest = entries.get(3);
        assertTrue(rest.isWildcard());
        assertEquals(Optional.of(IDLE), rest.state());
    }
}
