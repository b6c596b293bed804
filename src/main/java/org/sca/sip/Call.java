package org.sca.sip;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.sdp.SdpOriginRewriter;
import org.sca.core.sdp.SessionDescription;

/**
 * One call on one appearance, bridged by the server: the PBX's leg and the phone leg(s). Each
 * leg is a SipSession of the line's application session, tagged with the appearance index
 * ({@link #INDEX}) so any message on it finds its call. Mutable, like {@link LineSession}: the
 * container runs one line's messages one at a time.
 */
final class Call {

    /** SipSession attribute: the appearance index of the call the leg belongs to. */
    static final String INDEX = "sca.call.index";

    final int index;
    /** The caller as phones show it (appearance-uri). */
    final String remoteParty;
    /** The PBX's leg and its INVITE, answered once a phone answers. */
    final String trunkLeg;
    final SipServletRequest trunkInvite;
    /** Phone legs still ringing: SipSession ID -> the INVITE sent to it. */
    final Map<String, SipServletRequest> ringing = new LinkedHashMap<>();
    /** The phone leg that has the call, and the phone's contact URI (who may resume a private hold). */
    String phoneLeg;
    String owner;
    /** One SDP origin per leg (sca-behaviour.md, "SDP version coherence"). */
    SdpOriginRewriter trunkOrigin;
    SdpOriginRewriter phoneOrigin;
    /** The PBX's last SDP, what a phone that retrieves the call is answered with. */
    SessionDescription trunkSdp;
    /** A retrieve is under way: a second one for the same call is refused. */
    boolean retrieving;

    Call(int index, String remoteParty, SipServletRequest trunkInvite, SessionDescription trunkSdp) {
        this.index = index;
        this.remoteParty = remoteParty;
        this.trunkInvite = trunkInvite;
        this.trunkLeg = trunkInvite.getSession().getId();
        this.trunkSdp = trunkSdp;
    }

    boolean isAnswered() {
        return phoneLeg != null;
    }

    /** The leg across the bridge from {@code legId}, or null when there is none yet. */
    String peerOf(String legId) {
        return legId.equals(trunkLeg) ? phoneLeg : trunkLeg;
    }
}
