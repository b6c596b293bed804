package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.core.AppearanceEvent;
import org.sca.core.Binding;
import org.sca.core.CallInfoCodec;
import org.sca.core.Flow;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.call.Call;
import org.sca.core.call.CallerBounds;
import org.sca.core.call.FinalAnswer;
import org.sca.core.call.TrunkFailover;
import org.sca.core.line.Line;
import org.sca.core.sdp.SessionDescription;
import org.sca.store.StateStore;

/**
 * How a new call gets its legs: a call from the PBX rings every registered phone with its
 * appearance number, a phone's call goes to the PBX as the line; the first 2xx wins and the
 * other branches are CANCELled; when every branch fails, or nobody answers in time, the
 * INVITE that started the call gets one final answer.
 */
final class Forking {

    private static final Logger LOG = Logger.getLogger(Forking.class.getName());

    private final SipFactory factory;
    private final TimerService timers;
    private final Duration ringTimeout;
    private final Clock clock;
    private final Subscriptions subscriptions;
    private final LineSeizes seizes;
    private final Teardown teardown;
    private final StateStore store;

    Forking(SipFactory factory, TimerService timers, Duration ringTimeout, Clock clock,
            Subscriptions subscriptions, LineSeizes seizes, Teardown teardown, StateStore store) {
        this.factory = factory;
        this.timers = timers;
        this.ringTimeout = ringTimeout;
        this.clock = clock;
        this.subscriptions = subscriptions;
        this.seizes = seizes;
        this.teardown = teardown;
        this.store = store;
    }

