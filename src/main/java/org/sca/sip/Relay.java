package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.core.AppearanceEvent;
import org.sca.core.call.Call;
import org.sca.core.call.FinalAnswer;
import org.sca.core.call.HoldIntent;
import org.sca.core.call.Phase;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

/**
 * In-dialog requests of an established call (re-INVITE, UPDATE, INFO, NOTIFY ...) go leg to
 * leg, and their answers come back the same way; a phone's REFER goes to {@link Transfers}. A
 * phone's offer decides hold and resume once the PBX accepts it; an offerless re-INVITE's
 * answer comes in the ACK, which the server relays then.
 */
final class Relay {

    private final Subscriptions subscriptions;
    private final Teardown teardown;
    private final Transfers transfers;

    Relay(Subscriptions subscriptions, Teardown teardown, Transfers transfers) {
        this.subscriptions = subscriptions;
        this.teardown = teardown;
        this.transfers = transfers;
    }

    void request(SipServletRequest request, LineSession line) throws IOException {
        String leg = request.getSession().getId();
        Optional<Call> found = line.line().callOn(leg).filter(c -> c.legs().isPresent() && c.isLeg(leg));
        if (found.isEmpty()) {
            Rejection.send(request, 481, "Call/Transaction Does Not Exist");
            return;
        }
        Call call = found.get();
        if (call.phase() instanceof Phase.Bridging) {
            Rejection.send(request, 491, "Request Pending");
            return;
        }
        SessionDescription sdp;
        try {
            sdp = SdpBodies.of(request);
        } catch (MalformedSdpException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        String method = request.getMethod();
        if (method.equals("REFER")) {
            transfers.refer(request, line, call);
            return;
        }
        if (method.equals("UPDATE")) {
            switch (call.updateFrom(leg, sdp != null)) {
                case ANSWER_HERE -> {
                    SipServletResponse ok = request.createResponse(200);
                    SessionTimers.answer(request, null, ok);
                    ok.send();
                    return;
                }
                case AS_REINVITE -> method = "INVITE";
                case RELAY -> { }
            }
        }
        String peer = call.legs().orElseThrow().peerOf(leg);
        SipServletRequest out = request.getApplicationSession().getSipSession(peer).createRequest(method);
        Optional<AppearanceEvent> onSuccess = Optional.empty();
        if (sdp != null) {
            SdpBodies.put(out, call, peer, sdp);
            onSuccess = said(call, leg, sdp, request);
        } else if (request.getContentLength() > 0) {
            out.setContent(request.getRawContent(), request.getContentType());
        }
        if (negotiatesSession(request)) {
            SessionTimers.forward(request, out);
        }
        if (method.equals("NOTIFY")) {
            transfers.notified(request, out, call);
        }
        Pending.send(out, new Pending.Relay(request, onSuccess));
    }

    /** The other leg accepted a relayed request: the original gets its answer, the appearance follows. */
    void accepted(SipServletResponse response, LineSession line, Call call, Pending.Relay relay, SessionDescription sdp)
            throws IOException {
        SipServletRequest original = relay.original();
        SipServletResponse ok = original.createResponse(response.getStatus());
        if (sdp != null) {
            if (call.isTrunkLeg(response.getSession().getId())) {
                call.trunkSaid(sdp);
            }
            SdpBodies.put(ok, call, original.getSession().getId(), sdp);
        }
        if (negotiatesSession(original)) {
            SessionTimers.answer(original, response, ok);
        }
        ok.send();
        relay.onSuccess().ifPresent(event ->
                subscriptions.show(response.getApplicationSession(), line, line.line().move(call, event)));
    }

    /** The other leg refused it: the original gets the same answer; a leg that is gone ends the call. */
    void refused(SipServletResponse response, LineSession line, Call call, Pending.Relay relay) throws IOException {
        SipServletResponse relayed = relay.original().createResponse(FinalAnswer.relayable(response.getStatus()));
        SessionTimers.relayRefusal(response, relayed);
        relayed.send();
        if (DialogLifetime.isGone(response.getStatus())) {
            teardown.legGone(call, line, response);
        }
    }

    /**
     * The answer to a relayed request came after its call ended: a BYE overtook it (baresip
     * answers the transfer's last NOTIFY and hangs up at once, and the container may hand over
     * the BYE first). The request still gets that answer; left alone, its sender retransmits
     * until its transaction times out.
     */
    void outlived(SipServletResponse response, Pending.Relay relay) throws IOException {
        relay.original().createResponse(response.getStatus()).send();
    }

    /**
     * The ACK for the 2xx of an offerless re-INVITE arrived with the answer: the other side's
     * 2xx, held back till now, is ACKed with it, and a phone's answer decides its hold.
     */
    void acked(SipServletRequest ack, LineSession line) throws IOException {
        String leg = ack.getSession().getId();
        Optional<Acks.Awaited> awaited = line.acks().take(leg);
        Optional<Call> found = line.line().callOn(leg).filter(c -> c.legs().isPresent() && c.isLeg(leg));
        if (awaited.isEmpty() || found.isEmpty()) {
            return;
        }
        Call call = found.get();
        SipServletRequest out = Acks.create(awaited.get().peerOk());
        SessionDescription sdp = SdpBodies.ofOrNone(ack, "appearance " + call.index() + " on " + line.config().id() + ", ACK");
        Optional<AppearanceEvent> event = Optional.empty();
        if (sdp != null) {
            SdpBodies.put(out, call, call.legs().orElseThrow().peerOf(leg), sdp);
            event = said(call, leg, sdp, awaited.get().original());
        }
        out.send();
        event.ifPresent(e -> subscriptions.show(ack.getApplicationSession(), line, line.line().move(call, e)));
    }

    /**
     * {@code leg} sent {@code sdp} in the course of {@code request}: the PBX's is kept for a
     * phone that retrieves the call; a phone's re-INVITE or UPDATE says what its appearance
     * becomes once the other side agrees.
     */
    private static Optional<AppearanceEvent> said(Call call, String leg, SessionDescription sdp, SipServletRequest request) {
        if (call.isTrunkLeg(leg)) {
            call.trunkSaid(sdp);
            return Optional.empty();
        }
        return negotiatesSession(request)
                ? Optional.of(HoldIntent.of(sdp, Headers.all(request, "Call-Info")))
                : Optional.empty();
    }

    /** Requests that negotiate the session (media and session timer): INVITE and UPDATE. */
    private static boolean negotiatesSession(SipServletRequest request) {
        return request.getMethod().equals("INVITE") || request.getMethod().equals("UPDATE");
    }
}
