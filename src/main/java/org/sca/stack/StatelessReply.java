package org.sca.stack;

import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;

/**
 * Sends an answer no transaction carries (a valve's refusal, a stateless challenge) where the
 * request came from. A UDP channel writes to the Via's port, not the packet's (the rport JAIN
 * SIP adds under {@code ALWAYS_ADD_RPORT} only guides transactions), so a phone behind NAT
 * without {@code rport} would never hear it; over TCP and TLS the channel is the connection
 * the request came on.
 */
public final class StatelessReply {

    private StatelessReply() {}

    public static void send(SIPResponse response, MessageChannel channel) throws IOException {
        boolean datagram = "UDP".equalsIgnoreCase(channel.getTransport());
        // The channel also writes by the Via's transport: a Via of another one (refused for it)
        // would make it open a TCP connection to the phone's UDP port.
        boolean viaSaysUdp = "UDP".equalsIgnoreCase(response.getTopmostVia().getTransport());
        if (!datagram || viaSaysUdp && channel.getPeerPort() == channel.getPeerPacketSourcePort()
                || channel.getPeerPacketSourceAddress() == null) {
            channel.sendMessage(response);
            return;
        }
        channel.getMessageProcessor()
                .createMessageChannel(channel.getPeerPacketSourceAddress(), channel.getPeerPacketSourcePort())
                .sendMessage(response);
    }
}
