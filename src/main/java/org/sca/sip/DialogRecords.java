package org.sca.sip;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ListIterator;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.sip.InvalidArgumentException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import org.mobicents.javax.servlet.sip.SipFactoryExt;
import org.mobicents.servlet.sip.core.message.MobicentsSipServletMessage;
import org.mobicents.servlet.sip.core.session.MobicentsSipSession;
import org.sca.core.Dialog;

/**
 * A dialog's identity as the core keeps it ({@link Dialog}), read off the container's
 * messages, and requests sent in a dialog the container no longer knows.
 *
 * <p>After a restart no SipSession holds the dialogs the last run had, and JSR 289 builds a
 * request only inside a session's dialog or as a new one with fresh tags. Restcomm's
 * {@code SipFactoryExt.createRequestWithCallID} keeps the Call-ID; the tags, CSeq and Request-URI
 * are then set on the JAIN SIP request underneath ({@code MobicentsSipServletMessage.getMessage}),
 * which the container sends as it is. The response comes back on the client transaction
 * that request opened, to the servlet like any other.
 */
final class DialogRecords {

    /**
     * A restored dialog's next CSeq is this far past the stored one: writes reach the store a
     * few milliseconds after the request they record, so a crash may lose the last few. RFC
     * 3261 12.2.2 only asks that a CSeq grow.
     */
    static final long RESTORED_CSEQ_GAP = 100;

    private DialogRecords() {}

    /** The dialog a request received and its 2xx (already created, so its To tag is set) make: the server is the UAS. */
    static Dialog asServer(SipServletRequest request, SipServletResponse ok) {
        return new Dialog(request.getCallId(), request.getTo().getURI().toString(), ok.getTo().getParameter("tag"),
                request.getFrom().getURI().toString(), request.getFrom().getParameter("tag"), targetOf(request),
                routes(request, false), 0);
    }

    /** The dialog a 2xx to the server's own request makes: the server is the UAC. */
    static Dialog asClient(SipServletResponse ok) {
        SipServletRequest request = ok.getRequest();
        return new Dialog(ok.getCallId(), request.getFrom().getURI().toString(), request.getFrom().getParameter("tag"),
                request.getTo().getURI().toString(), ok.getTo().getParameter("tag"), targetOf(ok), routes(ok, true),
                Headers.cseq(request));
    }

    /** The far end's Contact URI, the dialog's remote target. */
    static String targetOf(SipServletMessage message) {
        try {
            Address contact = message.getAddressHeader("Contact");
            return contact == null ? message.getFrom().getURI().toString() : contact.getURI().toString();
        } catch (ServletParseException e) {
            return message.getFrom().getURI().toString();
        }
    }

    /**
     * A request in {@code dialog}, numbered {@code cseq}, on {@code appSession}; the caller
     * sets its headers and sends it.
     */
    static SipServletRequest request(SipFactory factory, SipApplicationSession appSession, Dialog dialog, String method,
            long cseq) throws ServletException {
        try {
            SipServletRequest r = ((SipFactoryExt) factory).createRequestWithCallID(appSession, method,
                    factory.createAddress(dialog.localUri()), factory.createAddress(dialog.remoteUri()), dialog.callId());
            r.setRequestURI(factory.createURI(dialog.remoteTarget()));
            // pushRoute puts each on top: the last of the set first, so the first ends on top.
            List<String> routes = dialog.routeSet();
            for (int i = routes.size() - 1; i >= 0; i--) {
                r.pushRoute(factory.createAddress(routes.get(i)));
            }
            Request raw = (Request) ((MobicentsSipServletMessage) r).getMessage();
            ((FromHeader) raw.getHeader(FromHeader.NAME)).setTag(dialog.localTag());
            ((ToHeader) raw.getHeader(ToHeader.NAME)).setTag(dialog.remoteTag());
            ((CSeqHeader) raw.getHeader(CSeqHeader.NAME)).setSeqNumber(cseq);
            return r;
        } catch (ServletParseException | ParseException | InvalidArgumentException | ClassCastException e) {
            throw new ServletException("cannot send " + method + " in restored dialog " + dialog.callId() + ": " + e, e);
        }
    }

    /**
     * The SIP stack forgets the dialog of {@code session}: the dialog's next requests then
     * reach the application as new ones. Restcomm routes a request in a stack dialog by the
     * application and session hashes in its To tag, and a tag from an earlier run finds no
     * session there: it answers 481, or forwards the request statelessly to its Request-URI
     * when that names another host ({@code SubsequentRequestDispatcher}).
     */
    static void forget(SipSession session) {
        if (session instanceof MobicentsSipSession s && s.getSessionCreatingDialog() != null) {
            s.getSessionCreatingDialog().delete();
        }
    }

    /** Record-Route as the route set: in order for the UAS, reversed for the UAC (RFC 3261 12.1). */
    private static List<String> routes(SipServletMessage message, boolean reverse) {
        List<String> routes = new ArrayList<>();
        try {
            ListIterator<Address> it = message.getAddressHeaders("Record-Route");
            while (it.hasNext()) {
                routes.add(it.next().toString());
            }
        } catch (ServletParseException e) {
            return List.of();
        }
        if (reverse) {
            Collections.reverse(routes);
        }
        return routes;
    }
}
