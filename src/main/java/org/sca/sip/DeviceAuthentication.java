package org.sca.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import org.sca.config.AuthThrottle;
import org.sca.config.LineConfig;
import org.sca.core.auth.AuthResult;
import org.sca.core.auth.DigestAuthenticator;
import org.sca.core.auth.FailureThrottle;
import org.sca.core.auth.NonceService;

/**
 * Who is asking, for a given line: a member authenticated by digest (RFC 3261 section 22,
 * RFC 8760), or any device on a network the line trusts. Everything else is answered here:
 * 401 with fresh challenges, 400 for a garbled Authorization, 403 for a non-member, and 403
 * to a source address that failed too often ({@link FailureThrottle}).
 *
 * <p>Challenges are not logged one by one: every phone is challenged at each REGISTER and
 * SUBSCRIBE, and a flood is challenged by the thousand. Failures are logged at most twice per
 * source address and window: at the first, and when the address is refused.
 */
final class DeviceAuthentication {

    private static final Logger LOG = Logger.getLogger(DeviceAuthentication.class.getName());
    /**
     * 65,536 addresses' counts take a few megabytes; beyond that the oldest window goes, so
     * spoofed source addresses cannot grow the heap.
     */
    private static final int TRACKED_SOURCES = 65_536;

    static final String UNAUTHORIZED = "Unauthorized";
    /** The reason phrase of the 403 to an address past its failed-authentication limit. */
    static final String THROTTLED = "Too many failed authentications";

    private final DigestAuthenticator digest;
    private final AuthThrottle limit;
    private final FailureThrottle failures;
    private final Clock clock;

    DeviceAuthentication(LiveConfig config, Clock clock) {
        // A secret per start: nonces from before a restart are rejected and re-challenged.
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // Passwords as the configuration in force has them: a reload applies to the next request.
        this.digest = new DigestAuthenticator(new NonceService(secret, clock, config.get().limits().nonceTtl()),
                authId -> config.get().passwordOf(authId));
        // Set at start, like the other global settings: a reload keeps the counts.
        this.limit = config.get().authThrottle();
        this.failures = new FailureThrottle(limit.maxFailures(), limit.window(), clock, TRACKED_SOURCES);
        this.clock = clock;
    }

    /**
     * @return the authenticated device (its authentication ID, or "trusted:ADDRESS"), or
     *         empty when this method already answered the request
     */
    Optional<String> authenticate(SipServletRequest request, LineConfig line) throws IOException {
        InetAddress source = InetAddress.getByName(request.getRemoteAddr());
        if (line.trusts(source)) {
            return Optional.of("trusted:" + request.getRemoteAddr());
        }
        Optional<Long> refused = refusedForSeconds(request.getRemoteAddr());
        if (refused.isPresent()) {
            Rejection.quietly(request, 403, THROTTLED, "Retry-After", Long.toString(refused.get()));
            return Optional.empty();
        }
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            challenge(request, line, false);
            return Optional.empty();
        }
        AuthResult result = digest.verify(request.getMethod(), authorization, line.host(), line.digestAlgorithms());
        if (result instanceof AuthResult.Authenticated ok) {
            if (!line.isMember(ok.username())) {
                Rejection.send(request, 403, "Not a member of this shared line");
                return Optional.empty();
            }
            return Optional.of(ok.username());
        }
        if (result instanceof AuthResult.Challenge again) {
            if (!again.stale()) {
                failed(request, line);
            }
            challenge(request, line, again.stale());
            return Optional.empty();
        }
        failed(request, line);
        Rejection.quietly(request, 400, ((AuthResult.Malformed) result).reason());
        return Optional.empty();
    }

    /** @return the seconds an address that failed too often must wait (for Retry-After), if it must */
    Optional<Long> refusedForSeconds(String address) {
        Optional<Instant> until = failures.refusedUntil(address);
        return until.map(u -> Math.max(1, Duration.between(clock.instant(), u).toSeconds()));
    }

    /** The WWW-Authenticate values of a fresh challenge for {@code line}. */
    List<String> challenges(LineConfig line, boolean stale) {
        // A realm per line: the AOR's host, which phones show and configure as "domain".
        return digest.challenges(line.host(), stale, line.digestAlgorithms());
    }

    /** Counts a failed authentication of the request's source address; logs the first and the last straw. */
    private void failed(SipServletRequest request, LineConfig line) {
        String address = request.getRemoteAddr();
        switch (failures.failed(address)) {
            case FIRST -> LOG.info(() -> "authentication failed: " + request.getMethod() + " for line '" + line.id()
                    + "' from " + address + ":" + request.getRemotePort() + "; further failures from " + address
                    + " are counted, not logged, and refused after " + limit.maxFailures() + " within " + limit.window().toSeconds() + " s");
            case LIMIT_REACHED -> LOG.warning(() -> address + " failed to authenticate " + limit.maxFailures() + " times within "
                    + limit.window().toSeconds() + " s (last for line '" + line.id() + "'): its requests are refused 403 for the rest of it");
            case COUNTED -> {
                // summed up by the two lines above
            }
        }
    }

    private void challenge(SipServletRequest request, LineConfig line, boolean stale) throws IOException {
        List<String> challenges = challenges(line, stale);
        String[] headers = new String[challenges.size() * 2];
        for (int i = 0; i < challenges.size(); i++) {
            headers[2 * i] = "WWW-Authenticate";
            headers[2 * i + 1] = challenges.get(i);
        }
        LineSession session = LineSession.existing(request.getApplicationSession());
        if (session != null) {
            session.challenged().challenged(request, clock.instant());
        }
        Rejection.quietly(request, 401, stale ? "Unauthorized (stale nonce)" : UNAUTHORIZED, headers);
    }
}
