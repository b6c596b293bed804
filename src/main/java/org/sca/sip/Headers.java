package org.sca.sip;

import gov.nist.javax.sip.message.SIPMessage;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ListIterator;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import javax.sip.PeerUnavailableException;
import javax.sip.SipException;
import javax.sip.SipFactory;
import javax.sip.header.HeaderFactory;
import org.mobicents.servlet.sip.core.message.MobicentsSipServletMessage;
import org.sca.core.CallInfoCodec;
import org.sca.core.Capabilities;
import org.sca.core.CallInfoEntry;
import org.sca.core.Expiry;
import org.sca.core.MalformedCallInfoException;

/** Reading and writing the headers SCA looks into, where the JSR 289 API alone does not do. */
final class Headers {

    private static final HeaderFactory HEADERS = headerFactory();

    private Headers() {}

    /**
     * @return the Expires header's seconds, empty when absent
     * @throws IllegalArgumentException with a reason phrase when it is not a number
     */
    static OptionalLong expires(SipServletRequest request) {
        String value = request.getHeader("Expires");
        return value == null ? OptionalLong.empty() : OptionalLong.of(Expiry.parseSeconds(value));
    }

    /**
     * The name of a header the container's parser could not read. JAIN SIP does not refuse such
     * a request: it drops the header from view (a garbled Expires looks absent), so the
     * application asks for the dropped lines to answer 400 instead of guessing.
     */
    static Optional<String> unparsable(SipServletRequest request) {
        ListIterator<String> dropped = ((SIPMessage) ((MobicentsSipServletMessage) request).getMessage()).getUnrecognizedHeaders();
        if (dropped == null || !dropped.hasNext()) {
            return Optional.empty();
        }
        String line = dropped.next();
        int colon = line.indexOf(':');
        return Optional.of(colon > 0 ? line.substring(0, colon).trim() : line.trim());
    }

    /**
     * Adds a header after any others of its name. Restcomm's addHeader keeps a single
     * WWW-Authenticate, but RFC 8760 offers one challenge per algorithm (MD5 first, then
     * SHA-256): those go onto the JAIN SIP message underneath.
     */
    static void add(SipServletMessage message, String name, String value) {
        if (!name.equalsIgnoreCase("WWW-Authenticate")) {
            message.addHeader(name, value);
            return;
        }
        try {
            ((MobicentsSipServletMessage) message).getMessage().addLast(HEADERS.createHeader(name, value));
        } catch (ParseException | SipException e) {
            throw new IllegalArgumentException("cannot add " + name + ": " + value, e);
        }
    }

    private static HeaderFactory headerFactory() {
        try {
            return SipFactory.getInstance().createHeaderFactory();
        } catch (PeerUnavailableException e) {
            throw new IllegalStateException("no JAIN SIP header factory in the container", e);
        }
    }

    /** The appearance a request names in Call-Info, if any. */
    static OptionalInt appearanceIndex(SipServletMessage message) throws MalformedCallInfoException {
        for (CallInfoEntry e : CallInfoCodec.parse(all(message, "Call-Info"))) {
            if (e.index().isPresent()) {
                return e.index();
            }
        }
        return OptionalInt.empty();
    }

    /** A phone's identity for private hold: the user, host and port of its Contact. */
    static String phoneOf(SipServletMessage message) {
        try {
            Address contact = message.getAddressHeader("Contact");
            if (contact != null && contact.getURI() instanceof SipURI sip) {
                return sip.getUser() + "@" + sip.getHost() + ":" + sip.getPort();
            }
        } catch (ServletParseException e) {
            // no usable Contact: the phone cannot be recognised as owner
        }
        return "";
    }

    /** The user part of a SIP address, null when it has none. */
    static String userOf(Address address) {
        return address.getURI() instanceof SipURI sip ? sip.getUser() : null;
    }

    /** Whether the sender of a dialog's INVITE or its 2xx lists {@code method} in Allow. */
    static boolean allows(SipServletMessage message, String method) {
        return Capabilities.lists(all(message, "Allow"), method);
    }

    /** The event package an Event header names, in lower case; empty without one. */
    static Optional<String> eventPackage(SipServletMessage message) {
        String event = message.getHeader("Event");
        return event == null || event.isBlank() ? Optional.empty()
                : Optional.of(event.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    /** The sequence number of a message's CSeq. */
    static long cseq(SipServletMessage message) {
        return Long.parseLong(message.getHeader("CSeq").trim().split("\\s+")[0]);
    }

    /** Every value of a header, in order. */
    static List<String> all(SipServletMessage message, String name) {
        List<String> values = new ArrayList<>();
        ListIterator<String> it = message.getHeaders(name);
        while (it.hasNext()) {
            values.add(it.next());
        }
        return values;
    }
}
