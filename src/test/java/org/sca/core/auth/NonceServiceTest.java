package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NonceServiceTest {
    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TTL = Duration.ofSeconds(300);

    private final MutableClock clock = new MutableClock();
    private final NonceService nonces = new NonceService(SECRET, clock, TTL);

    @Test
    void anIssuedNonceIsValid() {
        assertEquals(NonceCheck.VALID, nonces.check(nonces.issue(), "00000001"));
    }

    @Test
    void noncesIssuedAtTheSameInstantDiffer() {
        assertNotEquals(nonces.issue(), nonces.issue());
    }

    @Test
    void aNonceFromAnotherSecretIsInvalid() {
        byte[] other = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        String foreign = new NonceService(other, clock, TTL).issue();
        assertEquals(NonceCheck.INVALID, nonces.check(foreign, "00000001"));
    }

    @Test
    void tamperedOrGarbledNoncesAreInvalid() {
        String nonce = nonces.issue();
        char last = nonce.charAt(nonce.length() - 1);
        String tampered = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(NonceCheck.INVALID, nonces.check(tampered, "00000001"));
        assertEquals(NonceCheck.INVALID, nonces.check(nonce + "=", "00000001"));
        assertEquals(NonceCheck.INVALID, nonces.check("not a nonce!", "00000001"));
        assertEquals(NonceCheck.INVALID, nonces.check("", null));
    }

    @Test
    void aGarbledNonceCountIsInvalid() {
        assertEquals(NonceCheck.INVALID, nonces.check(nonces.issue(), "zz"));
    }

    @Test
    void aNonceOlderThanTheTtlIsStale() {
        String nonce = nonces.issue();
        clock.advance(TTL);
        assertEquals(NonceCheck.VALID, nonces.check(nonce, "00000001"));
        clock.advance(Duration.ofMillis(1));
        assertEquals(NonceCheck.STALE, nonces.check(nonce, "00000002"));
    }

    @Test
    void aNonceCountIsAcceptedOnce() {
        String nonce = nonces.issue();
        assertEquals(NonceCheck.VALID, nonces.check(nonce, "00000001"));
        assertEquals(NonceCheck.REPLAYED, nonces.check(nonce, "00000001"));
    }

    @Test
    void nonceCountsMustStrictlyIncrease() {
        String nonce = nonces.issue();
        assertEquals(NonceCheck.VALID, nonces.check(nonce, "00000001"));
        assertEquals(NonceCheck.VALID, nonces.check(nonce, "00000002"));
        assertEquals(NonceCheck.VALID, nonces.check(nonce, "0000000A"));
        assertEquals(NonceCheck.REPLAYED, nonces.check(nonce, "00000009"));
    }

    @Test
    void withoutQopANonceIsUsedOnce() {
        String nonce = nonces.issue();
        assertEquals(NonceCheck.VALID, nonces.check(nonce, null));
        assertEquals(NonceCheck.REPLAYED, nonces.check(nonce, null));
        assertEquals(NonceCheck.REPLAYED, nonces.check(nonce, "00000002"));
    }

    @Test
    void staleNoncesAreForgotten() {
        nonces.check(nonces.issue(), "00000001");
        nonces.check(nonces.issue(), "00000001");
        assertEquals(2, nonces.remembered());

        clock.advance(TTL.plusSeconds(1));
        String fresh = nonces.issue();
        assertEquals(NonceCheck.VALID, nonces.check(fresh, "00000001"));
        assertEquals(1, nonces.remembered());
    }

    @Test
    void rejectsAShortSecretAndANonPositiveTtl() {
        assertThrows(IllegalArgumentException.class, () -> new NonceService(new byte[8], clock, TTL));
        assertThrows(IllegalArgumentException.class, () -> new NonceService(SECRET, clock, Duration.ZERO));
    }
}
