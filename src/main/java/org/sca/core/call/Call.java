package org.sca.core.call;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.sca.core.AppearanceEvent;
import org.sca.core.call.Phase.Answered;
import org.sca.core.call.Phase.Bridging;
import org.sca.core.call.Phase.Ringing;
import org.sca.core.sdp.SdpOriginRewriter;
import org.sca.core.sdp.SessionDescription;

/**
 * One call on one appearance, bridged by the server between the PBX and a phone. Legs are
 * named by the container's SipSession IDs; the INVITE that started the call arrived on the
 * {@link #inboundLeg()} and is answered once a leg the server created answers. Changed only
 * through the methods that name a step of the call, each allowed in one {@link Phase}.
 */
public final class Call {

    /** Who started the call: the PBX (it rings every phone) or a phone (it calls the PBX). */
    public enum Direction {
        INCOMING, OUTGOING;

        /** As logs and metrics name it. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int index;
    private final Direction direction;
    private final String remoteParty;
    private final String inboundLeg;
    private String owner;
    private Phase phase = new Ringing(Set.of());
    private SessionDescription trunkSdp;
    /** One SDP origin per leg (sca-behaviour.md, "SDP version coherence"). */
    private final Map<String, SdpOriginRewriter> origins = new HashMap<>();
    /** Legs whose far end listed UPDATE in Allow (RFC 3311): the only ones an UPDATE goes to. */
    private final Set<String> updateCapable = new HashSet<>();
    /** The CSeq of the phone's last REFER: the PBX's NOTIFYs about it reach the phone under that id (RFC 3515 2.4.6). */
    private OptionalLong referCseq = OptionalLong.empty();
    /** Legs the server answered an INVITE on with a 2xx whose ACK has not come yet. */
    private final Set<String> unacknowledged = new HashSet<>();

    private Call(int index, Direction direction, String remoteParty, String inboundLeg, String owner,
            SessionDescription trunkSdp) {
        this.index = index;
        this.direction = direction;
        this.remoteParty = Objects.requireNonNull(remoteParty, "remoteParty");
        this.inboundLeg = Objects.requireNonNull(inboundLeg, "inboundLeg");
        this.owner = owner;
        this.trunkSdp = trunkSdp;
    }

    /** A call from the PBX; nobody owns it until a phone answers. */
    public static Call incoming(int index, String caller, String trunkLeg, SessionDescription offer) {
        return new Call(index, Direction.INCOMING, caller, trunkLeg, null, Objects.requireNonNull(offer, "offer"));
    }

    /** A call {@code phone} places to {@code dialled}; the PBX's SDP comes with its answer. */
    public static Call outgoing(int index, String dialled, String phoneLeg, String phone) {
        return new Call(index, Direction.OUTGOING, dialled, phoneLeg, phone, null);
    }

    public int index() {
        return index;
    }

    public Direction direction() {
        return direction;
    }

    /** The other party as phones show it (appearance-uri): the caller, or whom a phone dialled. */
    public String remoteParty() {
        return remoteParty;
    }

    /** The phone that has the call (its contact identity): who may resume a private hold. */
    public String owner() {
        return owner;
    }

    public Phase phase() {
        return phase;
    }

    /** The leg whose INVITE started the call. */
    public String inboundLeg() {
        return inboundLeg;
    }

    /** The PBX's last SDP: what a phone that retrieves the call is answered with. */
    public SessionDescription trunkSdp() {
        return trunkSdp;
    }

    /** The legs once answered, empty while ringing. */
    public Optional<Legs> legs() {
        if (phase instanceof Answered a) {
            return Optional.of(a.legs());
        }
        return phase instanceof Bridging b ? Optional.of(b.legs()) : Optional.empty();
    }

    /** Whether a request or response on {@code leg} is part of this call's dialogs. */
    public boolean isLeg(String leg) {
        return legs().map(l -> l.has(leg)).orElse(inboundLeg.equals(leg));
    }

    /** Whether {@code leg} is any leg of the call, ringing and picking up ones included. */
    public boolean involves(String leg) {
        return isLeg(leg) || isRinging(leg) || phase instanceof Bridging b && b.retriever().equals(leg);
    }

    public boolean isTrunkLeg(String leg) {
        return legs().map(l -> l.trunk().equals(leg)).orElse(direction == Direction.INCOMING && inboundLeg.equals(leg));
    }

    public boolean isRinging(String leg) {
        return phase instanceof Ringing r && r.branches().contains(leg);
    }

    /** The server sent an INVITE on {@code leg} for this call. */
    public void ring(String leg) {
        Set<String> branches = new LinkedHashSet<>(ringing().branches());
        branches.add(leg);
        phase = new Ringing(branches);
    }

