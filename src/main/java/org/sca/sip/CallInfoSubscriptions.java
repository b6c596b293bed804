package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import javax.servlet.sip.SipServletRequest;
import org.sca.config.Caps;
import org.sca.config.Limits;
import org.sca.core.Expiry;
import org.sca.core.subscription.EventPackage;

/**
 * SUBSCRIBE to the call-info event package (RFC 6665 subscriptions, BroadWorks SCA state in
 * Call-Info): every member's subscription to its line. {@link Subscriptions} keeps them and
 * sends the NOTIFYs.
 */
final class CallInfoSubscriptions {

    /** BroadWorks and Cisco SPA subscribe for an hour when they send no Expires. */
    private static final int DEFAULT_EXPIRES = 3600;

    private final Limits limits;
    private final Caps caps;
    private final Subscriptions subscriptions;

    CallInfoSubscriptions(Limits limits, Caps caps, Subscriptions subscriptions) {
        this.limits = limits;
        this.caps = caps;
        this.subscriptions = subscriptions;
    }

    /** A SUBSCRIBE inside an existing subscription dialog: refresh or unsubscribe. */
    void resubscribe(SipServletRequest request, LineSession line) throws IOException {
        String key = request.getSession().getId();
        Optional<EventPackage.CallInfo> current = line == null ? Optional.empty()
                : line.subscriptions().about(key, EventPackage.CallInfo.class);
        if (current.isEmpty()) {
            Rejection.send(request, 481, "Subscription does not exist");
            return;
        }
        subscribe(request, line, key, current.get().device());
    }

    /** An initial SUBSCRIBE from an authenticated member, within the caps of its device and line. */
    void subscribe(SipServletRequest request, LineSession line, String device) throws IOException {
        Optional<String> beyond = line.subscriptions().beyond(caps.subscriptionsPerLine(), caps.subscriptionsPerDevice(),
                DialogRecords.targetOf(request));
        if (beyond.isPresent()) {
            Rejection.send(request, 403, beyond.get());
            return;
        }
        subscribe(request, line, request.getSession().getId(), device);
    }

    /**
     * A call-info SUBSCRIBE in a dialog that outlived a restart, which the container hands
     * over as a new request: a refresh of the subscription restored for that dialog.
     *
     * @return false, nothing answered, when the request is in no such dialog
     */
    boolean resubscribeRestored(SipServletRequest request) throws IOException {
        LineSession line = LineSession.existing(request.getApplicationSession());
        if (line == null || !request.getMethod().equals("SUBSCRIBE")
                || !Headers.eventPackage(request).filter(EventPackage.CALL_INFO::equals).isPresent()) {
            return false;
        }
        Optional<String> key = line.subscriptions().keyOfRequest(request.getCallId(),
                request.getFrom().getParameter("tag"), request.getTo().getParameter("tag"));
        Optional<EventPackage.CallInfo> about = key.flatMap(k -> line.subscriptions().about(k, EventPackage.CallInfo.class));
        if (about.isEmpty()) {
            return false;
        }
        subscribe(request, line, key.get(), about.get().device());
        return true;
    }

    private void subscribe(SipServletRequest request, LineSession line, String key, String device) throws IOException {
        OptionalLong asked;
        try {
            asked = Headers.expires(request);
        } catch (IllegalArgumentException e) {
            Rejection.send(request, 400, e.getMessage());
            return;
        }
        Expiry expiry = Expiry.judge(asked, DEFAULT_EXPIRES, limits.subscriptionMinExpires(), limits.subscriptionMaxExpires());
        if (expiry instanceof Expiry.TooBrief brief) {
            Rejection.tooBrief(request, brief);
        } else if (expiry instanceof Expiry.Granted granted) {
            subscriptions.grant(request, line, key, new EventPackage.CallInfo(device), granted.seconds());
        } else if (line.subscriptions().get(key).isPresent()) {
            subscriptions.unsubscribe(request, line, key);
        } else {
            subscriptions.fetch(request, line, key, new EventPackage.CallInfo(device));
        }
    }
}
