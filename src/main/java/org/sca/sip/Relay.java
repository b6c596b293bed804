package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.core.AppearanceEvent;
import org.sca.core.call.Call;
import org.sca.core.call.HoldIntent;
import org.sca.core.call.Legs;
import org.sca.core.call.Phase;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

/**
 * In-dialog requests of an established call (re-INVITE, INFO, UPDATE ...) go leg to leg, and
 * their answers come back the same way. A phone's re-INVITE decides hold and resume once the
 * PBX accepts it.
 */
final class Relay {

    private final Subscriptions subscriptions;
    private final Teardown teardown;

    Relay(Subscriptions subscriptions, Teardown teardown) {
        this.subscriptions = subscriptions;
        this.teardown = teardown;
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
        Legs legs = call.legs().orElseThrow();
        String peer = legs.peerOf(leg);
        SipServletRequest out = request.getApplicationSession().getSipSession(peer).createRequest(request.getMethod());
        Optional<AppearanceEvent> onSuccess = Optional.empty();
        if (sdp != null) {
            SdpBodies.put(out, call, peer, sdp);
            if (call.isTrunkLeg(leg)) {
                call.trunkSaid(sdp);
            } else if (request.getMethod().equals("INVITE")) {
                onSuccess = Optional.of(HoldIntent.of(sdp, Headers.all(request, "Call-Info")));
            }
        } else if (request.getContentLength() > 0) {
            out.setContent(request.getRawContent(), request.getContentType());
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
        ok.send();
        relay.onSuccess().ifPresent(event ->
                subscriptions.show(response.getApplicationSession(), line, line.line().move(call, event)));
    }

    /** The other leg refused it: the original gets the same answer; a leg that is gone ends the call. */
    void refused(SipServletResponse response, LineSession line, Call call, Pending.Relay relay) throws IOException {
        relay.original().createResponse(response.getStatus()).send();
        if (DialogLifetime.isGone(response.getStatus())) {
            teardown.legGone(call, line, response);
        }
    }
}
