package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
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
            // A retransmitted CANCEL has its own transaction: the stack answers it again. The
            // INVITE it names is one lookup away (javax.sip.SipStackImpl).
            case "CANCEL" -> stack.findTransaction(request, true) == null && stack.findCancelTransaction(request, true) == null
                    ? "No INVITE to cancel" : null;
            case "PRACK" -> "No reliable provisional response to acknowledge";
            default -> null;
        };
        if (reason == null) {
            return true;
        }
        return refuse(request, channel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, reason);
    }
}
