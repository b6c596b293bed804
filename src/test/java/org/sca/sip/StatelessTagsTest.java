package org.sca.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;

class StatelessTagsTest {

    private final StatelessTags tags = new StatelessTags();

    @Test
    void aRetransmissionGetsTheSameTagAndAnotherRequestAnother() throws ParseException {
        String tag = tags.of(invite("z9hG4bK-1", 1));
        assertEquals(tag, tags.of(invite("z9hG4bK-1", 1)));
        assertNotEquals(tag, tags.of(invite("z9hG4bK-2", 1)), "another branch");
        assertNotEquals(tag, tags.of(invite("z9hG4bK-1", 2)), "another CSeq");
        assertNotEquals(tag, new StatelessTags().of(invite("z9hG4bK-1", 1)), "after a restart");
    }

    @Test
    void theAckOfTheAnswerIsKnownAndNoOtherAck() throws ParseException {
        String tag = tags.of(invite("z9hG4bK-1", 1));
        assertTrue(tags.acknowledgesOwnAnswer(ack("z9hG4bK-1", 1, tag)));
        assertFalse(tags.acknowledgesOwnAnswer(ack("z9hG4bK-1", 1, "a5b6c7d8e9f00112")), "the container's tag");
        assertFalse(tags.acknowledgesOwnAnswer(ack("z9hG4bK-9", 1, tag)), "another transaction");
        assertFalse(tags.acknowledgesOwnAnswer(ack("z9hG4bK-1", 1, null)));
    }

    private static SIPRequest invite(String branch, long cseq) throws ParseException {
        return parse("INVITE", branch, cseq, "");
    }

    private static SIPRequest ack(String branch, long cseq, String toTag) throws ParseException {
        return parse("ACK", branch, cseq, toTag == null ? "" : ";tag=" + toTag);
    }

    private static SIPRequest parse(String method, String branch, long cseq, String toTag) throws ParseException {
        String text = method + " sip:call_line@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=" + branch + "\r\n"
                + "From: <sip:call_line@127.0.0.1>;tag=f1\r\n"
                + "To: <sip:call_line@127.0.0.1>" + toTag + "\r\n"
                + "Call-ID: c1@127.0.0.1\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }
}
