package org.sca.sip;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.sdp.SdpOriginRewriter;
import org.sca.core.sdp.SessionDescription;

/**
 * One call on one appearance, bridged by the server: the PBX's leg and a phone's leg. The
 * INVITE that started it ({@link #inbound}) is answered once a leg the server created
 * answers: for a call from the PBX those are the phones it rings, for a call a phone makes
 * the single leg to the PBX. Each leg is a SipSession of the line's application session,
 * tagged with the appearance index ({@link #INDEX}) so any message on it finds its call.
 * Mutable, like {@link LineSession}: the container runs one line's messages one at a time.
 */
final class Call {

    /** SipSession attribute: the appearance index of the call the leg belongs to. */
    static final String INDEX = "sca.call.index";

    final int index;
    /** The other party as phones show it (appearance-uri): the caller, or whom a phone dialled. */
    final String remoteParty;
    /** True when a phone of the line placed the call. */
    final boolean outgoing;
    /** The INVITE the server answers once a leg it created answers. */
    final SipServletRequest inbound;
    /** Legs the server created that have not answered yet: SipSession ID -> the INVITE sent. */
    final Map<String, SipServletRequest> ringing = new LinkedHashMap<>();
    String trunkLeg;
    String phoneLeg;
    /** The phone that has the call (its contact): who may resume a private hold. */
    String owner;
    boolean answered;
    /** One SDP origin per leg (sca-behaviour.md, "SDP version coherence"), by SipSession ID. */
    final Map<String, SdpOriginRewriter> origins = new HashMap<>();
    /** The PBX's last SDP, what a phone that retrieves the call is answered with. */
    SessionDescription trunkSdp;
    /** A retrieve is under way: a second one for the same call is refused. */
    boolean retrieving;

    Call(int index, String remoteParty, boolean outgoing, SipServletRequest inbound) {
        this.index = index;
        this.remoteParty = remoteParty;
        this.outgoing = outgoing;
        this.inbound = inbound;
        String inboundLeg = inbound.getSession().getId();
        if (outgoing) {
            phoneLeg = inboundLeg;
        } else {
            trunkLeg = inboundLeg;
        }
    }

    boolean isLeg(String legId) {
        return legId.equals(trunkLeg) || legId.equals(phoneLeg);
    }

    /** The leg across the bridge from {@code legId}. */
    String peerOf(String legId) {
        return legId.equals(trunkLeg) ? phoneLeg : trunkLeg;
    }

    /** The SDP to send on {@code leg}, under that leg's one origin (the first SDP it saw). */
    SessionDescription toLeg(String leg, SessionDescription sdp) {
        SdpOriginRewriter.Rewritten r = origins.computeIfAbsent(leg, l -> SdpOriginRewriter.forLeg(sdp)).rewrite(sdp);
        origins.put(leg, r.next());
        return r.sdp();
    }
}
