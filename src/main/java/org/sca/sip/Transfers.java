package org.sca.sip;

import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipSession;
import javax.sip.Dialog;
import org.mobicents.servlet.sip.core.session.MobicentsSipSession;
import org.sca.core.call.Call;
import org.sca.core.call.Transfer;

/**
 * A phone transfers its call (RFC 3515 REFER; RFC 3891 Replaces for an attended transfer):
 * the PBX, which can reach the target, is REFERred in its own dialog with a Refer-To that
 * names it and, for an attended transfer, its own dialog of the other call. Its answer and its
 * sipfrag NOTIFYs go back to the phone through {@link Relay}; the PBX then hangs up the legs
 * it no longer needs and the appearances go idle through {@link Teardown}.
 */
final class Transfers {

    private static final String REFER_EVENT = "refer";

    void refer(SipServletRequest refer, LineSession line, Call call) throws IOException {
        String leg = refer.getSession().getId();
        if (call.isTrunkLeg(leg)) {
            Rejection.send(refer, 403, "Only a phone of the line transfers");
            return;
        }
        String referTo = refer.getHeader("Refer-To");
        if (referTo == null) {
            Rejection.send(refer, 400, "Missing Refer-To header");
            return;
        }
        Transfer transfer;
        try {
            transfer = Transfer.parse(referTo);
        } catch (IllegalArgumentException e) {
            Rejection.send(refer, 400, e.getMessage());
            return;
        }
        SipApplicationSession app = refer.getApplicationSession();
        Optional<Transfer.Replaces> pbxDialog = Optional.empty();
        if (transfer instanceof Transfer.Attended attended) {
            pbxDialog = pbxDialogOf(attended.replaces().callId(), line, app, call);
            if (pbxDialog.isEmpty()) {
                Rejection.send(refer, 403, "Replaces names no other call of the line");
                return;
            }
        }
        SipServletRequest out = app.getSipSession(call.legs().orElseThrow().trunk()).createRequest("REFER");
        out.setHeader("Refer-To", Transfer.referToFor(line.config().trunks().get(0).sipUri(transfer.user()), pbxDialog));
        out.setHeader("Referred-By", "<" + line.config().aor() + ">");
        call.referred(Headers.cseq(refer));
        Pending.send(out, new Pending.Relay(refer, Optional.empty()));
    }

    /**
     * A NOTIFY relayed in a call: its subscription headers go with it; the PBX's reports on a
     * REFER reach the phone under the id of the phone's own REFER (RFC 3515 2.4.6).
     */
    void notified(SipServletRequest notify, SipServletRequest out, Call call) {
        String event = notify.getHeader("Event");
        if (event != null) {
            boolean refer = Headers.eventPackage(notify).filter(REFER_EVENT::equalsIgnoreCase).isPresent();
            out.setHeader("Event", refer && call.referCseq().isPresent() ? REFER_EVENT + ";id=" + call.referCseq().getAsLong() : event);
        }
        String state = notify.getHeader("Subscription-State");
        if (state != null) {
            out.setHeader("Subscription-State", state);
        }
    }

    /**
     * The PBX's dialog of the line's call whose phone leg has Call-ID {@code phoneCallId}, as
     * a Replaces names it for the PBX: the PBX's tag is the to-tag (it receives the INVITE
     * with Replaces), the server's the from-tag.
     */
    private static Optional<Transfer.Replaces> pbxDialogOf(String phoneCallId, LineSession line, SipApplicationSession app,
            Call transferred) {
        for (Iterator<?> it = app.getSessions("SIP"); it.hasNext(); ) {
            SipSession s = (SipSession) it.next();
            if (!s.getCallId().equals(phoneCallId)) {
                continue;
            }
            Optional<Call> other = line.line().callOn(s.getId()).filter(c -> c != transferred && c.legs().isPresent());
            if (other.isPresent()) {
                // Restcomm leaves the PBX's tag off getRemoteParty() of a session the server
                // started (it keeps the To of its INVITE); the JAIN SIP dialog has both tags.
                Dialog pbx = ((MobicentsSipSession) app.getSipSession(other.get().legs().get().trunk())).getSessionCreatingDialog();
                return Optional.of(new Transfer.Replaces(pbx.getCallId().getCallId(), pbx.getRemoteTag(), pbx.getLocalTag()));
            }
        }
        return Optional.empty();
    }
}
