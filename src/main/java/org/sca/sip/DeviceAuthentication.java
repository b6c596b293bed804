package org.sca.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import org.sca.config.LineConfig;
import org.sca.core.auth.AuthResult;
import org.sca.core.auth.DigestAuthenticator;
import org.sca.core.auth.NonceService;

/**
 * Who is asking, for a given line: a member authenticated by digest (RFC 3261 section 22,
 * RFC 8760), or any device on a network the line trusts. Everything else is answered here:
 * 401 with fresh challenges, 400 for a garbled Authorization, 403 for a non-member.
 */
final class DeviceAuthentication {

    private final DigestAuthenticator digest;

    DeviceAuthentication(LiveConfig config, Clock clock) {
        // A secret per start: nonces from before a restart are rejected and re-challenged.
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        // Passwords as the configuration in force has them: a reload applies to the next request.
        this.digest = new DigestAuthenticator(new NonceService(secret, clock, config.get().limits().nonceTtl()),
                authId -> config.get().passwordOf(authId));
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
        // A realm per line: the AOR's host, which phones show and configure as "domain".
        String realm = line.host();
        String authorization = request.getHeader("Authorization");
        if (authorization == null) {
            challenge(request, line, false);
            return Optional.empty();
        }
        AuthResult result = digest.verify(request.getMethod(), authorization, realm, line.digestAlgorithms());
        if (result instanceof AuthResult.Authenticated ok) {
            if (!line.isMember(ok.username())) {
                Rejection.send(request, 403, "Not a member of this shared line");
                return Optional.empty();
            }
            return Optional.of(ok.username());
        }
        if (result instanceof AuthResult.Challenge again) {
            challenge(request, line, again.stale());
            return Optional.empty();
        }
        Rejection.send(request, 400, ((AuthResult.Malformed) result).reason());
        return Optional.empty();
    }

    private void challenge(SipServletRequest request, LineConfig line, boolean stale) throws IOException {
        List<String> challenges = digest.challenges(line.host(), stale, line.digestAlgorithms());
        String[] headers = new String[challenges.size() * 2];
        for (int i = 0; i < challenges.size(); i++) {
            headers[2 * i] = "WWW-Authenticate";
            headers[2 * i + 1] = challenges.get(i);
        }
        Rejection.send(request, 401, stale ? "Unauthorized (stale nonce)" : "Unauthorized", headers);
    }
}
