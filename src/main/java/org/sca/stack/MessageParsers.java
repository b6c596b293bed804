package org.sca.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.regex.Pattern;

/**
 * The stack's message parser ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}): JAIN SIP's
 * own, with two corrections.
 * <ul>
 * <li>A request whose request line names another SIP version than 2.0 is marked, so that
 * {@link BadRequests} can answer it 505. JAIN SIP 1.3.0-91 cannot tell: its request-line parser
 * creates the "Expecting SIP/2.0" exception without throwing it and records every version as
 * SIP/2.0 ({@code Parser.sipVersion}), so {@code SIP/7.0} was served like any request.</li>
 * <li>A parse error's message is made one clean line. The stack answers an unparsable request
 * itself, with the error's message in the reason phrase ({@code MessageChannel.createBadReqRes}:
 * "400 Bad Request (" + message + ")"), and those messages carry line feeds, whole header lines
 * and a char array's {@code toString} ({@code [C@...}): the reason phrase broke the status line.</li>
 * </ul>
 */
public final class MessageParsers implements MessageParserFactory {

    /** The mark: set as the parsed request's application data, which neither JAIN SIP nor Restcomm use. */
    public enum Mark {
        OTHER_SIP_VERSION
    }

    private static final byte[] VERSION = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    /** JAIN SIP's parser is stateless: one for the whole stack, as its own factory does. */
    private static final StringMsgParser PARSER = new StringMsgParser();
    /** A reason phrase is for people: a short line says enough. */
    private static final int MAX_REASON = 80;
    private static final Pattern NOT_TEXT = Pattern.compile("\\[C@\\p{XDigit}+|[^\\x20-\\x7E]+");
    private static final MessageParser CHECKING = (bytes, readBody, strict, listener) -> {
        SIPMessage message;
        try {
            message = PARSER.parseSIPMessage(bytes, readBody, strict, listener);
        } catch (ParseException e) {
            ParseException clean = new ParseException(oneLine(e.getMessage()), e.getErrorOffset());
            clean.initCause(e);
            throw clean;
        }
        if (message instanceof SIPRequest && !requestLineEndsWithVersion(bytes)) {
            message.setApplicationData(Mark.OTHER_SIP_VERSION);
        }
        return message;
    };

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return CHECKING;
    }

    /** {@code message} as one line of printable ASCII, at most {@link #MAX_REASON} characters. */
    static String oneLine(String message) {
        if (message == null) {
            return "unparsable";
        }
        String text = NOT_TEXT.matcher(message).replaceAll(" ").replaceAll(" {2,}", " ").strip();
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }

    /** Whether the first line (after any CRLF keep-alives) ends in SIP/2.0, any case, trailing blanks ignored. */
    static boolean requestLineEndsWithVersion(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        int end = start;
        while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
            end++;
        }
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
            end--;
        }
        if (end - start < VERSION.length) {
            return false;
        }
        for (int i = 0; i < VERSION.length; i++) {
            if (Character.toUpperCase(bytes[end - VERSION.length + i]) != VERSION[i]) {
                return false;
            }
        }
        return true;
    }
}
