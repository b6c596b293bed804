package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.header.ContactHeader;
import javax.sip.message.Response;

/**
 * Answers the malformed requests that JAIN SIP and Restcomm would otherwise answer wrongly,
 * before any transaction exists: a SIP version other than 2.0 (505, RFC 3261 21.5.6; marked by
 * {@link VersionCheckingParsers}, JAIN SIP records every version as 2.0), a Request-URI
 * of a scheme other than sip or sips (416, RFC 3261 8.2.2.1; it was served), and a request
 * that makes or refreshes a dialog without Contact (400, RFC 3261 8.1.1.8; JAIN SIP refuses to
 * make its server transaction, "Missing a required header : Contact", and Restcomm answered
 * 500 after an ERROR with a stack trace). One log line each, as every refusal.
 */
public final class BadRequests implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(BadRequests.class.getName());
    private static final Set<String> SCHEMES = Set.of("sip", "sips");
    /** The requests JAIN SIP needs a Contact in: they make a dialog or refresh its target. */
    private static final Set<String> TARGET_REFRESHING = Set.of("INVITE", "SUBSCRIBE", "REFER");

    @Override
    public void init(SipStack sipStack) {
        // nothing held
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        int status;
        String reason;
        if (request.getApplicationData() == VersionCheckingParsers.Mark.OTHER_SIP_VERSION) {
            status = Response.VERSION_NOT_SUPPORTED;
            reason = "Version Not Supported";
        } else if (!SCHEMES.contains(request.getRequestURI().getScheme().toLowerCase(Locale.ROOT))) {
            status = Response.UNSUPPORTED_URI_SCHEME;
            reason = "Unsupported URI Scheme";
        } else if (TARGET_REFRESHING.contains(request.getMethod()) && request.getHeader(ContactHeader.NAME) == null) {
            status = Response.BAD_REQUEST;
            reason = "Missing Contact header";
        } else {
            return true;
        }
        LOG.info(() -> request.getMethod() + " " + request.getRequestURI() + " from " + channel.getPeerAddress() + ":"
                + channel.getPeerPort() + " refused: " + status + " " + reason);
        try {
            channel.sendMessage(request.createResponse(status, reason));
        } catch (IOException e) {
            LOG.info(() -> status + " to " + request.getMethod() + " not sent: " + e);
        }
        return false;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
