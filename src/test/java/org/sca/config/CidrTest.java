package org.sca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void ipv4NetworkContainsItsAddresses() throws Exception {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        assertTrue(loopback.contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopback.contains(InetAddress.getByName("127.255.255.255")));
        assertFalse(loopback.contains(InetAddress.getByName("128.0.0.1")));
    }

    @Test
    void prefixesNeedNotBeByteAligned() throws Exception {
        Cidr net = Cidr.parse("192.0.2.64/26");
        assertTrue(net.contains(InetAddress.getByName("192.0.2.127")));
        assertFalse(net.contains(InetAddress.getByName("192.0.2.128")));
        assertFalse(net.contains(InetAddress.getByName("192.0.2.63")));
    }

    @Test
    void ipv6NetworkContainsItsAddresses() throws Exception {
        Cidr net = Cidr.parse("2001:db8:abcd::/48");
        assertTrue(net.contains(InetAddress.getByName("2001:db8:abcd:12::1")));
        assertFalse(net.contains(InetAddress.getByName("2001:db8:abce::1")));
        assertTrue(Cidr.parse("::1/128").contains(InetAddress.getByName("0:0:0:0:0:0:0:1")));
    }

    @Test
    void familiesNeverMix() throws Exception {
        assertFalse(Cidr.parse("::/0").contains(InetAddress.getByName("127.0.0.1")));
        assertFalse(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
    }

    @Test
    void theConstructorKeepsOnlyTheNetworkBits() throws Exception {
        assertEquals(InetAddress.getByName("10.0.0.0"), new Cidr(InetAddress.getByName("10.1.2.3"), 8).network());
    }

    @Test
    void hostBitsSetAreRefusedWithTheLikelyMeaning() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.1.2.3/8"));
        assertEquals("'10.1.2.3/8' has host bits set; the network is 10.0.0.0/8", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.0/33", "::/129", "127.0.0.0/-1", "127.0.0.0/x",
        "localhost/8", "300.0.0.0/8", "fe80::zz/64"})
    void rejectsBadCidrs(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
    }
}
