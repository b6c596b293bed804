package org.sca.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletMessage;
import org.sca.core.call.Call;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

/** SDP bodies of call messages: read from what arrives, written under the origin of the leg they go to. */
final class SdpBodies {

    private static final Logger LOG = Logger.getLogger(SdpBodies.class.getName());
    private static final String TYPE = "application/sdp";

    private SdpBodies() {}

    /** The message's SDP, or null when it carries none. */
    static SessionDescription of(SipServletMessage message) throws MalformedSdpException, IOException {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0 || message.getContentType() == null
                || !message.getContentType().toLowerCase(Locale.ROOT).startsWith(TYPE)) {
            return null;
        }
        return SessionDescription.parse(new String(raw, StandardCharsets.UTF_8));
    }

    /**
     * The SDP of a message that goes on without it when it is garbled (an 18x, an ACK: neither
     * can be refused), or null; {@code what} names it in the one log line.
     */
    static SessionDescription ofOrNone(SipServletMessage message, String what) throws IOException {
        try {
            return of(message);
        } catch (MalformedSdpException e) {
            LOG.info(() -> what + ": " + e.getMessage() + "; relayed without it");
            return null;
        }
    }

    /** Puts {@code sdp} on {@code message}, which goes out on {@code leg} of {@code call}. */
    static void put(SipServletMessage message, Call call, String leg, SessionDescription sdp) throws IOException {
        message.setContent(call.toLeg(leg, sdp).format().getBytes(StandardCharsets.UTF_8), TYPE);
    }
}
