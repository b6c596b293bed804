package org.sca.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VersionCheckingParsersTest {

    private static final String REST = "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aRequestLineIsJudgedByItsLastWord() {
        assertTrue(VersionCheckingParsers.requestLineEndsWithVersion(bytes("\r\nOPTIONS sip:b@h sip/2.0 \r\n")));
        assertFalse(VersionCheckingParsers.requestLineEndsWithVersion(bytes("OPTIONS sip:b@h SIP/7.0\r\n")));
        assertFalse(VersionCheckingParsers.requestLineEndsWithVersion(bytes("SIP/2")));
    }

    @Test
    void onlyAnotherVersionIsMarked() throws Exception {
        var parser = new VersionCheckingParsers().createMessageParser(null);
        assertNull(parser.parseSIPMessage(bytes("OPTIONS sip:b@h SIP/2.0\r\n" + REST), true, false, null).getApplicationData());
        assertEquals(VersionCheckingParsers.Mark.OTHER_SIP_VERSION,
                parser.parseSIPMessage(bytes("OPTIONS sip:b@h SIP/7.0\r\n" + REST), true, false, null).getApplicationData());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
