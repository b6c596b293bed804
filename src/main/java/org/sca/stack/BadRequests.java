package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sip.address.Address;
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
 * point for it and answers 500 after a NullPointerException, as the fuzz run showed), a From or To
 * whose URI scheme is not RFC 3261's {@code ALPHA *(ALPHA / DIGIT / "+" / "-" / ".")} (400; JAIN
 * SIP keeps {@code s!p:} as a generic URI, and Restcomm's {@code AddressImpl.getURI} parses it
 * again, fails with "Bad input arg" and answers 500 after two stack traces), and a CSeq whose
 * method is not the request line's, compared as JAIN SIP's {@code SIPRequest.checkHeaders} does,
 * case and all (400; the parser lets {@code REGISTEr} with {@code CSeq: 1 REGISTER} through, the
 * server transaction then cannot be made and Restcomm answers 500 after a stack trace; the second
 * fuzz run's causes). One log line each, as every refusal.
 */
public final class BadRequests extends RequestValve {

    private static final Set<String> SCHEMES = Set.of("sip", "sips");
    /** The requests JAIN SIP needs a Contact in: they make a dialog or refresh its target. */
    private static final Set<String> TARGET_REFRESHING = Set.of("INVITE", "SUBSCRIBE", "REFER");
    /** What the connectors in server.xml listen on. */
    private static final Set<String> TRANSPORTS = Set.of("UDP", "TCP", "TLS");
    /** RFC 3261 25.1, scheme. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

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
        if (request.getFrom() != null && !schemeIsValid(request.getFrom().getAddress())) {
            return refuse(request, channel, Response.BAD_REQUEST, "Bad From header");
        }
        if (request.getTo() != null && !schemeIsValid(request.getTo().getAddress())) {
            return refuse(request, channel, Response.BAD_REQUEST, "Bad To header");
        }
        if (request.getCSeq() != null && !request.getMethod().equals(request.getCSeq().getMethod())) {
            return refuse(request, channel, Response.BAD_REQUEST, "CSeq method does not match the request");
        }
        return true;
    }

    private static boolean schemeIsValid(Address address) {
        return address == null || address.getURI() == null || SCHEME.matcher(address.getURI().getScheme()).matches();
    }
}
