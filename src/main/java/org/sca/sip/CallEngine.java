package org.sca.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.sip.Address;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.SipSession;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.TimerService;
import org.sca.core.Appearance;
import org.sca.core.AppearanceEvent;
import org.sca.core.AppearanceState;
import org.sca.core.Binding;
import org.sca.core.CallInfoCodec;
import org.sca.core.CallInfoEntry;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.Retrieval;
import org.sca.core.Transitions;
import org.sca.core.sdp.HoldDetection;
import org.sca.core.sdp.MalformedSdpException;
import org.sca.core.sdp.SessionDescription;

/**
 * The back-to-back user agent of the shared line: an incoming call from the PBX rings every
 * registered phone with its appearance number, the first answer wins, in-dialog requests are
 * relayed leg to leg (re-INVITEs decide hold and resume), another phone retrieves a held call
 * by bridging, and a BYE or a dead leg ends both legs. Every leg is a SipSession the server
 * created or answered itself, so nothing of one leg (Call-ID, Via, Contact, Record-Route)
 * reaches the other: top hiding without B2buaHelper's linking.
 */
final class CallEngine {

    private static final Logger LOG = Logger.getLogger(CallEngine.class.getName());
    private static final String SDP = "application/sdp";
    /** Request attribute: the request on the other leg that this one relays. */
    private static final String RELAY_OF = "sca.relayOf";
    /** Request attribute: the retrieving phone's INVITE that this re-INVITE to the PBX serves. */
    private static final String RETRIEVE_FOR = "sca.retrieveFor";
    /** Request attribute: the appearance event a phone's re-INVITE means once it succeeds. */
    private static final String EVENT = "sca.event";

    private final SipFactory factory;
    private final TimerService timers;
    private final Duration ringTimeout;
    private final Clock clock;
    private final DeviceAuthentication authentication;
    private final CallInfoSubscriptions subscriptions;
    private final LineSeizes seizes;

    CallEngine(SipFactory factory, TimerService timers, Duration ringTimeout, Clock clock,
            DeviceAuthentication authentication, CallInfoSubscriptions subscriptions, LineSeizes seizes) {
        this.factory = factory;
        this.timers = timers;
        this.ringTimeout = ringTimeout;
        this.clock = clock;
        this.authentication = authentication;
        this.subscriptions = subscriptions;
        this.seizes = seizes;
    }

    /** An initial INVITE: a call from the PBX, a phone retrieving a held call, or a phone calling out. */
    void invite(SipServletRequest invite, LineSession line) throws IOException, ServletException {
        SessionDescription offer;
        try {
            offer = sdpOf(invite);
        } catch (MalformedSdpException e) {
            Rejection.send(invite, 400, e.getMessage());
            return;
        }
        String lineUser = line.config.user();
        String fromUser = userOf(invite.getFrom());
        boolean fromTheLine = lineUser.equalsIgnoreCase(fromUser);
        if (!fromTheLine && line.config.isTrunk(invite.getRemoteAddr(), invite.getRemotePort())) {
            incoming(invite, line, offer);
            return;
        }
        if (authentication.authenticate(invite, line.config).isEmpty()) {
            return;
        }
        String requestUser = invite.getRequestURI() instanceof SipURI sip ? sip.getUser() : null;
        boolean hasToTag = invite.getTo().getParameter("tag") != null;
        if (Retrieval.isRetrieve(requestUser, fromUser, userOf(invite.getTo()), hasToTag, lineUser)) {
            retrieve(invite, line, offer);
        } else {
            outgoing(invite, line, offer);
        }
    }

