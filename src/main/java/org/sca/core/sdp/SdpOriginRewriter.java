package org.sca.core.sdp;

/**
 * Keeps one SDP origin per call leg: whatever SDP the server relays onto a leg, that leg sees a
 * fixed username, session id and address, and a session version that stays put while the body
 * is unchanged and grows by exactly one whenever it changes (RFC 3264 section 8), bridges to
 * another phone included. Relaying phones' origins untouched is the origin document's defect
 * that forced {@code ignoresdpversion=yes} on the PBX.
 *
 * <p>Immutable: {@link #rewrite} returns the SDP to send together with the rewriter for the
 * leg's next SDP. The caller keeps only the newest one per leg; rewriting twice with the same
 * instance would repeat a version.
 */
public final class SdpOriginRewriter {

    /** The SDP to send on the leg, and the rewriter for the leg's next SDP. */
    public record Rewritten(SessionDescription sdp, SdpOriginRewriter next) {
    }

    private final Origin origin;
    /** Null until the first SDP is sent: that one takes {@code origin}'s version as it is. */
    private final SessionDescription lastSent;

    private SdpOriginRewriter(Origin origin, SessionDescription lastSent) {
        this.origin = origin;
        this.lastSent = lastSent;
    }

    /**
     * A leg whose first SDP will carry exactly these origin fields. The address type is IP6 for
     * an address with a colon, otherwise IP4 (RFC 4566 allows a host name under IP4).
     */
    public SdpOriginRewriter(String sessionId, long firstVersion, String username, String address) {
        this(new Origin(username, sessionId, firstVersion, "IN", address.contains(":") ? "IP6" : "IP4", address),
                null);
    }

    /** A leg that adopts the origin of the first SDP sent on it, which therefore goes out unchanged. */
    public static SdpOriginRewriter forLeg(SessionDescription first) {
        return new SdpOriginRewriter(first.origin(), null);
    }

    /** The leg's origin: its version is the one last sent, or the one the first SDP will carry. */
    public Origin origin() {
        return origin;
    }

    /** The SDP to send on this leg, and the rewriter to use for the one after it. */
    public Rewritten rewrite(SessionDescription outgoing) {
        boolean unchanged = lastSent == null || lastSent.hasSameBodyAs(outgoing);
        Origin sent = unchanged ? origin : origin.withVersion(Math.addExact(origin.version(), 1));
        SessionDescription sdp = outgoing.withOrigin(sent);
        return new Rewritten(sdp, new SdpOriginRewriter(sent, sdp));
    }
}
