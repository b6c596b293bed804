package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAlgorithmTest {

    @Test
    void hexIsLowercaseDigestOfUtf8() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", DigestAlgorithm.MD5.hex(""));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                DigestAlgorithm.SHA_256.hex(""));
        assertEquals(DigestAlgorithm.MD5.hex("caf\u00e9"), DigestAlgorithm.MD5.hex("café"));
    }

    @Test
    void tokensAreMatchedCaseInsensitively() {
        assertEquals(Optional.of(DigestAlgorithm.SHA_256), DigestAlgorithm.fromToken("sha-256"));
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken("md5"));
        assertEquals("SHA-256", DigestAlgorithm.SHA_256.token());
    }

    @Test
    void absentAlgorithmMeansMd5() {
        assertEquals(Optional.of(DigestAlgorithm.MD5), DigestAlgorithm.fromToken(null));
    }

    @Test
    void unofferedAlgorithmsAreUnknown() {
        assertTrue(DigestAlgorithm.fromToken("MD5-sess").isEmpty());
        assertTrue(DigestAlgorithm.fromToken("SHA-512-256").isEmpty());
    }
}