    private void incoming(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException, ServletException {
        if (offer == null) {
            Rejection.send(invite, 488, "Incoming call needs an SDP offer");
            return;
        }
        OptionalInt free = line.own.lowestIdle();
        if (free.isEmpty()) {
            Rejection.send(invite, 486, "All appearances in use");
            return;
        }
        List<Binding> phones = line.bindings.liveAt(clock.instant());
        if (phones.isEmpty()) {
            Rejection.send(invite, 480, "No phone registered on the line");
            return;
        }
        int index = free.getAsInt();
        DialogLifetime.begin(invite.getSession(), DialogLifetime.Use.CALL);
        Address caller = (Address) invite.getFrom().clone();
        caller.removeParameter("tag");
        Call call = new Call(index, caller.toString(), false, invite);
        call.trunkSdp = offer;
        invite.getSession().setAttribute(Call.INDEX, index);
        Address lineAddress = factory.createAddress(line.config.aor());
        for (Binding phone : phones) {
            SipServletRequest branch = factory.createRequest(invite.getApplicationSession(), "INVITE", caller, lineAddress);
            branch.setRequestURI(factory.createURI(phone.contact()));
            branch.setHeader("Call-Info", CallInfoCodec.formatIndex(line.config.host(), index));
            ring(call, branch, offer);
        }
        line.calls.put(index, call);
        timers.createTimer(invite.getApplicationSession(), ringTimeout.toMillis(), false,
                new Timeouts.RingDue(index, call.trunkLeg));
        transition(line, call, AppearanceEvent.RING, invite.getApplicationSession());
    }

    /** Timer: nobody answered a call from the PBX in time; the PBX gets one final answer. */
    void ringTimeout(SipApplicationSession app, LineSession line, int index, String trunkLeg) throws IOException {
        Call call = line.calls.get(index);
        if (call == null || call.answered || !trunkLeg.equals(call.trunkLeg)) {
            return;
        }
        cancelRinging(call);
        call.inbound.createResponse(480, "No answer").send();
        end(call, line, app, null);
    }

    /**
     * A phone of the line calls out (the issue's "outgoing call"): on the appearance it seized
     * or named in Call-Info, else the lowest idle one, as the line, through the line's trunk.
     */
    private void outgoing(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException, ServletException {
        OptionalInt asked;
        try {
            asked = Headers.appearanceIndex(invite);
        } catch (MalformedCallInfoException e) {
            Rejection.send(invite, 400, e.getMessage());
            return;
        }
        OptionalInt free = asked.isPresent() ? asked : line.own.lowestIdle();
        if (free.isEmpty()) {
            Rejection.send(invite, 486, "All appearances in use");
            return;
        }
        int index = free.getAsInt();
        if (!line.own.isValidIndex(index)) {
            Rejection.send(invite, 400, "Bad Call-Info: appearance-index beyond the line's appearances");
            return;
        }
        String phone = Headers.phoneOf(invite);
        Appearance current = line.own.appearance(index);
        boolean seizedByCaller = current.state() == AppearanceState.SEIZED && phone.equals(current.owner());
        if (current.state() != AppearanceState.IDLE && !seizedByCaller) {
            Rejection.send(invite, 403, "Appearance is in use by another phone");
            return;
        }
        if (line.config.trunks().isEmpty()) {
            Rejection.send(invite, 503, "No trunk configured for the line");
            return;
        }
        if (offer == null) {
            Rejection.send(invite, 488, "Outgoing call needs an SDP offer");
            return;
        }
        DialogLifetime.begin(invite.getSession(), DialogLifetime.Use.CALL);
        Address dialled = (Address) invite.getTo().clone();
        dialled.removeParameter("tag");
        Call call = new Call(index, dialled.toString(), true, invite);
        call.owner = phone;
        invite.getSession().setAttribute(Call.INDEX, index);
        var trunk = line.config.trunks().get(0);
        String user = invite.getRequestURI() instanceof SipURI sip && sip.getUser() != null ? sip.getUser() : userOf(invite.getTo());
        String target = "sip:" + user + "@" + trunk.host() + (trunk.port().isPresent() ? ":" + trunk.port().getAsInt() : "");
        Address asTheLine = factory.createAddress("\"" + line.config.displayName() + "\" <" + line.config.aor() + ">");
        SipServletRequest toPbx = factory.createRequest(invite.getApplicationSession(), "INVITE", asTheLine, factory.createAddress("<" + target + ">"));
        toPbx.setRequestURI(factory.createURI(target));
        line.calls.put(index, call);
        ring(call, toPbx, offer);
        if (current.state() == AppearanceState.IDLE) {
            // Dialling without a seize still takes the appearance: no incoming call may land on it.
            transition(line, call, AppearanceEvent.SEIZE, invite.getApplicationSession());
        }
    }

    /** Sends an INVITE on a leg the server creates for the call. */
    private static void ring(Call call, SipServletRequest branch, SessionDescription offer) throws IOException {
        String leg = branch.getSession().getId();
        branch.setContent(bytes(call.toLeg(leg, offer)), SDP);
        branch.getSession().setAttribute(Call.INDEX, call.index);
        call.ringing.put(leg, branch);
        branch.send();
    }

    private void retrieve(SipServletRequest invite, LineSession line, SessionDescription offer) throws IOException {
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
        Call call = line.calls.get(index.getAsInt());
        AppearanceState state = line.own.isValidIndex(index.getAsInt())
                ? line.own.appearance(index.getAsInt()).state() : AppearanceState.IDLE;
        var refusal = call == null || !call.answered
                ? Retrieval.refusal(AppearanceState.IDLE, false)
                : Retrieval.refusal(state, Headers.phoneOf(invite).equals(call.owner));
        if (refusal.isEmpty() && call.retrieving) {
            refusal = Optional.of("Appearance is being retrieved by another phone");
        }
        if (refusal.isPresent()) {
            Rejection.send(invite, 403, refusal.get());
            return;
        }
        if (offer == null) {
            Rejection.send(invite, 488, "Retrieve needs an SDP offer");
            return;
        }
        call.retrieving = true;
        DialogLifetime.begin(invite.getSession(), DialogLifetime.Use.CALL);
        invite.getSession().setAttribute(Call.INDEX, call.index);
        SipServletRequest bridge = invite.getApplicationSession().getSipSession(call.trunkLeg).createRequest("INVITE");
        bridge.setContent(bytes(call.toLeg(call.trunkLeg, offer)), SDP);
        bridge.setAttribute(RETRIEVE_FOR, invite);
        bridge.send();
    }

    /** A request inside a call's dialog: relayed to the other leg (re-INVITE, INFO, UPDATE ...). */
    void relay(SipServletRequest request, LineSession line) throws IOException {
        Call call = callOf(request, line);
        String leg = request.getSession().getId();
        if (call == null || !call.answered || !call.isLeg(leg)) {
            Rejection.send(request, 481, "Call/Transaction Does Not Exist");
            return;
        }
        if (call.retrieving) {
            Rejection.send(request, 491, "Request Pending");
            return;
        }
        SessionDescription sdp;
        try {
            sdp = sdpOf(request);
        } catch (MalformedSdpException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        SipApplicationSession app = request.getApplicationSession();
        SipServletRequest out = app.getSipSession(call.peerOf(leg)).createRequest(request.getMethod());
        if (sdp != null) {
            out.setContent(bytes(call.toLeg(call.peerOf(leg), sdp)), SDP);
            if (leg.equals(call.trunkLeg)) {
                call.trunkSdp = sdp;
            } else if (request.getMethod().equals("INVITE")) {
                request.setAttribute(EVENT, holdEvent(request, sdp));
            }
        } else if (request.getContentLength() > 0) {
            out.setContent(request.getRawContent(), request.getContentType());
        }
        out.setAttribute(RELAY_OF, request);
        out.send();
    }

    /** CANCEL of the INVITE that started a call: the container has answered 487; stop the legs ringing. */
    void cancel(SipServletRequest cancel, LineSession line) {
        Call call = callOf(cancel, line);
        if (call == null || call.answered) {
            return;
        }
        cancelRinging(call);
        end(call, line, cancel.getApplicationSession(), null);
    }

    void bye(SipServletRequest bye, LineSession line) throws IOException {
        bye.createResponse(200).send();
        Call call = callOf(bye, line);
        String leg = bye.getSession().getId();
        if (call != null && call.isLeg(leg)) {
            end(call, line, bye.getApplicationSession(), leg);
        }
    }

    void provisional(SipServletResponse response, LineSession line) throws IOException {
        Call call = callOf(response, line);
        int status = response.getStatus();
        if (call == null || call.answered || status == 100 || !call.ringing.containsKey(response.getSession().getId())) {
            return;
        }
        if (!call.outgoing) {
            // Phones ring; the PBX hears ringing (their early media, if any, stays on the phones).
            call.inbound.createResponse(180).send();
            return;
        }
        call.inbound.createResponse(status == 183 ? 183 : 180).send();
        if (line.own.appearance(call.index).state() == AppearanceState.SEIZED) {
            seizes.callProgressing(response.getApplicationSession(), line, call.index);
            transition(line, call, AppearanceEvent.DIAL_PROGRESS, response.getApplicationSession());
        }
    }

    void success(SipServletResponse response, LineSession line) throws IOException {
        SipServletRequest sent = response.getRequest();
        Call call = callOf(response, line);
        boolean invite = response.getMethod().equals("INVITE");
        if (invite) {
            response.createAck().send();
        }
        if (call == null) {
            if (invite) {
                // An answer after the call ended, e.g. a phone that answered as it was CANCELled.
                response.getSession().createRequest("BYE").send();
            }
            return;
        }
        SessionDescription sdp;
        try {
            sdp = sdpOf(response);
        } catch (MalformedSdpException e) {
            LOG.info(() -> "appearance " + call.index + " on " + line.config.id() + ": " + e.getMessage() + "; ending the call");
            end(call, line, response.getApplicationSession(), null);
            return;
        }
        if (sent.getAttribute(RETRIEVE_FOR) instanceof SipServletRequest retriever) {
            bridged(call, line, retriever, sdp, response.getApplicationSession());
        } else if (sent.getAttribute(RELAY_OF) instanceof SipServletRequest original) {
            relayed(call, line, original, response, sdp);
        } else if (invite && call.ringing.containsKey(response.getSession().getId()) && !call.answered) {
            answered(call, line, response, sdp);
        } else if (invite) {
            response.getSession().createRequest("BYE").send();
        }
    }

    void failure(SipServletResponse response, LineSession line) throws IOException {
        Call call = callOf(response, line);
        if (call == null) {
            return;
        }
        SipServletRequest sent = response.getRequest();
        String leg = response.getSession().getId();
        int status = response.getStatus();
        if (sent.getAttribute(RETRIEVE_FOR) instanceof SipServletRequest retriever) {
            call.retrieving = false;
            retriever.createResponse(legGone(status) ? 503 : status).send();
            DialogLifetime.end(retriever.getSession(), DialogLifetime.Use.CALL);
            if (legGone(status)) {
                end(call, line, response.getApplicationSession(), leg);
                DialogLifetime.gone(response.getSession());
            }
        } else if (sent.getAttribute(RELAY_OF) instanceof SipServletRequest original) {
            original.createResponse(status).send();
            if (legGone(status)) {
                end(call, line, response.getApplicationSession(), leg);
                DialogLifetime.gone(response.getSession());
            }
        } else if (call.ringing.remove(leg) != null && call.ringing.isEmpty() && !call.answered) {
            // Every leg declined or failed: one final answer. The PBX of an incoming call hears
            // busy if a phone said so; a phone calling out hears what the PBX said.
            int answer = call.outgoing ? status : status == 486 || status == 600 || status == 603 ? 486 : 480;
            if (status != 487) {
                call.inbound.createResponse(answer).send();
            }
            end(call, line, response.getApplicationSession(), null);
        } else if ((sent.getMethod().equals("BYE") || legGone(status)) && call.isLeg(leg)) {
            end(call, line, response.getApplicationSession(), leg);
            if (legGone(status)) {
                DialogLifetime.gone(response.getSession());
            }
        }
    }

    /** The phone or PBX never ACKed the 2xx the server sent on this leg: the call ends (RFC 3261 13.3.1.4). */
    void neverAcknowledged(SipServletRequest invite, LineSession line) {
        Call call = callOf(invite, line);
        if (call != null && call.isLeg(invite.getSession().getId())) {
            LOG.info(() -> "appearance " + call.index + " on " + line.config.id() + ": 2xx never ACKed; ending the call");
            end(call, line, invite.getApplicationSession(), null);
        }
    }

    /** 481 or 408 (also what the container reports for a timed-out transaction): the leg is gone. */
    private static boolean legGone(int status) {
        return status == 481 || status == 408;
    }

    /** The first leg to answer gets the call; the others stop ringing; the INVITE that started it is answered. */
    private void answered(Call call, LineSession line, SipServletResponse answer, SessionDescription sdp) throws IOException {
        String leg = answer.getSession().getId();
        DialogLifetime.begin(answer.getSession(), DialogLifetime.Use.CALL);
        call.ringing.remove(leg);
        cancelRinging(call);
        if (call.outgoing) {
            call.trunkLeg = leg;
            call.trunkSdp = sdp;
        } else {
            call.phoneLeg = leg;
            call.owner = Headers.phoneOf(answer);
        }
        call.answered = true;
        SipServletResponse ok = call.inbound.createResponse(200);
        if (sdp != null) {
            ok.setContent(bytes(call.toLeg(call.inbound.getSession().getId(), sdp)), SDP);
        }
        ok.send();
        transition(line, call, AppearanceEvent.ANSWER, answer.getApplicationSession());
    }

    /** The PBX took the retrieving phone's SDP: answer that phone, drop the one that held. */
    private void bridged(Call call, LineSession line, SipServletRequest retriever, SessionDescription trunkAnswer,
            SipApplicationSession app) throws IOException {
        if (trunkAnswer != null) {
            call.trunkSdp = trunkAnswer;
        }
        String previous = call.phoneLeg;
        call.origins.remove(previous);
        call.phoneLeg = retriever.getSession().getId();
        call.owner = Headers.phoneOf(retriever);
        SipServletResponse ok = retriever.createResponse(200);
        ok.setContent(bytes(call.toLeg(call.phoneLeg, call.trunkSdp)), SDP);
        ok.send();
        call.retrieving = false;
        SipSession old = app.getSipSession(previous);
        old.removeAttribute(Call.INDEX);
        old.createRequest("BYE").send();
        DialogLifetime.end(old, DialogLifetime.Use.CALL);
        AppearanceState state = line.own.appearance(call.index).state();
        transition(line, call, state == AppearanceState.HELD ? AppearanceEvent.RETRIEVE : AppearanceEvent.RESUME, app);
    }

    /** The other leg accepted a relayed request: answer the original with its result. */
    private void relayed(Call call, LineSession line, SipServletRequest original, SipServletResponse response,
            SessionDescription sdp) throws IOException {
        String originLeg = original.getSession().getId();
        SipServletResponse ok = original.createResponse(response.getStatus());
        if (sdp != null) {
            if (response.getSession().getId().equals(call.trunkLeg)) {
                call.trunkSdp = sdp;
            }
            ok.setContent(bytes(call.toLeg(originLeg, sdp)), SDP);
        }
        ok.send();
        if (original.getAttribute(EVENT) instanceof AppearanceEvent event) {
            transition(line, call, event, original.getApplicationSession());
        }
    }

    /**
     * Ends the call: BYE to the leg that did not end it, appearance idle, phones told. The
     * legs' dialogs end with it: by that BYE, the one received, or the final answer sent.
     */
    private void end(Call call, LineSession line, SipApplicationSession app, String endedBy) {
        line.calls.remove(call.index);
        for (String leg : new String[] {call.trunkLeg, call.phoneLeg}) {
            SipSession s = leg == null ? null : app.getSipSession(leg);
            if (call.answered && !leg.equals(endedBy) && s != null && s.isValid() && s.getState() == SipSession.State.CONFIRMED) {
                try {
                    s.createRequest("BYE").send();
                } catch (IOException | IllegalStateException e) {
                    LOG.info(() -> "BYE on " + leg + " not sent: " + e);
                }
            }
            DialogLifetime.end(s, DialogLifetime.Use.CALL);
        }
        transition(line, call, AppearanceEvent.END, app);
    }

    private void cancelRinging(Call call) {
        for (SipServletRequest branch : call.ringing.values()) {
            try {
                branch.createCancel().send();
            } catch (IOException | IllegalStateException e) {
                LOG.info(() -> "CANCEL of " + branch.getRequestURI() + " not sent: " + e);
            }
        }
        call.ringing.clear();
    }

    private void transition(LineSession line, Call call, AppearanceEvent event, SipApplicationSession app) {
        AppearanceState from = line.own.appearance(call.index).state();
        var to = Transitions.next(from, event);
        if (to.isEmpty()) {
            LOG.info(() -> "appearance " + call.index + " on " + line.config.id() + ": " + event + " ignored in " + from);
            return;
        }
        line.own = line.own.with(to.get() == AppearanceState.IDLE
                ? Appearance.idle(call.index)
                : new Appearance(call.index, to.get(), call.owner, call.remoteParty));
        subscriptions.lineChanged(app, line);
    }

    /** What a phone's re-INVITE asks of its appearance (sca-behaviour.md, "Hold"). */
    private static AppearanceEvent holdEvent(SipServletRequest reinvite, SessionDescription offer) {
        if (!HoldDetection.isHold(offer)) {
            return AppearanceEvent.RESUME;
        }
        try {
            for (CallInfoEntry e : CallInfoCodec.parse(Headers.all(reinvite, "Call-Info"))) {
                if (e.state().orElse(null) == AppearanceState.HELD_PRIVATE) {
                    return AppearanceEvent.HOLD_PRIVATE;
                }
            }
        } catch (MalformedCallInfoException ignored) {
            // A garbled Call-Info on a hold is still a hold: the public kind.
        }
        return AppearanceEvent.HOLD;
    }

    private static Call callOf(SipServletMessage message, LineSession line) {
        Object index = message.getSession().getAttribute(Call.INDEX);
        return index == null ? null : line.calls.get((Integer) index);
    }

    private static SessionDescription sdpOf(SipServletMessage message) throws MalformedSdpException, IOException {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0 || message.getContentType() == null
                || !message.getContentType().toLowerCase(Locale.ROOT).startsWith(SDP)) {
            return null;
        }
        return SessionDescription.parse(new String(raw, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(SessionDescription sdp) {
        return sdp.format().getBytes(StandardCharsets.UTF_8);
    }

    private static String userOf(Address address) {
        return address.getURI() instanceof SipURI sip ? sip.getUser() : null;
    }

}
