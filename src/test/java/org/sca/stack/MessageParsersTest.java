package org.sca.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class MessageParsersTest {

    private static final String REST = "Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-1\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:b@h>\r\n"
            + "Call-ID: c1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    @Test
    void aRequestLineIsJudgedByItsLastWord() {
        assertTrue(MessageParsers.requestLineEndsWithVersion(bytes("\r\nOPTIONS sip:b@h sip/2.0 \r\n")));
        assertFalse(MessageParsers.requestLineEndsWithVersion(bytes("OPTIONS sip:b@h SIP/7.0\r\n")));
        assertFalse(MessageParsers.requestLineEndsWithVersion(bytes("SIP/2")));
    }

    @Test
    void onlyAnotherVersionIsMarked() throws Exception {
        var parser = new MessageParsers().createMessageParser(null);
        assertNull(parser.parseSIPMessage(bytes("OPTIONS sip:b@h SIP/2.0\r\n" + REST), true, false, null).getApplicationData());
        assertEquals(MessageParsers.Mark.OTHER_SIP_VERSION,
                parser.parseSIPMessage(bytes("OPTIONS sip:b@h SIP/7.0\r\n" + REST), true, false, null).getApplicationData());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aParseErrorBecomesOneCleanLine() {
        assertEquals("Content-Length: -999 bad value at",
                MessageParsers.oneLine("Content-Length: -999\n bad value at [C@1b2c3d4e"));
        assertEquals(80, MessageParsers.oneLine("x".repeat(200)).length());
        assertEquals("unparsable", MessageParsers.oneLine(null));
    }

    @Test
    void theStackSeesTheCleanError() {
        var parser = new MessageParsers().createMessageParser(null);
        ParseException e = assertThrows(ParseException.class,
                () -> parser.parseSIPMessage(bytes("OPTIONS sip:b@h SIP/2.0\r\n" + REST.replace("Max-Forwards: 70", "Max-Forwards: 3000000000000")),
                        true, false, (ex, message, header, headerText, messageText) -> {
                            // as the UDP channel does for a header it cannot do without
                            throw ex;
                        }));
        assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7F), e.getMessage());
    }
}
