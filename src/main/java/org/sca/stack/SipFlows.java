package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import javax.sip.SipStack;

/**
 * A message valve, first in the list, that makes the TCP or TLS connection a request came in
 * on a flow (RFC 5626): it carried a SIP message, and may now be silent as long as a phone's
 * registration lasts ({@link ConnectionLimits#idleFlow()}) instead of the short limit of a
 * connection that has carried none. Any request the stack parsed counts, answered or refused.
 * Nothing is done when the stack runs another network layer than {@link ScaNetworkLayer}.
 */
public final class SipFlows extends RequestValve {

    private ScaNetworkLayer layer;

    @Override
    public void init(SipStack sipStack) {
        if (((SIPTransactionStack) sipStack).getNetworkLayer() instanceof ScaNetworkLayer ours) {
            layer = ours;
        }
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        if (layer != null && channel.isReliable()) {
            layer.carriedSip(new SourceConnections.Peer(channel.getPeerAddress(), channel.getPeerPort(), channel.getPort()));
        }
        return true;
    }
}
