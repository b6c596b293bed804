package org.sca.stack;

import gov.nist.javax.sip.SIPConstants;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.util.Locale;
import javax.sip.SipStack;
import javax.sip.message.Response;

/**
 * Answers 481 (RFC 3261 9.2, RFC 3262 section 3) to the requests the container would
 * otherwise answer wrongly or not at all: a CANCEL that matches no INVITE, which Restcomm
 * answers 200 ({@code CancelRequestDispatcher} sends "200 Canceling" before it looks for the
 * INVITE), and a PRACK, which JAIN SIP drops inside a dialog when it matches no reliable
 * provisional response ({@code DialogFilter}: "Dropping out of sequence PRACK") and the server
 * never sends one (it refuses 100rel). A JAIN SIP message valve
 * ({@code gov.nist.javax.sip.SIP_MESSAGE_VALVE} in sip-stack.properties) sees each request
 * before any transaction or dialog exists for it; it lives in the container's lib, packaged
 * from this class apart from the application.
 */
public final class StrayRequests extends RequestValve {

    private SIPTransactionStack stack;

    @Override
    public void init(SipStack sipStack) {
        stack = (SIPTransactionStack) sipStack;
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        String reason = switch (request.getMethod()) {
            // A retransmitted CANCEL has its own transaction: the stack answers it again.
            case "CANCEL" -> stack.findTransaction(request, true) == null && !namesAnOpenTransaction(request)
                    ? "No INVITE to cancel" : null;
            case "PRACK" -> "No reliable provisional response to acknowledge";
            default -> null;
        };
        if (reason == null) {
            return true;
        }
        return refuse(request, channel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, reason);
    }

    /**
     * Whether the transaction a CANCEL names is there. An RFC 3261 branch is the key of the
     * INVITE's server transaction (the CANCEL's own is that branch + ":cancel"), so one lookup
     * finds it; JAIN SIP's {@code findCancelTransaction} scans every server transaction, which
     * lingers 32 s, so each CANCEL from a PBX cost more the busier the server. An RFC 2543 peer
     * still gets the scan.
     */
    private boolean namesAnOpenTransaction(SIPRequest cancel) {
        String branch = cancel.getTopmostVia().getBranch();
        if (branch != null && branch.regionMatches(true, 0, SIPConstants.BRANCH_MAGIC_COOKIE, 0,
                SIPConstants.BRANCH_MAGIC_COOKIE.length())) {
            return stack.findTransaction(branch.toLowerCase(Locale.ROOT), true) != null;
        }
        return stack.findCancelTransaction(cancel, true) != null;
    }
}
