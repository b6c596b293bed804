package org.sca.sip;

import java.io.IOException;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.config.TrunkLogin;

/**
 * A trunk's digest challenge (401/407) to a request the server sent it for a line's call (the
 * INVITE of a phone's call, a re-INVITE, a BYE): the server answers it with the line's trunk
 * login, as a phone registered to the PBX would, and the request goes again with the same
 * purpose. Each request is answered once: a retry challenged again is refused, and the side
 * that asked hears 403, not a challenge it has no password for.
 */
final class TrunkChallenges {

    private static final Logger LOG = Logger.getLogger(TrunkChallenges.class.getName());

    /** Headers the container writes itself (or that belong to the challenge just answered). */
    private static final Set<String> NOT_COPIED = Set.of("via", "from", "to", "call-id", "cseq", "contact", "route",
            "record-route", "max-forwards", "content-length", "content-type", "authorization", "proxy-authorization");

    private TrunkChallenges() {}

    static boolean isChallenge(int status) {
        return status == SipServletResponse.SC_UNAUTHORIZED || status == SipServletResponse.SC_PROXY_AUTHENTICATION_REQUIRED;
    }

    /** Whether the challenge was answered, and so is not the request's answer; false leaves it to the caller. */
    static boolean answer(SipServletResponse challenge, LineSession line) throws IOException {
        SipServletRequest sent = challenge.getRequest();
        Optional<TrunkLogin> login = line.config().trunkLogin();
        if (!isChallenge(challenge.getStatus()) || login.isEmpty()
                || !line.config().isTrunk(challenge.getRemoteAddr(), challenge.getRemotePort())
                || sent.getHeader("Authorization") != null || sent.getHeader("Proxy-Authorization") != null) {
            return false;
        }
        SipServletRequest retry;
        try {
            retry = challenge.getSession().createRequest(sent.getMethod());
        } catch (IllegalStateException e) {
            // A BYE's session has ended in the container: the call is over on our side either way.
            LOG.info(() -> sent.getMethod() + " to trunk " + challenge.getRemoteAddr() + " challenged; not sent again: " + e);
            return true;
        }
        copyHeaders(sent, retry);
        if (sent.getContentLength() > 0) {
            retry.setContent(sent.getRawContent(), sent.getContentType());
        }
        retry.addAuthHeader(challenge, login.get().user(), login.get().password());
        if (line.invites().peek(retry.getSession().getId()).isPresent()) {
            line.invites().add(retry); // a later CANCEL must name the INVITE now ringing
        }
        Optional<Pending> purpose = Pending.of(sent);
        LOG.fine(() -> sent.getMethod() + " to trunk " + challenge.getRemoteAddr() + " challenged " + challenge.getStatus()
                + "; sent again as " + login.get().user());
        if (purpose.isPresent()) {
            Pending.send(retry, purpose.get());
        } else {
            retry.send();
        }
        return true;
    }

    private static void copyHeaders(SipServletRequest from, SipServletRequest to) {
        for (Iterator<String> names = from.getHeaderNames(); names.hasNext(); ) {
            String name = names.next();
            if (NOT_COPIED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            to.removeHeader(name);
            for (ListIterator<String> values = from.getHeaders(name); values.hasNext(); ) {
                to.addHeader(name, values.next());
            }
        }
    }
}
