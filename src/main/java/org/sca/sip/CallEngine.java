package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import org.sca.core.call.Call;
import org.sca.core.call.InviteKind;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

/**
 * The back-to-back user agent of the shared line: what the servlet hands over about calls
 * goes to the concern it belongs to ({@link Forking}, {@link Relay}, {@link Bridging},
 * {@link Teardown}). Every leg is a SipSession the server created or answered itself, so
 * nothing of one leg (Call-ID, Via, Contact, Record-Route) reaches the other: top hiding
 * without B2buaHelper's linking. A response finds its call by its leg and learns what its
 * request was for from the request's {@link Pending}.
 */
final class CallEngine {

    private static final Logger LOG = Logger.getLogger(CallEngine.class.getName());

    private final DeviceAuthentication authentication;
    private final Forking forking;
    private final Relay relay;
    private final Bridging bridging;
    private final Teardown teardown;
    private final LegProbes probes;

    CallEngine(DeviceAuthentication authentication, Forking forking, Relay relay, Bridging bridging, Teardown teardown,
            LegProbes probes) {
        this.authentication = authentication;
        this.forking = forking;
        this.relay = relay;
        this.bridging = bridging;
        this.teardown = teardown;
        this.probes = probes;
    }

    /** An initial INVITE: a call from the PBX, a phone retrieving a held call, or a phone calling out. */
    void invite(SipServletRequest invite, LineSession line) throws IOException, ServletException {
        SessionDescription offer;
        try {
            offer = SdpBodies.of(invite);
        } catch (MalformedSdpException e) {
            Rejection.send(invite, 400, e.getMessage());
            return;
        }
        var config = line.config();
        InviteKind kind = InviteKind.of(config.isTrunk(invite.getRemoteAddr(), invite.getRemotePort()),
                invite.getRequestURI() instanceof SipURI sip ? sip.getUser() : null,
                Headers.userOf(invite.getFrom()), Headers.userOf(invite.getTo()),
                invite.getTo().getParameter("tag") != null, config.user());
        if (kind.needsMember() && authentication.authenticate(invite, config).isEmpty()) {
            return;
        }
        switch (kind) {
            case INCOMING -> forking.incoming(invite, line, offer);
            case RETRIEVE -> bridging.retrieve(invite, line, offer);
            case OUTGOING -> forking.outgoing(invite, line, offer);
        }
    }

    /** A request inside a call's dialog (re-INVITE, UPDATE, INFO, REFER, NOTIFY ...). */
    void inDialog(SipServletRequest request, LineSession line) throws IOException {
        relay.request(request, line);
    }

    /** An ACK: the one a 2xx waits for; for an offerless re-INVITE's 2xx it carries the answer the other side waits for. */
    void ack(SipServletRequest ack, LineSession line) throws IOException {
        String leg = ack.getSession().getId();
        line.line().callOn(leg).ifPresent(call -> call.acknowledged(leg));
        relay.acked(ack, line);
    }

    void cancel(SipServletRequest cancel, LineSession line) {
        forking.cancelled(cancel, line);
    }

    void bye(SipServletRequest bye, LineSession line) throws IOException {
        teardown.bye(bye, line);
    }

    void neverAcknowledged(SipServletRequest invite, LineSession line) {
        teardown.neverAcknowledged(invite, line);
    }

    void provisional(SipServletResponse response, LineSession line) throws IOException {
        Optional<Call> call = line.line().callOn(response.getSession().getId());
        if (call.isPresent()) {
            forking.provisional(response, line, call.get());
        }
    }

    void success(SipServletResponse response, LineSession line) throws IOException {
        boolean invite = response.getMethod().equals("INVITE");
        Optional<Call> found = line.line().callOn(response.getSession().getId());
        Optional<Pending> pending = Pending.of(response.getRequest());
        boolean answerInAck = invite && found.isPresent()
                && pending.orElse(null) instanceof Pending.Relay r && r.awaitsAnswerInAck(response);
        if (invite && !answerInAck) {
            Acks.create(response).send();
        }
        if (found.isEmpty() && pending.orElse(null) instanceof Pending.Relay relayed) {
            relay.outlived(response, relayed);
        }
        if (found.isEmpty() || pending.isEmpty()) {
            if (invite) {
                // An answer after the call ended, e.g. a phone that answered as it was CANCELled.
                response.getSession().createRequest("BYE").send();
            }
            return;
        }
        Call call = found.get();
        if (pending.get() instanceof Pending.Probe) {
            return; // the leg is there
        }
        SessionDescription sdp;
        try {
            sdp = SdpBodies.of(response);
        } catch (MalformedSdpException e) {
            LOG.info(() -> "appearance " + call.index() + " on " + line.config().id() + ": " + e.getMessage() + "; ending the call");
            if (answerInAck) {
                Acks.create(response).send();
            }
            teardown.end(call, line, response.getApplicationSession(), null);
            return;
        }
        Pending p = pending.get();
        if (p instanceof Pending.Bridge bridge) {
            bridging.bridged(response, line, call, bridge, sdp);
        } else if (p instanceof Pending.Relay relayed) {
            relay.accepted(response, line, call, relayed, sdp);
            if (answerInAck) {
                line.acks().await(relayed.original(), response);
            }
        } else if (call.isRinging(response.getSession().getId())) {
            forking.answered(response, line, call, sdp);
            probes.watch(response.getApplicationSession(), call);
        } else {
            response.getSession().createRequest("BYE").send();
        }
    }

    void failure(SipServletResponse response, LineSession line) throws IOException, ServletException {
        if (TrunkChallenges.answer(response, line)) {
            return;
        }
        Optional<Call> call = line.line().callOn(response.getSession().getId());
        Optional<Pending> pending = Pending.of(response.getRequest());
        if (call.isEmpty() && pending.orElse(null) instanceof Pending.Relay relayed) {
            relay.outlived(response, relayed);
        }
        if (call.isEmpty() || pending.isEmpty()) {
            return;
        }
        Pending p = pending.get();
        if (p instanceof Pending.Probe) {
            probes.answered(response, line, call.get());
        } else if (p instanceof Pending.Bridge bridge) {
            bridging.refused(response, line, call.get(), bridge);
        } else if (p instanceof Pending.Relay relayed) {
            relay.refused(response, line, call.get(), relayed);
        } else {
            forking.failed(response, line, call.get());
        }
    }
}
