package org.sca.sip;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.MessageChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
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
import org.sca.core.subscription.EventPackage;
import org.sca.stack.EarlyAnswers;
import org.sca.stack.StatelessReply;

/**
 * Challenges a REGISTER, or a SUBSCRIBE that would begin a subscription the server serves,
 * without credentials at the stack, statelessly (RFC 3261 8.2.7): no transaction, no container
 * session and no wait for the line's lock. A flood of such REGISTERs on one line otherwise
 * queued behind the line's lock (the container runs a line's requests one at a time) with a
 * session each, and the line's own phones waited behind it. A challenged SUBSCRIBE's session
 * is one the container ends itself when the 401's transaction ends (JSR 289 6.2.1): at once
 * over TCP (Timer J is 0 on a reliable transport), so the retry, which carries the same
 * Call-ID and From tag, could be handed that session as it was invalidated (a 500; see "The
 * container"); with no session for the 401, the retry begins a fresh one. The answer is the
 * one the servlet would give: the same challenges from the same {@link DeviceAuthentication}, or
 * its 403 to an address past its failed-authentication limit. Everything else (credentials to
 * judge, trusted networks, no such line: one log line there) goes on to the servlet.
 */
final class StatelessChallenges implements EarlyAnswers {

    private static final Logger LOG = Logger.getLogger(StatelessChallenges.class.getName());
    /** RFC 3261 19.3: at least 32 bits of randomness. */
    private static final int TAG_BYTES = 8;

    private final LiveConfig config;
    private final DeviceAuthentication authentication;
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final SecureRandom random = new SecureRandom();

    StatelessChallenges(LiveConfig config, DeviceAuthentication authentication) {
        this.config = config;
        this.authentication = authentication;
    }

    @Override
    public boolean answered(SIPRequest request, MessageChannel channel) {
        if (!isChallengeable(request)) {
            return false;
        }
        Optional<LineConfig> line = lineOf(request.getRequestURI());
        if (line.isEmpty()) {
            return false;
        }
        try {
            // The peer's address as received: a literal, never a name to look up.
            String address = channel.getPeerAddress();
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
            byte[] tag = new byte[TAG_BYTES];
            random.nextBytes(tag);
            response.getTo().setTag(HexFormat.of().formatHex(tag));
            StatelessReply.send(response, channel);
            Meters.rejected(response.getStatusCode());
        } catch (ParseException | javax.sip.InvalidArgumentException | IOException e) {
            // Not answered here: the servlet answers it the stateful way.
            LOG.warning(() -> "stateless answer to " + request.getMethod() + " from " + channel.getPeerAddress() + " not sent: " + e);
            return false;
        }
        return true;
    }

    /**
     * A request outside any dialog without credentials that the servlet would challenge first:
     * a REGISTER, or a SUBSCRIBE to a package the server serves (any other gets the servlet's
     * 400 or 489 before authentication).
     */
    private static boolean isChallengeable(SIPRequest request) {
        if (request.getHeader(AuthorizationHeader.NAME) != null || request.getToTag() != null) {
            return false;
        }
        return switch (request.getMethod()) {
            case Request.REGISTER -> true;
            case Request.SUBSCRIBE -> request.getHeader(EventHeader.NAME) instanceof EventHeader event
                    && EventPackage.SUBSCRIBABLE.contains(event.getEventType().toLowerCase(Locale.ROOT));
            default -> false;
        };
    }

    private Optional<LineConfig> lineOf(URI uri) {
        return uri instanceof SipURI sip ? LineKey.lineNamed(config.get(), sip.getUser(), sip.getHost()) : Optional.empty();
    }
}
