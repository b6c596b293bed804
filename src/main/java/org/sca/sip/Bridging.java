package org.sca.sip;

import java.io.IOException;
import java.util.OptionalInt;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.call.Call;
import org.sca.core.call.Phase;
import org.sca.core.line.Pickup;
import org.sca.core.sdp.SessionDescription;
import org.sca.store.StateStore;

/**
 * Another phone picks up a held call (sca-behaviour.md, "Retrieve"): the PBX is re-INVITEd
 * with that phone's SDP in its own dialog, the phone is answered with the PBX's SDP, and the
 * phone that held the call gets BYE.
 */
final class Bridging {

    private final Subscriptions subscriptions;
    private final Teardown teardown;
    private final StateStore store;

    Bridging(Subscriptions subscriptions, Teardown teardown, StateStore store) {
        this.subscriptions = subscriptions;
        this.teardown = teardown;
        this.store = store;
    }

    /** A phone's retrieve INVITE for the appearance its Call-Info names. */
    void retrieve(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException {
        OptionalInt index;
        try {
            index = Headers.appearanceIndex(invite);
        } catch (MalformedCallInfoException e) {
            Rejection.send(invite, 400, e.getMessage());
            return;
        }
        if (index.isEmpty()) {
            Rejection.send(invite, 400, "Missing Call-Info appearance-index");
            return;
        }
        Pickup pickup = line.line().pickup(index.getAsInt(), Headers.phoneOf(invite));
        if (pickup instanceof Pickup.Refused refused) {
            Rejection.send(invite, 403, refused.reason());
            return;
        }
        if (offer == null) {
            Rejection.send(invite, 488, "Retrieve needs an SDP offer");
            return;
        }
        Pickup.Allowed allowed = (Pickup.Allowed) pickup;
        Call call = allowed.call();
        call.startBridge(invite.getSession().getId(), allowed.event());
        DialogLifetime.begin(invite.getSession(), DialogLifetime.Use.CALL);
        line.invites().add(invite);
        String trunk = call.legs().orElseThrow().trunk();
        SipServletRequest bridge = invite.getApplicationSession().getSipSession(trunk).createRequest("INVITE");
        SdpBodies.put(bridge, call, trunk, offer);
        SessionTimers.forward(invite, bridge);
        Pending.send(bridge, new Pending.Bridge(invite));
    }

    /** The PBX took the retrieving phone's SDP: answer that phone, drop the one that held. */
    void bridged(SipServletResponse response, LineSession line, Call call, Pending.Bridge bridge, SessionDescription trunkAnswer)
            throws IOException {
        SipServletRequest retriever = bridge.retriever();
        line.invites().take(retriever.getSession().getId());
        Phase.Bridging done = call.bridged(Headers.phoneOf(retriever), trunkAnswer);
        call.allowsUpdate(done.retriever(), Headers.allows(retriever, "UPDATE"));
        SipServletResponse ok = retriever.createResponse(200);
        SdpBodies.put(ok, call, done.retriever(), call.trunkSdp());
        SessionTimers.answer(retriever, response, ok);
        ok.send();
        teardown.awaitAck(response.getApplicationSession(), call, done.retriever());
        store.callLeg(line.config().id(), call.index(), StateStore.Leg.PHONE, DialogRecords.asServer(retriever, ok));
        SipSession old = response.getApplicationSession().getSipSession(done.legs().phone());
        old.createRequest("BYE").send();
        DialogLifetime.end(old, DialogLifetime.Use.CALL);
        subscriptions.show(response.getApplicationSession(), line, line.line().move(call, done.onSuccess()));
    }

    /** The PBX refused the SDP: the retriever hears why (503 when the PBX's dialog is gone, which ends the call). */
    void refused(SipServletResponse response, LineSession line, Call call, Pending.Bridge bridge) throws IOException {
        call.bridgeFailed();
        line.invites().take(bridge.retriever().getSession().getId());
        int status = response.getStatus();
        boolean gone = DialogLifetime.isGone(status);
        bridge.retriever().createResponse(gone ? 503 : status).send();
        DialogLifetime.end(bridge.retriever().getSession(), DialogLifetime.Use.CALL);
        if (gone) {
            teardown.legGone(call, line, response);
        }
    }
}
