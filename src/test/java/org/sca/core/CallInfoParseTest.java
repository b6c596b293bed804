package org.sca.core;

import static org.junit.jupiter.api.Assertions.*;
import static org.sca.core.AppearanceState.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallInfoParseTest {

    private static CallInfoEntry one(String value) throws MalformedCallInfoException {
        List<CallInfoEntry> entries = CallInfoCodec.parse(List.of(value));
        assertEquals(1, entries.size(), () -> "entries of " + value);
        return entries.get(0);
    }

    private static CallInfoEntry entry(String uri, int index, AppearanceState state) {
        return new CallInfoEntry(uri, OptionalInt.of(index), Optional.of(state), Optional.empty(), Map.of(), false);
    }

    @Test
    void plainEntry() throws MalformedCallInfoException {
        assertEquals(entry("sip:h", 2, HELD), one("<sip:h>;appearance-index=2;appearance-state=held"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<sip:h>;appearance-state=held;appearance-index=2",
        "<sip:h> ; appearance-index = 2 ;appearance-state= held",
        "  <sip:h>\t;\tAPPEARANCE-INDEX=2;Appearance-State=HELD  ",
        "<sip:h>\r\n ;appearance-index=2;appearance-state=held",
        "< sip:h >;appearance-index=2;appearance-state=held",
        "<sip:h>;appearance-index=\"2\";appearance-state=\"held\"",
    })
    void tolerantSpellingsOfTheSameEntry(String value) throws MalformedCallInfoException {
        assertEquals(entry("sip:h", 2, HELD), one(value));
    }

    @Test
    void severalHeaderValuesAndSeveralEntriesPerValue() throws MalformedCallInfoException {
        List<CallInfoEntry> entries = CallInfoCodec.parse(List.of(
                "<sip:h>;appearance-index=1;appearance-state=active , <sip:h>;appearance-index=2;appearance-state=seized",
                "<sip:h>;appearance-index=3;appearance-state=alerting"));
        assertEquals(List.of(entry("sip:h", 1, ACTIVE), entry("sip:h", 2, SEIZED), entry("sip:h", 3, ALERTING)),
                entries);
    }

    @Test
    void noHeaderValuesMeansNoEntries() throws MalformedCallInfoException {
        assertEquals(List.of(), CallInfoCodec.parse(List.of()));
    }

    @Test
    void commasAndSemicolonsInsideQuotesAndAngleBracketsDoNotSplit() throws MalformedCallInfoException {
        List<CallInfoEntry> entries = CallInfoCodec.parse(List.of(
                "<sip:h;x=1,y>;appearance-uri=\"\\\"Sas, Ovidiu; (c)\\\" <sip:1@pbx.test>\";appearance-index=1,"
                        + "<sip:h>;appearance-index=*;appearance-state=idle"));
        assertEquals(2, entries.size());
        assertEquals("sip:h;x=1,y", entries.get(0).uri());
        assertEquals(Optional.of("\"Sas, Ovidiu; (c)\" <sip:1@pbx.test>"), entries.get(0).appearanceUri());
        assertEquals(OptionalInt.of(1), entries.get(0).index());
        assertEquals(Optional.empty(), entries.get(0).state());
    }

    @Test
    void wildcardIndex() throws MalformedCallInfoException {
        CallInfoEntry e = one("<sip:osas_shared@192.168.2.2>;appearance-index=*;appearance-state=idle");
        assertTrue(e.isWildcard());
        assertTrue(e.wildcard());
        assertEquals(OptionalInt.empty(), e.index());
        assertEquals(Optional.of(IDLE), e.state());
    }

    @Test
    void missingIndexIsNotAWildcard() throws MalformedCallInfoException {
        CallInfoEntry e = one("<sip:h>;appearance-state=seized");
        assertFalse(e.isWildcard());
        assertEquals(OptionalInt.empty(), e.index());
        assertEquals(Optional.of(SEIZED), e.state());
    }

    @Test
    void bareUriIsLegal() throws MalformedCallInfoException {
        assertEquals(new CallInfoEntry("sip:h", OptionalInt.empty(), Optional.empty(), Optional.empty(), Map.of(), false),
                one("<sip:h>"));
    }

    @Test
    void unknownStateKeepsTheEntry() throws MalformedCallInfoException {
        CallInfoEntry e = one("<sip:h>;appearance-index=4;appearance-state=parked");
        assertEquals(OptionalInt.of(4), e.index());
        assertEquals(Optional.empty(), e.state());
    }

    @Test
    void extraParametersAreKeptWithLowerCaseNames() throws MalformedCallInfoException {
        CallInfoEntry e = one("<sip:h>;Purpose=icon;appearance-index=1;X-Note=\"a \\\"b\\\"\";flag;appearance-state=active");
        assertEquals(Map.of("purpose", "icon", "x-note", "a \"b\"", "flag", ""), e.otherParams());
        assertEquals(entry("sip:h", 1, ACTIVE), new CallInfoEntry(e.uri(), e.index(), e.state(),
                e.appearanceUri(), Map.of(), e.wildcard()));
        assertThrows(UnsupportedOperationException.class, () -> e.otherParams().put("k", "v"));
    }

    @Test
    void seedCaptureIdleEntryParses() throws MalformedCallInfoException {
        assertTrue(one("<sip:127.0.0.1>;appearance-index=*;appearance-state=idle").isWildcard());
    }

    /**
     * The seed capture's appearance-uri is not a quoted-string: {@code ""} closes at once and the
     * display name follows as stray text. Guessing what was meant would accept anything, so it is
     * refused like any other malformed value.
     */
    @Test
    void seedCaptureBrokenAppearanceUriIsRejected() {
        MalformedCallInfoException ex = assertThrows(MalformedCallInfoException.class, () -> CallInfoCodec.parse(List.of(
                "<sip:192.168.2.2>;appearance-uri=\"\"Ovidiu Sas (c)\\\" <sip:4164542289@192.168.2.2>\";"
                        + "appearance-index=1;appearance-state=alerting,"
                        + "<sip:127.0.0.1>;appearance-index=*;appearance-state=idle")));
        assertEquals("Bad Call-Info: unexpected text after parameter", ex.getMessage());
    }

    /** The capture's other variant: a valid quoted-string, but the name-addr's URI is left outside it. */
    @Test
    void seedCaptureUnquotedNameAddrIsRejected() {
        assertThrows(MalformedCallInfoException.class, () -> CallInfoCodec.parse(List.of(
                "<sip:192.168.2.2>;appearance-uri=\"\\Ovidiu Sas (c)\" <sip:4164542289@192.168.2.2>;"
                        + "appearance-index=1;appearance-state=active")));
    }

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''                                               | empty value",
        "'   '                                            | empty value",
        "sip:h;appearance-index=1                         | missing '<'",
        "<sip:h;appearance-index=1                        | missing '>'",
        "<>;appearance-index=1                            | empty URI",
        "<sip:h>;appearance-index=x                       | appearance-index not a number",
        "<sip:h>;appearance-index=                        | missing parameter value",
        "<sip:h>;appearance-index                         | appearance-index not a number",
        "<sip:h>;appearance-index=1x                      | appearance-index not a number",
        "<sip:h>;appearance-index=0                       | appearance-index must be at least 1",
        "<sip:h>;appearance-index=-3                      | appearance-index must be at least 1",
        "<sip:h>;appearance-index=99999999999             | appearance-index out of range",
        "<sip:h>;appearance-uri=\"<sip:a@b>               | unterminated quoted string",
        "<sip:h>;appearance-uri=\"<sip:a@b>\\\"           | unterminated quoted string",
        "<sip:h>;appearance-index=1;appearance-index=2    | duplicate parameter",
        "<sip:h>;;appearance-index=1                      | missing parameter name",
        "<sip:h>;appearance-index=1,                      | empty entry",
        "<sip:h>;appearance-index=1,,<sip:h>              | empty entry",
        "<sip:h> junk;appearance-index=1                  | unexpected text after parameter",
        "<sip:h>;appearance index=1                       | unexpected text after parameter",
    })
    void malformed(String value, String reason) {
        MalformedCallInfoException ex = assertThrows(MalformedCallInfoException.class,
                () -> CallInfoCodec.parse(List.of(value)));
        assertEquals("Bad Call-Info: " + reason, ex.getMessage());
    }

    @Test
    void lineBreakInsideQuotedValueIsRejected() {
        MalformedCallInfoException ex = assertThrows(MalformedCallInfoException.class,
                () -> CallInfoCodec.parse(List.of("<sip:h>;appearance-uri=\"a\r\nVia: x\";appearance-index=1")));
        assertEquals("Bad Call-Info: line break in quoted string", ex.getMessage());
    }

    @Test
    void oneBadValueAmongSeveralRejectsAll() {
        assertThrows(MalformedCallInfoException.class, () -> CallInfoCodec.parse(List.of(
                "<sip:h>;appearance-index=1;appearance-state=active", "<sip:h>;appearance-index=x")));
    }

    @Test
    void entryInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new CallInfoEntry("sip:h", OptionalInt.of(0),
                Optional.empty(), Optional.empty(), Map.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new CallInfoEntry("sip:h", OptionalInt.of(1),
                Optional.empty(), Optional.empty(), Map.of(), true));
    }
}
