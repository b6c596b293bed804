package org.sca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {

    @Test
    void parsesHostsWithAndWithoutPort() {
        assertEquals(new Endpoint("127.0.0.1", OptionalInt.empty()), Endpoint.parse(" 127.0.0.1 "));
        assertEquals(new Endpoint("192.0.2.10", OptionalInt.of(5060)), Endpoint.parse("192.0.2.10:5060"));
        assertEquals(new Endpoint("pbx.example.test", OptionalInt.of(5080)), Endpoint.parse("pbx.example.test:5080"));
        assertEquals(new Endpoint("2001:db8::1", OptionalInt.of(5060)), Endpoint.parse("[2001:db8::1]:5060"));
        assertEquals(new Endpoint("::1", OptionalInt.empty()), Endpoint.parse("::1"));
    }

    @Test
    void noPortMatchesAnyPort() {
        Endpoint any = Endpoint.parse("127.0.0.1");
        assertTrue(any.matches("127.0.0.1", 5060));
        assertTrue(any.matches("127.0.0.1", 40000));
        assertFalse(any.matches("127.0.0.2", 5060));
    }

    @Test
    void aPortMatchesOnlyThatPort() {
        Endpoint pinned = Endpoint.parse("192.0.2.10:5060");
        assertTrue(pinned.matches("192.0.2.10", 5060));
        assertFalse(pinned.matches("192.0.2.10", 5061));
    }

    @Test
    void addressesCompareAsAddressesAndNamesIgnoringCase() {
        assertTrue(Endpoint.parse("[::1]").matches("0:0:0:0:0:0:0:1", 5060));
        assertTrue(Endpoint.parse("::1").matches("[::1]", 5060));
        assertTrue(Endpoint.parse("PBX.example.test").matches("pbx.EXAMPLE.test", 5060));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:sip", "256.0.0.1", "bad_host",
        "[::1", "[::1]5060", "[pbx]:5060", "1::2::3"})
    void rejectsBadEndpoints(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
    }

    @Test
    void aBadPortSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("h:70000"));
        assertEquals("port must be a whole number from 1 to 65535, got '70000'", e.getMessage());
    }
}
