package org.sca.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.EventHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.sca.config.LineConfig;
import org.sca.core.call.InviteKind;
import org.sca.core.subscription.EventPackage;
import org.sca.stack.EarlyAnswers;
import org.sca.stack.StatelessReply;

/**
 * Challenges a REGISTER, a SUBSCRIBE that would begin a subscription the server serves, or a
 * phone's INVITE, without credentials at the stack, statelessly (RFC 3261 8.2.7): no
 * transaction, no container session and no wait for the line's lock. A flood of such REGISTERs
 * on one line otherwise queued behind the line's lock (the container runs a line's requests one
 * at a time) with a session each, and the line's own phones waited behind it. A challenged
 * SUBSCRIBE's or INVITE's session is one the container ends itself when the 401's transaction
 * ends (JSR 289 6.2.1): over TCP at once, or at the INVITE's ACK (Timers J and I are 0 on a
 * reliable transport), so the retry, which carries the same Call-ID and From tag, could be
 * handed that session as it was invalidated (a 500; see "The container"); with no session for
 * the 401, the retry begins a fresh one. The ACK of a stateless 401 to an INVITE is known by its
 * To tag and dropped ({@link StatelessTags}). The answer is the one the servlet would give: the
 * same challenges from the same {@link DeviceAuthentication}, or its 403 to an address past its
 * failed-authentication limit. Everything else (credentials to judge, trusted networks, no such
 * line: one log line there) goes on to the servlet.
 */
final class StatelessChallenges implements EarlyAnswers {

    private static final Logger LOG = Logger.getLogger(StatelessChallenges.class.getName());

    private final LiveConfig config;
    private final DeviceAuthentication authentication;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final StatelessTags tags = new StatelessTags();

    StatelessChallenges(LiveConfig config, DeviceAuthentication authentication) {
        this.config = config;
        this.authentication = authentication;
    }

    @Override
    public boolean answered(SIPRequest request, MessageChannel channel) {
        if (request.getMethod().equals(Request.ACK)) {
            return tags.acknowledgesOwnAnswer(request); // RFC 3261 8.2.7: ignored
        }
        if (request.getHeader(AuthorizationHeader.NAME) != null || request.getToTag() != null) {
            return false;
        }
        // The peer's address as received: a literal, never a name to look up.
        boolean fromPacket = channel.getPeerPacketSourceAddress() != null;
        String address = fromPacket ? channel.getPeerPacketSourceAddress().getHostAddress() : channel.getPeerAddress();
        int port = fromPacket ? channel.getPeerPacketSourcePort() : channel.getPeerPort();
        Optional<LineConfig> line = challengedLine(request, address, port);
        if (line.isEmpty()) {
            return false;
        }
        try {
            if (line.get().trusts(InetAddress.getByName(address))) {
                return false;
            }
            Optional<Long> refused = authentication.refusedForSeconds(address);
            SIPResponse response;
            if (refused.isPresent()) {
                response = request.createResponse(Response.FORBIDDEN, DeviceAuthentication.THROTTLED);
                response.addHeader(headers.createRetryAfterHeader(refused.get().intValue()));
            } else {
                response = request.createResponse(Response.UNAUTHORIZED, DeviceAuthentication.UNAUTHORIZED);
                for (String challenge : authentication.challenges(line.get(), false)) {
                    response.addHeader(headers.createHeader("WWW-Authenticate", challenge));
                }
            }
            response.getTo().setTag(tags.of(request));
            StatelessReply.send(response, channel);
            Meters.rejected(response.getStatusCode());
        } catch (ParseException | javax.sip.InvalidArgumentException | IOException e) {
            // Not answered here: the servlet answers it the stateful way.
            LOG.warning(() -> "stateless answer to " + request.getMethod() + " from " + address + " not sent: " + e);
            return false;
        }
        return true;
    }

    /**
     * The line whose servlet would challenge this request (outside any dialog, without
     * credentials) before anything else: a REGISTER; a SUBSCRIBE to a package the server serves
     * (any other gets the servlet's 400 or 489 first); an INVITE of a phone (one from the PBX
     * is not authenticated), of the line {@link LineKey#lineOf} finds for it.
     */
    private Optional<LineConfig> challengedLine(SIPRequest request, String address, int port) {
        return switch (request.getMethod()) {
            case Request.REGISTER -> LineKey.lineNamed(config.get(), aor(request.getRequestURI()));
            case Request.SUBSCRIBE -> request.getHeader(EventHeader.NAME) instanceof EventHeader event
                    && EventPackage.SUBSCRIBABLE.contains(event.getEventType().toLowerCase(Locale.ROOT))
                    ? LineKey.lineNamed(config.get(), aor(request.getRequestURI())) : Optional.empty();
            case Request.INVITE -> {
                LineKey.Aor target = aor(request.getRequestURI());
                LineKey.Aor to = aor(request.getTo().getAddress().getURI());
                LineKey.Aor from = aor(request.getFrom().getAddress().getURI());
                yield LineKey.lineOf(config.get(), target, to, from).filter(line -> InviteKind.of(line.isTrunk(address, port),
                        target.user(), from.user(), to.user(), false, line.user()).needsMember());
            }
            default -> Optional.empty();
        };
    }

    private static LineKey.Aor aor(URI uri) {
        return uri instanceof SipURI sip ? new LineKey.Aor(sip.getUser(), sip.getHost()) : LineKey.Aor.NONE;
    }
}