    /** A call from the PBX: the lowest idle appearance alerts on every registered phone. */
    void incoming(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException, ServletException {
        if (offer == null) {
            Rejection.send(invite, 488, "Incoming call needs an SDP offer");
            return;
        }
        OptionalInt free = line.line().pick(OptionalInt.empty());
        if (free.isEmpty()) {
            Rejection.send(invite, 486, "All appearances in use");
            return;
        }
        List<Binding> phones = line.bindings().liveAt(clock.instant());
        if (phones.isEmpty()) {
            Rejection.send(invite, 480, "No phone registered on the line");
            return;
        }
        int index = free.getAsInt();
        Address caller = partyOf(invite.getFrom());
        Call call = Call.incoming(index, caller.toString(), invite.getSession().getId(), offer);
        open(invite, line);
        Address lineAddress = factory.createAddress(line.config().aor());
        for (Binding phone : phones) {
            SipServletRequest branch = factory.createRequest(invite.getApplicationSession(), "INVITE", caller, lineAddress);
            SipURI contact = (SipURI) factory.createURI(phone.contact());
            branch.setRequestURI(contact);
            reachThroughFlow(branch, contact, phone.source());
            branch.setHeader("Call-Info", CallInfoCodec.formatIndex(line.config().host(), index));
            ring(call, invite, branch, offer, line, OptionalInt.empty());
        }
        timers.createTimer(invite.getApplicationSession(), ringTimeout.toMillis(), false,
                new TimerPayload.RingDue(index, call.inboundLeg()));
        subscriptions.show(invite.getApplicationSession(), line, line.line().start(call));
    }

    /**
     * A phone of the line calls out: on the appearance it seized or named in Call-Info, else
     * the lowest idle one, as the line, through the line's first trunk.
     */
    void outgoing(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException, ServletException {
        Line appearances = line.line();
        OptionalInt free;
        try {
            OptionalInt asked = Headers.appearanceIndex(invite);
            if (asked.isPresent()) {
                appearances.checkIndex(asked.getAsInt());
            }
            free = appearances.pick(asked);
        } catch (MalformedCallInfoException e) {
            Rejection.send(invite, 400, e.getMessage());
            return;
        }
        if (free.isEmpty()) {
            Rejection.send(invite, 486, "All appearances in use");
            return;
        }
        int index = free.getAsInt();
        String phone = Headers.phoneOf(invite);
        if (!appearances.freeFor(index, phone)) {
            Rejection.send(invite, 403, "Appearance is in use by another phone");
            return;
        }
        LineConfig config = line.config();
        if (config.trunks().isEmpty()) {
            Rejection.send(invite, 503, "No trunk configured for the line");
            return;
        }
        if (offer == null) {
            Rejection.send(invite, 488, "Outgoing call needs an SDP offer");
            return;
        }
        Address dialled = partyOf(invite.getTo());
        Call call = Call.outgoing(index, dialled.toString(), invite.getSession().getId(), phone);
        open(invite, line);
        dialTrunk(call, invite, offer, line, 0);
        subscriptions.show(invite.getApplicationSession(), line, appearances.start(call));
    }

    /** Sends a phone's call to the line's trunk number {@code trunk}, as the line. */
    private void dialTrunk(Call call, SipServletRequest invite, SessionDescription offer, LineSession line, int trunk)
            throws IOException, ServletParseException {
        LineConfig config = line.config();
        String user = invite.getRequestURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : Headers.userOf(invite.getTo());
        String target = config.trunks().get(trunk).sipUri(user);
        Address asTheLine = factory.createAddress("\"" + config.displayName() + "\" <" + config.aor() + ">");
        SipServletRequest toPbx = factory.createRequest(invite.getApplicationSession(), "INVITE", asTheLine,
                factory.createAddress("<" + target + ">"));
        toPbx.setRequestURI(factory.createURI(target));
        ring(call, invite, toPbx, offer, line, OptionalInt.of(trunk));
    }

    /** An 18x on a ringing leg: the caller hears ringing; a phone's call ends its seize and shows progressing. */
    void provisional(SipServletResponse response, LineSession line, Call call) throws IOException {
        if (response.getStatus() == 100 || !call.isRinging(response.getSession().getId())) {
            return;
        }
        Optional<SipServletRequest> open = line.invites().peek(call.inboundLeg());
        if (open.isEmpty()) {
            return;
        }
        SipServletRequest inbound = open.get();
        SipApplicationSession app = response.getApplicationSession();
        if (call.direction() == Call.Direction.INCOMING) {
            // Phones ring; the PBX hears ringing (their early media, if any, stays on the phones:
            // several ring at once, and no one phone's media is the line's).
            if (!reached(inbound.createResponse(180), call, line)) {
                stopRinging(app, line, call);
            }
            return;
        }
        SessionDescription early = SdpBodies.ofOrNone(response, "appearance " + call.index() + " on " + line.config().id() + ", 18x");
        SipServletResponse progress = inbound.createResponse(response.getStatus() == 183 ? 183 : 180);
        if (early != null) {
            // Ringback and announcements from the PBX: its early media reaches the calling phone.
            call.trunkSaid(early);
            SdpBodies.put(progress, call, call.inboundLeg(), early);
        }
        if (!reached(progress, call, line)) {
            stopRinging(app, line, call);
            return;
        }
        line.line().seizeUsedUp(call.index()).ifPresent(dialog -> seizes.usedUp(app, line, dialog));
        subscriptions.show(app, line, line.line().progress(call));
    }

    /** The first 2xx of a ringing leg: that leg has the call, the others stop ringing, the caller is answered. */
    void answered(SipServletResponse answer, LineSession line, Call call, SessionDescription sdp) throws IOException {
        DialogLifetime.begin(answer.getSession(), DialogLifetime.Use.CALL);
        String leg = answer.getSession().getId();
        line.invites().take(leg);
        cancel(call.answer(leg, Headers.phoneOf(answer), sdp), line);
        SipServletRequest inbound = line.invites().take(call.inboundLeg()).orElseThrow();
        call.allowsUpdate(leg, Headers.allows(answer, "UPDATE"));
        call.allowsUpdate(call.inboundLeg(), Headers.allows(inbound, "UPDATE"));
        SipServletResponse ok = inbound.createResponse(200);
        if (sdp != null) {
            SdpBodies.put(ok, call, call.inboundLeg(), sdp);
        }
        SessionTimers.answer(inbound, answer, ok);
        if (!reached(ok, call, line)) {
            teardown.end(call, line, answer.getApplicationSession(), null);
            return;
        }
        teardown.awaitAck(answer.getApplicationSession(), call, call.inboundLeg());
        boolean incoming = call.direction() == Call.Direction.INCOMING;
        store.callLeg(line.config().id(), call.index(), incoming ? StateStore.Leg.TRUNK : StateStore.Leg.PHONE,
                DialogRecords.asServer(inbound, ok));
        store.callLeg(line.config().id(), call.index(), incoming ? StateStore.Leg.PHONE : StateStore.Leg.TRUNK,
                DialogRecords.asClient(answer));
        subscriptions.show(answer.getApplicationSession(), line, line.line().move(call, AppearanceEvent.ANSWER));
    }

    /**
     * A ringing leg answered with an error; the last one to do so fails the call. A trunk that
     * is out of service (503) or silent (408 after Timer B) hands a phone's call to the next.
     */
    void failed(SipServletResponse response, LineSession line, Call call) throws IOException, ServletException {
        String leg = response.getSession().getId();
        line.invites().take(leg);
        int status = response.getStatus();
        OptionalInt next = Pending.of(response.getRequest()).orElse(null) instanceof Pending.Branch branch && branch.trunk().isPresent()
                ? TrunkFailover.next(status, branch.trunk().getAsInt(), line.config().trunks().size()) : OptionalInt.empty();
        Optional<SipServletRequest> caller = line.invites().peek(call.inboundLeg());
        if (next.isPresent() && caller.isPresent()) {
            int trunk = next.getAsInt();
            LOG.info(() -> "trunk " + line.config().trunks().get(trunk - 1) + " answered " + status + " for " + line.config().id()
                    + "; trying " + line.config().trunks().get(trunk));
            dialTrunk(call, caller.get(), SdpBodies.ofOrNone(caller.get(), "call to trunk " + trunk), line, trunk);
        }
        if (!call.branchFailed(leg)) {
            return;
        }
        SipServletRequest inbound = line.invites().take(call.inboundLeg()).orElseThrow();
        OptionalInt answer = FinalAnswer.toInbound(call.direction(), status);
        if (answer.isPresent()) {
            reached(inbound.createResponse(answer.getAsInt()), call, line);
        }
        teardown.end(call, line, response.getApplicationSession(), null);
    }

    /** Timer: nobody answered a call from the PBX in time; the PBX hears "No answer". */
    void ringTimeout(SipApplicationSession app, LineSession line, int index, String trunkLeg) {
        var call = line.line().call(index).filter(c -> c.inboundLeg().equals(trunkLeg) && c.legs().isEmpty());
        if (call.isPresent()) {
            abandon(app, line, call.get(), "No answer");
        }
    }

    /** A call nobody answered yet ends: its INVITE gets 480 with {@code reason}, its branches are CANCELled. */
    void abandon(SipApplicationSession app, LineSession line, Call call, String reason) {
        reached(line.invites().peek(call.inboundLeg()).orElseThrow().createResponse(480, reason), call, line);
        stopRinging(app, line, call);
    }

    /** The call ends before anyone answered: its branches are CANCELled, its INVITE is open no longer. */
    private void stopRinging(SipApplicationSession app, LineSession line, Call call) {
        cancel(call.stopRinging(), line);
        teardown.end(call, line, app, null);
    }

    /**
     * Sends a response to the INVITE that started the call; false when it cannot go, e.g. to a
     * PBX or phone whose TCP connection is gone: the call then ends here, as nothing of it can
     * reach the caller any more.
     */
    private static boolean reached(SipServletResponse response, Call call, LineSession line) {
        try {
            response.send();
            return true;
        } catch (IOException | IllegalStateException e) {
            LOG.info(() -> "appearance " + call.index() + " on " + line.config().id() + ": " + response.getStatus()
                    + " to the caller not sent (" + e + "); ending the call");
            return false;
        }
    }

    /** CANCEL of the INVITE that started a call: the container has answered 487; stop the legs ringing. */
    void cancelled(SipServletRequest cancel, LineSession line) {
        String leg = cancel.getSession().getId();
        line.line().callOn(leg).filter(c -> c.legs().isEmpty() && c.inboundLeg().equals(leg))
                .ifPresent(call -> stopRinging(cancel.getApplicationSession(), line, call));
    }

    private void open(SipServletRequest invite, LineSession line) {
        DialogLifetime.begin(invite.getSession(), DialogLifetime.Use.CALL);
        line.invites().add(invite);
    }

    /** Sends an INVITE for {@code inbound} on a leg the server creates for the call. */
    private static void ring(Call call, SipServletRequest inbound, SipServletRequest branch, SessionDescription offer,
            LineSession line, OptionalInt trunk) throws IOException {
        String leg = branch.getSession().getId();
        SdpBodies.put(branch, call, leg, offer);
        SessionTimers.forward(inbound, branch);
        call.ring(leg);
        line.invites().add(branch);
        Pending.send(branch, new Pending.Branch(trunk));
    }

    /**
     * A phone whose Contact is not where its REGISTER came from (NAT, or a TCP/TLS connection
     * it opened) is reached through that flow: the INVITE goes there, its Request-URI stays
     * the Contact, as Kamailio's registrar does with the received address.
     */
    private void reachThroughFlow(SipServletRequest branch, SipURI contact, Flow flow) throws ServletParseException {
        if (!flow.isReachedBy(contact.getHost(), contact.getPort(), contact.isSecure(), contact.getTransportParam())) {
            branch.pushRoute(factory.createAddress("<" + flow.route() + ">"));
        }
    }

    private static void cancel(Set<String> branches, LineSession line) {
        for (String leg : branches) {
            line.invites().take(leg).ifPresent(branch -> {
                try {
                    branch.createCancel().send();
                } catch (IOException | IllegalStateException e) {
                    LOG.info(() -> "CANCEL of " + branch.getRequestURI() + " not sent: " + e);
                }
            });
        }
    }

    /** The other party as the phones see it: its address without tag, within {@link CallerBounds}. */
    private Address partyOf(Address address) throws ServletParseException {
        if (CallerBounds.uriTooLong(address.getURI().toString())) {
            return factory.createAddress(CallerBounds.ANONYMOUS);
        }
        Address copy = (Address) address.clone();
        copy.removeParameter("tag");
        CallerBounds.shortened(copy.getDisplayName()).ifPresent(copy::setDisplayName);
        return copy;
    }
}
