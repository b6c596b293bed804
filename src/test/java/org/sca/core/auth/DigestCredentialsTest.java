package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DigestCredentialsTest {

    @Test
    void parsesAFullHeaderWithFoldedWhitespace() throws Exception {
        DigestCredentials c = DigestCredentials.parse("Digest username=\"alice-desk\",\r\n  realm=\"sca.test\","
                + "\tnonce=\"abc\" , uri=\"sip:sca.test\", response=\"0123abcd\", algorithm=SHA-256,"
                + " qop=auth, nc=0000000a, cnonce=\"xyz\", opaque=\"op\"");
        assertEquals(new DigestCredentials("alice-desk", "sca.test", "abc", "sip:sca.test", "0123abcd",
                DigestAlgorithm.SHA_256, "auth", "0000000a", "xyz", "op"), c);
    }

    @Test
    void acceptsAnyOrderTokenValuesAndAnyCaseNames() throws Exception {
        DigestCredentials c = DigestCredentials.parse("digest RESPONSE=0123abcd,URI=\"sip:x\",Nonce=n1,"
                + "Realm=r,UserName=bob");
        assertEquals(new DigestCredentials("bob", "r", "n1", "sip:x", "0123abcd", DigestAlgorithm.MD5,
                null, null, null, null), c);
    }

    @Test
    void unescapesQuotedStrings() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "Digest username=\"a\\\"b\\\\c\", realm=\"r, with comma\", nonce=n, uri=u, response=r");
        assertEquals("a\"b\\c", c.username());
        assertEquals("r, with comma", c.realm());
    }

    @Test
    void ignoresUnknownParametersAndEmptyListElements() throws Exception {
        DigestCredentials c = DigestCredentials.parse(
                "Digest ,username=u, userhash=false,, realm=r, nonce=n, uri=u, response=r,");
        assertEquals("u", c.username());
        assertNull(c.opaque());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Digest realm=r, nonce=n, uri=u, response=r | Bad Authorization: missing username",
        "Digest username=u, nonce=n, uri=u, response=r | Bad Authorization: missing realm",
        "Digest username=u, realm=r, uri=u, response=r | Bad Authorization: missing nonce",
        "Digest username=u, realm=r, nonce=n, response=r | Bad Authorization: missing uri",
        "Digest username=u, realm=r, nonce=n, uri=u | Bad Authorization: missing response",
        "Basic dXNlcjpwYXNz | Bad Authorization: not Digest",
        "Digestive username=u | Bad Authorization: not Digest",
        "Digest username=u, realm=r, nonce=n, uri=u, response=r, algorithm=MD5-sess"
                + " | Bad Authorization: unsupported algorithm",
        "Digest username=u, realm=r, nonce=n, uri=u, response=r, qop=auth-int, nc=00000001, cnonce=c"
                + " | Bad Authorization: unsupported qop",
        "Digest username=u, realm=r, nonce=n, uri=u, response=r, qop=auth, cnonce=c"
                + " | Bad Authorization: missing nc",
        "Digest username=u, realm=r, nonce=n, uri=u, response=r, qop=auth, nc=00000001"
                + " | Bad Authorization: missing cnonce",
        "Digest username=u, realm=r, nonce=n, uri=u, response=r, qop=auth, nc=1, cnonce=c"
                + " | Bad Authorization: nc must be 8 hex digits",
        "Digest username=u, username=v, realm=r | Bad Authorization: duplicate username",
        "Digest username=\"u, realm=r | Bad Authorization: unterminated quoted username",
        "Digest username u | Bad Authorization: username has no value",
        "Digest username=u realm=r | Bad Authorization: missing comma after username",
        "Digest =u | Bad Authorization: syntax error in parameters",
    })
    void rejectsMalformedHeadersWithAReasonPhrase(String header, String reason) {
        MalformedAuthorizationException e = assertThrows(MalformedAuthorizationException.class,
                () -> DigestCredentials.parse(header));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void rejectsAnEmptyHeader() {
        assertThrows(MalformedAuthorizationException.class, () -> DigestCredentials.parse("  "));
        assertThrows(MalformedAuthorizationException.class, () -> DigestCredentials.parse(null));
    }
}
