package org.sca.sip;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerService;
import org.sca.config.Limits;
import org.sca.core.Appearance;
import org.sca.core.AppearanceState;
import org.sca.core.CallInfoCodec;
import org.sca.core.CallInfoEntry;
import org.sca.core.Expiry;
import org.sca.core.MalformedCallInfoException;
import org.sca.core.Publication;
import org.sca.core.call.CallerBounds;
import org.sca.store.StateStore;

/**
 * PUBLISH of call-info state (RFC 3903) by a line's configured publishers, typically a PBX
 * that knows of calls the server does not bridge. Published appearances are merged into
 * what subscribers see (see {@link Publication#overlay}).
 */
final class CallInfoPublications {

    /** RFC 3903 section 6: a publication without Expires lasts an hour. */
    private static final int DEFAULT_EXPIRES = 3600;
    private static final SecureRandom ETAGS = new SecureRandom();

    private final Limits limits;
    private final Clock clock;
    private final TimerService timers;
    private final Subscriptions subscriptions;
    private final StateStore store;

    CallInfoPublications(Limits limits, Clock clock, TimerService timers, Subscriptions subscriptions, StateStore store) {
        this.limits = limits;
        this.clock = clock;
        this.timers = timers;
        this.subscriptions = subscriptions;
        this.store = store;
    }

    void publish(SipServletRequest request, LineSession line) throws IOException {
        if (!line.config().isPublisher(request.getRemoteAddr(), request.getRemotePort())) {
            Rejection.send(request, 403, "Not a publisher for this line");
            return;
        }
        OptionalLong asked;
        List<Appearance> reported;
        try {
            asked = Headers.expires(request);
            reported = appearances(request, line);
        } catch (IllegalArgumentException | MalformedCallInfoException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        String ifMatch = request.getHeader("SIP-If-Match");
        Publication existing = ifMatch == null ? null : line.line().publication(ifMatch.trim()).orElse(null);
        if (ifMatch != null && existing == null) {
            Rejection.send(request, 412, "Conditional Request Failed");
            return;
        }
        Expiry expiry = Expiry.judge(asked, DEFAULT_EXPIRES, limits.subscriptionMinExpires(), limits.subscriptionMaxExpires());
        if (expiry instanceof Expiry.TooBrief brief) {
            Rejection.tooBrief(request, brief);
            return;
        }
        if (expiry instanceof Expiry.Remove) {
            if (existing == null) {
                Rejection.send(request, 400, "Expires: 0 needs SIP-If-Match");
                return;
            }
            SipServletResponse ok = request.createResponse(200);
            ok.setHeader("Expires", "0");
            ok.send();
            store.publicationEnded(line.config().id(), existing.etag());
            subscriptions.show(request.getApplicationSession(), line, line.line().withdraw(existing.etag()));
            return;
        }
        if (existing == null && reported == null) {
            Rejection.send(request, 400, "Missing Call-Info");
            return;
        }
        int seconds = ((Expiry.Granted) expiry).seconds();
        Instant expiresAt = clock.instant().plusSeconds(seconds);
        String etag = HexFormat.of().toHexDigits(ETAGS.nextLong());
        // RFC 3903: a refresh (no body, here no Call-Info) keeps the state, a modify replaces it.
        Publication next = reported == null
                ? existing.refreshed(etag, expiresAt)
                : new Publication(etag, reported, expiresAt);
        timers.createTimer(request.getApplicationSession(), seconds * 1000L, false, new TimerPayload.PublicationDue(etag));
        SipServletResponse ok = request.createResponse(200);
        ok.setHeader("SIP-ETag", etag);
        ok.setHeader("Expires", Integer.toString(seconds));
        ok.send();
        if (existing != null) {
            store.publicationEnded(line.config().id(), existing.etag());
        }
        store.publication(line.config().id(), next);
        subscriptions.show(request.getApplicationSession(), line, line.line().publish(next, Optional.ofNullable(existing)));
    }

    /** Timer: withdraws the publication if it was not refreshed or modified in time. */
    void expireIfDue(SipApplicationSession appSession, LineSession line, String etag) {
        subscriptions.show(appSession, line, line.line().expirePublication(etag, clock.instant()));
        if (line.line().publication(etag).isEmpty()) {
            store.publicationEnded(line.config().id(), etag);
        }
    }

    /**
     * The busy appearances a PUBLISH reports, or null when it carries no Call-Info. Each
     * {@code appearance-uri} goes to every subscriber's NOTIFY, so it is held to the bounds of
     * the server's own callers ({@link CallerBounds#bounded}).
     */
    private static List<Appearance> appearances(SipServletRequest request, LineSession line) throws MalformedCallInfoException {
        List<String> values = Headers.all(request, "Call-Info");
        if (values.isEmpty()) {
            return null;
        }
        List<Appearance> busy = new ArrayList<>();
        for (CallInfoEntry e : CallInfoCodec.parse(values)) {
            if (e.index().isEmpty() || e.state().isEmpty() || e.state().get() == AppearanceState.IDLE) {
                continue;
            }
            int index = e.index().getAsInt();
            line.line().checkIndex(index);
            busy.add(new Appearance(index, e.state().get(), null, e.appearanceUri().map(CallerBounds::bounded).orElse(null)));
        }
        return busy;
    }
}
