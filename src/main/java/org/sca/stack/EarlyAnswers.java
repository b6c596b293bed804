package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;

/**
 * What the application answers itself at the stack, statelessly (RFC 3261 8.2.7), before any
 * transaction, container session or line lock exists for the request: the answers a flood asks
 * for by the thousand. The application installs one through {@link ApplicationGate}.
 */
public interface EarlyAnswers {

    /** @return whether the request was answered and goes no further */
    boolean answered(SIPRequest request, MessageChannel channel);
}
