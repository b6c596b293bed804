package org.sca.sip;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;

/**
 * The ACKs the server sends for 2xx answers to its INVITEs. Most go at once; an offerless
 * re-INVITE's (RFC 3261 14.1: the offer in the 2xx, the answer in the ACK) waits for the ACK
 * of the side that sent the re-INVITE, which carries the answer: those 2xx wait here, by the
 * leg the re-INVITE came from.
 */
final class Acks {

    private static final Logger LOG = Logger.getLogger(Acks.class.getName());

    /**
     * @param original the re-INVITE as it came (its Call-Info says what a phone's hold is)
     * @param peerOk   the other side's 2xx, to ACK with the answer
     */
    record Awaited(SipServletRequest original, SipServletResponse peerOk) {}

    private final Map<String, Awaited> byLeg = new HashMap<>();

    void await(SipServletRequest original, SipServletResponse peerOk) {
        byLeg.put(original.getSession().getId(), new Awaited(original, peerOk));
    }

    /** The 2xx waiting for the ACK that just arrived on {@code leg}, which waits no longer. */
    Optional<Awaited> take(String leg) {
        return Optional.ofNullable(byLeg.remove(leg));
    }

    /**
     * The ACK for a 2xx to an INVITE the server sent. JAIN SIP 1.3.0-91's
     * {@code SIPDialog.createAck} null-checks the dialog's {@code originalRequest} and then
     * reads it again, while the dialog's 2xx retransmission timer may set it to null on its own
     * thread ({@code DialogTimerTask.cleanUpBeforeCancel -> cleanUpOnAck}, up to T2 after the
     * dialog's first ACK): the 200 to a hold re-INVITE sent soon after the answer then fails
     * with a NullPointerException (once in 48,000 soak calls) and the hold never completes. A
     * second attempt finds the field null and takes the path that does not read it; nothing
     * of the dialog changed in the first.
     */
    static SipServletRequest create(SipServletResponse ok) {
        try {
            return ok.createAck();
        } catch (RuntimeException raced) {
            LOG.info(() -> "ACK for " + ok.getCallId() + " created again after JAIN SIP's cleanup race: " + raced);
            return ok.createAck();
        }
    }
}
