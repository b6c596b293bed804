package org.sca.stack;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.nio.charset.StandardCharsets;

/**
 * The stack's message parser ({@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}), which marks a
 * request whose request line names another SIP version than 2.0, so that {@link BadRequests}
 * can answer it 505. JAIN SIP 1.3.0-91 cannot tell: its request-line parser creates the
 * "Expecting SIP/2.0" exception without throwing it and records every version as SIP/2.0
 * ({@code Parser.sipVersion}), so {@code SIP/7.0} was served like any request.
 */
public final class VersionCheckingParsers implements MessageParserFactory {

    /** The mark: set as the parsed request's application data, which neither JAIN SIP nor Restcomm use. */
    public enum Mark {
        OTHER_SIP_VERSION
    }

    private static final byte[] VERSION = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    /** JAIN SIP's parser is stateless: one for the whole stack, as its own factory does. */
    private static final StringMsgParser PARSER = new StringMsgParser();
    private static final MessageParser CHECKING = (bytes, readBody, strict, listener) -> {
        var message = PARSER.parseSIPMessage(bytes, readBody, strict, listener);
        if (message instanceof gov.nist.javax.sip.message.SIPRequest && !requestLineEndsWithVersion(bytes)) {
            message.setApplicationData(Mark.OTHER_SIP_VERSION);
        }
        return message;
    };

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        return CHECKING;
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
