package org.sca.stack;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Makes a peer behind NAT reachable in its dialogs: the Contact of a request or response that
 * came straight from its user agent is set to the address and port it came from, so the
 * dialog's remote target (NOTIFYs, BYEs, re-INVITEs, ACKs) is where its NAT lets packets in,
 * and over TCP or TLS it is the connection the peer opened (JAIN SIP keeps an accepted
 * connection under its remote address and port, and writes there). This is what Kamailio's
 * {@code fix_nated_contact()} does. A REGISTER keeps its Contact (phones look for their own in
 * the 200); the registrar keeps its source as the binding's flow instead.
 *
 * <p>Only a message that crossed no proxy is touched: a request with one Via and no
 * Record-Route, a 1xx/2xx without Record-Route. A 3xx's Contacts are redirect targets, not
 * the sender. A JAIN SIP message valve runs before the stack makes a transaction or dialog of
 * the message (see {@link StrayRequests}).
 */
public final class NatContacts implements gov.nist.javax.sip.stack.SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(NatContacts.class.getName());
    private static final int SIP_PORT = 5060;
    private static final int SIPS_PORT = 5061;

    @Override
    public void init(SipStack sipStack) {
        // nothing to set up
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (!"REGISTER".equals(request.getMethod()) && request.getViaHeaders() != null && request.getViaHeaders().size() == 1) {
            reachThroughSource(request, channel);
        }
        return true;
    }

    @Override
    public boolean processResponse(Response response, MessageChannel channel) {
        if (response.getStatusCode() < 300 && response instanceof SIPResponse sip) {
            reachThroughSource(sip, channel);
        }
        return true;
    }

    @Override
    public void destroy() {
        // nothing held
    }

    private static void reachThroughSource(SIPMessage message, MessageChannel channel) {
        if (message.getRecordRouteHeaders() != null && !message.getRecordRouteHeaders().isEmpty()
                || message.getContactHeaders() == null || message.getContactHeaders().size() != 1) {
            return;
        }
        Contact contact = message.getContactHeader();
        if (contact.isWildCard() || !(contact.getAddress().getURI() instanceof SipUri uri)) {
            return;
        }
        InetAddress source = channel.getPeerPacketSourceAddress();
        int sourcePort = channel.getPeerPacketSourcePort();
        if (source == null || sourcePort <= 0 || reaches(uri, source, sourcePort)) {
            return;
        }
        String advertised = uri.getHost() + ":" + uri.getPort();
        try {
            uri.setHost(source.getHostAddress());
            uri.setPort(sourcePort);
            // The transport named too when it is UDP: a NAT lets in only what its mapping was
            // made by, so a request to this flow must not go by TCP (RFC 3261 18.1.1 for a large
            // one, org.sca.sip.LargeRequests), which a NAT drops or times out.
            String transport = channel.getTransport();
            if (!uri.isSecure() && transport != null) {
                uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
            }
        } catch (ParseException e) {
            LOG.fine(() -> "Contact " + advertised + " kept: " + e.getMessage());
            return;
        }
        LOG.fine(() -> "Contact " + advertised + " reached through " + source.getHostAddress() + ":" + sourcePort);
    }

    /** Whether the URI already names the address and port the message came from. */
    private static boolean reaches(SipUri uri, InetAddress source, int sourcePort) {
        int port = uri.getPort() > 0 ? uri.getPort() : uri.isSecure() ? SIPS_PORT : SIP_PORT;
        if (port != sourcePort) {
            return false;
        }
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equalsIgnoreCase(source.getHostAddress())
                || source.getHostAddress().contains(":") && bare.contains(":") && sameV6(bare, source);
    }

    private static boolean sameV6(String literal, InetAddress source) {
        try {
            return InetAddress.getByName(literal).equals(source);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
