package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.ContactHeader;
import javax.sip.message.Response;

/**
 * Answers the malformed requests that JAIN SIP and Restcomm would otherwise answer wrongly,
 * before any transaction exists: a SIP version other than 2.0 (505, RFC 3261 21.5.6; marked by
 * {@link MessageParsers}, JAIN SIP records every version as 2.0), a Request-URI
 * of a scheme other than sip or sips (416, RFC 3261 8.2.2.1; it was served), and a request
 * that makes or refreshes a dialog without Contact (400, RFC 3261 8.1.1.8; JAIN SIP refuses to
 * make its server transaction, "Missing a required header : Contact", and Restcomm answered
 * 500 after an ERROR with a stack trace), and a Via naming a transport the server has no
 * listener for (400; Restcomm's {@code JainSipUtils.createContactHeader} finds no listening
 * point for it and answers 500 after a NullPointerException, as the fuzz run showed). One log
 * line each, as every refusal.
 */
public final class BadRequests extends RequestValve {

    private static final Set<String> SCHEMES = Set.of("sip", "sips");
    /** The requests JAIN SIP needs a Contact in: they make a dialog or refresh its target. */
    private static final Set<String> TARGET_REFRESHING = Set.of("INVITE", "SUBSCRIBE", "REFER");
    /** What the connectors in server.xml listen on. */
    private static final Set<String> TRANSPORTS = Set.of("UDP", "TCP", "TLS");

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (request.getApplicationData() == MessageParsers.Mark.OTHER_SIP_VERSION) {
            return refuse(request, channel, Response.VERSION_NOT_SUPPORTED, "Version Not Supported");
        }
        if (!SCHEMES.contains(request.getRequestURI().getScheme().toLowerCase(Locale.ROOT))) {
            return refuse(request, channel, Response.UNSUPPORTED_URI_SCHEME, "Unsupported URI Scheme");
        }
        if (!TRANSPORTS.contains(request.getTopmostVia().getTransport().toUpperCase(Locale.ROOT))) {
            return refuse(request, channel, Response.BAD_REQUEST, "Unsupported transport in Via");
        }
        if (TARGET_REFRESHING.contains(request.getMethod()) && request.getHeader(ContactHeader.NAME) == null) {
            return refuse(request, channel, Response.BAD_REQUEST, "Missing Contact header");
        }
        return true;
    }
}
