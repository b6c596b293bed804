package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalInt;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.core.AppearanceEvent;

/**
 * What a request the server sends on a call leg is for, so that its response can be handled
 * without guessing: the one attribute ({@link #ATTRIBUTE}) the server puts on a request. BYE
 * and CANCEL carry none: their answers change nothing.
 */
sealed interface Pending {

    /** Request attribute holding the {@link Pending} of a request the server sent. */
    String ATTRIBUTE = "sca.pending";

    /**
     * An INVITE that rings a leg for a new call: its first 2xx may win the call.
     *
     * @param trunk for a phone's call, which of the line's trunks it went to; empty for a phone's branch
     */
    record Branch(OptionalInt trunk) implements Pending {}

    /**
     * A request relayed from the other leg of an established call.
     *
     * @param original  the request it relays, answered with its response
     * @param onSuccess what the appearance goes through once it succeeds (a phone's re-INVITE)
     */
    record Relay(SipServletRequest original, Optional<AppearanceEvent> onSuccess) implements Pending {

        /**
         * Whether the 2xx to this relayed INVITE waits for the original side's ACK: the
         * re-INVITE came without an offer and the 2xx carries one, so the answer comes in that
         * ACK (RFC 3261 14.1).
         */
        boolean awaitsAnswerInAck(SipServletResponse ok) {
            return original.getMethod().equals("INVITE") && original.getContentLength() <= 0 && ok.getContentLength() > 0;
        }
    }

    /** The re-INVITE that bridges the PBX to a phone picking up a held call. */
    record Bridge(SipServletRequest retriever) implements Pending {}

    /** An OPTIONS asking a call's leg whether its far end still knows the dialog. */
    record Probe() implements Pending {}

    static void send(SipServletRequest request, Pending pending) throws IOException {
        request.setAttribute(ATTRIBUTE, pending);
        LargeRequests.send(request);
    }

    /** What the request was sent for; empty for a BYE or CANCEL, or a request the server did not send. */
    static Optional<Pending> of(SipServletRequest sent) {
        return sent.getAttribute(ATTRIBUTE) instanceof Pending p ? Optional.of(p) : Optional.empty();
    }
}
