package org.sca.sip;

import javax.servlet.sip.SipErrorEvent;

/**
 * The container's report that the final answer to an INVITE the server received was never
 * ACKed. Without a listener, Restcomm sends BYE on the SipSession's current dialog
 * ({@code SipApplicationDispatcherImpl.checkForAckNotReceived}); a digest retry shares the
 * challenged INVITE's SipSession, so a 401 whose ACK was lost made it hang up the call the
 * retry had established, 32 s in (Timer H). Only an unacknowledged 2xx ends a call (RFC 3261
 * 13.3.1.4); an unacknowledged error answer only ends its own transaction (RFC 3261 17.2.1).
 */
final class AckTimeouts {

    private final CallEngine calls;

    AckTimeouts(CallEngine calls) {
        this.calls = calls;
    }

    void noAckReceived(SipErrorEvent event) {
        if (event.getResponse().getStatus() >= 300) {
            return;
        }
        LineSession line = LineSession.existing(event.getRequest().getApplicationSession());
        if (line != null) {
            calls.neverAcknowledged(event.getRequest(), line);
        }
    }
}