    /**
     * The first 2xx: {@code leg} has the call, the other branches must be CANCELled.
     *
     * @param phone the answering phone's identity (ignored for a phone's own call, which it owns)
     * @param sdp   the answer, or null
     * @return the legs still ringing
     */
    public Set<String> answer(String leg, String phone, SessionDescription sdp) {
        Set<String> others = new LinkedHashSet<>(ringing().branches());
        if (!others.remove(leg)) {
            throw new IllegalStateException("leg " + leg + " is not ringing for appearance " + index);
        }
        if (direction == Direction.OUTGOING) {
            trunkSdp = sdp;
            phase = new Answered(new Legs(leg, inboundLeg));
        } else {
            owner = phone;
            phase = new Answered(new Legs(inboundLeg, leg));
        }
        return others;
    }

    /** Nobody may answer any more (no answer in time, or the caller gave up): the legs to CANCEL. */
    public Set<String> stopRinging() {
        Set<String> branches = ringing().branches();
        phase = new Ringing(Set.of());
        return branches;
    }

    /**
     * A ringing leg answered with an error.
     *
     * @return true when it was the last one: the call has failed and its INVITE needs a final answer
     */
    public boolean branchFailed(String leg) {
        if (!isRinging(leg)) {
            return false;
        }
        Set<String> left = new LinkedHashSet<>(ringing().branches());
        left.remove(leg);
        phase = new Ringing(left);
        return left.isEmpty();
    }

    /** The PBX said something new about its media (a re-INVITE or an answer to one). */
    public void trunkSaid(SessionDescription sdp) {
        trunkSdp = Objects.requireNonNull(sdp, "sdp");
    }

    /** A phone starts to pick up the call; see {@link Phase.Bridging}. */
    public void startBridge(String retriever, AppearanceEvent onSuccess) {
        if (!(phase instanceof Answered a)) {
            throw new IllegalStateException("appearance " + index + " is not answered: " + phase);
        }
        phase = new Bridging(a.legs(), retriever, onSuccess);
    }

    /**
     * The PBX took the retriever's SDP: the retriever has the call now.
     *
     * @param trunkAnswer the PBX's SDP in its answer, or null when it sent none
     * @return the bridge that completed: its legs name the phone that had the call, which is
     *         to be hung up, and what the appearance goes through
     */
    public Bridging bridged(String phone, SessionDescription trunkAnswer) {
        Bridging done = bridging();
        if (trunkAnswer != null) {
            trunkSdp = trunkAnswer;
        }
        origins.remove(done.legs().phone());
        updateCapable.remove(done.legs().phone());
        owner = phone;
        phase = new Answered(done.legs().withPhone(done.retriever()));
        return done;
    }

    /** The PBX refused the retriever's SDP: the call stays with the phone that had it. */
    public void bridgeFailed() {
        phase = new Answered(bridging().legs());
    }

    /** What the far end of {@code leg} said it allows, from its INVITE or its answer to one. */
    public void allowsUpdate(String leg, boolean update) {
        if (update) {
            updateCapable.add(leg);
        } else {
            updateCapable.remove(leg);
        }
    }

    /** How an UPDATE arriving on {@code leg} reaches the other side. */
    public UpdateRoute updateFrom(String leg, boolean hasOffer) {
        return UpdateRoute.of(hasOffer, updateCapable.contains(legs().orElseThrow().peerOf(leg)));
    }

    /** The phone asked the PBX to transfer the call with the REFER of this CSeq. */
    public void referred(long cseq) {
        referCseq = OptionalLong.of(cseq);
    }

    /** The server sent a 2xx to the INVITE that made {@code leg} part of the call; its ACK is due. */
    public void awaitAck(String leg) {
        unacknowledged.add(leg);
    }

    /** An ACK came on {@code leg}. */
    public void acknowledged(String leg) {
        unacknowledged.remove(leg);
    }

    /**
     * Whether {@code leg} is still a leg of the call and its 2xx was never ACKed: once 64 x T1
     * have passed, the call must end (RFC 3261 13.3.1.4).
     */
    public boolean awaitsAck(String leg) {
        return unacknowledged.contains(leg) && isLeg(leg);
    }

    /** The CSeq of the phone's REFER, if it sent one. */
    public OptionalLong referCseq() {
        return referCseq;
    }

    /** The SDP to send on {@code leg}, under that leg's one origin (the first SDP it saw). */
    public SessionDescription toLeg(String leg, SessionDescription sdp) {
        SdpOriginRewriter.Rewritten r = origins.computeIfAbsent(leg, l -> SdpOriginRewriter.forLeg(sdp)).rewrite(sdp);
        origins.put(leg, r.next());
        return r.sdp();
    }

    private Ringing ringing() {
        if (!(phase instanceof Ringing r)) {
            throw new IllegalStateException("appearance " + index + " is not ringing: " + phase);
        }
        return r;
    }

    private Bridging bridging() {
        if (!(phase instanceof Bridging b)) {
            throw new IllegalStateException("appearance " + index + " is not bridging: " + phase);
        }
        return b;
    }

    @Override
    public String toString() {
        return "Call[" + index + ", " + direction + ", " + phase + "]";
    }
}
