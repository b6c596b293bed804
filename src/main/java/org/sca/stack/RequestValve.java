package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPMessageValve;
import java.io.IOException;
import java.util.logging.Logger;
import javax.sip.SipStack;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A message valve that looks at requests only, and its one way of refusing one: a stateless
 * answer on the channel the request came in on (no transaction exists yet), with one log line,
 * as every refusal of the server.
 */
abstract class RequestValve implements SIPMessageValve {

    private static final Logger LOG = Logger.getLogger(RequestValve.class.getName());

    @Override
    public void init(SipStack sipStack) {
        // nothing held
    }

    /** @return false: the request was answered and goes no further */
    static boolean refuse(SIPRequest request, MessageChannel channel, int status, String reason) {
        // RFC 3261 17.1.1.3: an ACK gets no answer; one for a refusal (the phone ACKing the 400 to
        // its INVITE) was answered 400 in turn.
        boolean ack = Request.ACK.equals(request.getMethod());
        LOG.info(() -> request.getMethod() + " " + request.getRequestURI() + " from " + channel.getPeerAddress() + ":"
                + channel.getPeerPort() + (ack ? " dropped: " : " refused: ") + status + " " + reason);
        if (ack) {
            return false;
        }
        try {
            StatelessReply.send(request.createResponse(status, reason), channel);
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
