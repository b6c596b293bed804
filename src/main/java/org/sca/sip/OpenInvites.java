package org.sca.sip;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.call.Call;
import org.sca.core.call.Phase;

/**
 * The INVITE transactions of a line's calls that are still ringing, by leg (SipSession ID):
 * the INVITE each call's one final answer goes to, those the server sent and may still
 * CANCEL, and a retrieving phone's INVITE while the PBX is re-INVITEd for it. The core's {@link Call} says which leg is which; the container's request objects,
 * which the core does not see, wait here until the call is answered or fails.
 */
final class OpenInvites {

    private final Map<String, SipServletRequest> byLeg = new HashMap<>();

    void add(SipServletRequest invite) {
        byLeg.put(invite.getSession().getId(), invite);
    }

    /** The open INVITE of {@code leg}, which stays open. */
    Optional<SipServletRequest> peek(String leg) {
        return Optional.ofNullable(byLeg.get(leg));
    }

    /** The open INVITE of {@code leg}, which is open no longer. */
    Optional<SipServletRequest> take(String leg) {
        return Optional.ofNullable(byLeg.remove(leg));
    }

    /** The call ended: none of its INVITEs will be answered or CANCELled any more. */
    void forget(Call call) {
        byLeg.remove(call.inboundLeg());
        if (call.phase() instanceof Phase.Ringing r) {
            r.branches().forEach(byLeg::remove);
        }
    }
}
