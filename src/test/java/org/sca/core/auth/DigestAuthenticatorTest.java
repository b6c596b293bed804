package org.sca.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    private static final List<DigestAlgorithm> BOTH = List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256);
    private static final String REALM = "sca.test";
    private static final String URI = "sip:osas_shared@sca.test";
    private static final Duration TTL = Duration.ofSeconds(300);
    private static final Map<String, String> PASSWORDS = Map.of("osas_shared", "osas_shared", "alice-desk", "secret1");

    private final MutableClock clock = new MutableClock();
    private final NonceService nonces = new NonceService(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII), clock, TTL);
    private final DigestAuthenticator authenticator =
            new DigestAuthenticator(nonces, user -> Optional.ofNullable(PASSWORDS.get(user)));

    @Test
    void challengesOfferMd5FirstThenSha256WithOneNonce() throws Exception {
        List<String> challenges = authenticator.challenges(REALM, false, BOTH);
        assertEquals(2, challenges.size());
        Map<String, String> md5 = paramsOf(challenges.get(0));
        Map<String, String> sha = paramsOf(challenges.get(1));
        assertEquals("MD5", md5.get("algorithm"));
        assertEquals("SHA-256", sha.get("algorithm"));
        assertEquals(md5.get("nonce"), sha.get("nonce"));
        assertEquals(md5.get("opaque"), sha.get("opaque"));
        assertEquals(REALM, md5.get("realm"));
        assertEquals("auth", md5.get("qop"));
        assertTrue(challenges.get(0).matches("Digest realm=\"sca\\.test\", nonce=\"[^\"]+\", opaque=\"[^\"]+\","
                + " algorithm=MD5, qop=\"auth\""), challenges.get(0));
    }

    @Test
    void staleChallengesSaySo() throws Exception {
        for (String challenge : authenticator.challenges(REALM, true, BOTH)) {
            assertTrue(challenge.endsWith(", stale=true"), challenge);
            assertEquals("true", paramsOf(challenge).get("stale"));
        }
    }

    @Test
    void correctCredentialsAreAuthenticated() throws Exception {
        String nonce = freshNonce();
        assertEquals(new AuthResult.Authenticated("alice-desk"),
                authenticator.verify("REGISTER", header(DigestAlgorithm.MD5, "alice-desk", "secret1", nonce, 1), REALM, BOTH));
    }

    @Test
    void sha256CredentialsAreAuthenticated() throws Exception {
        String nonce = freshNonce();
        assertEquals(new AuthResult.Authenticated("osas_shared"), authenticator.verify("REGISTER",
                header(DigestAlgorithm.SHA_256, "osas_shared", "osas_shared", nonce, 1), REALM, BOTH));
    }

    @Test
    void credentialsWithoutQopAreAuthenticatedOnce() throws Exception {
        String nonce = freshNonce();
        String header = headerWithoutQop("alice-desk", "secret1", nonce);
        assertEquals(new AuthResult.Authenticated("alice-desk"), authenticator.verify("INVITE", header, REALM, BOTH));
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("INVITE", header, REALM, BOTH));
    }

    @Test
    void aWrongPasswordIsChallengedAndDoesNotBurnTheNonceCount() throws Exception {
        String nonce = freshNonce();
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "wrong", nonce, 1), REALM, BOTH));
        assertEquals(new AuthResult.Authenticated("alice-desk"), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "secret1", nonce, 1), REALM, BOTH));
    }

    @Test
    void aResponseForAnotherMethodIsChallenged() throws Exception {
        String header = header(DigestAlgorithm.MD5, "alice-desk", "secret1", freshNonce(), 1);
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("INVITE", header, REALM, BOTH));
    }

    @Test
    void anUnknownUserIsChallenged() throws Exception {
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "mallory", "secret1", freshNonce(), 1), REALM, BOTH));
    }

    @Test
    void anotherRealmIsChallenged() throws Exception {
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "secret1", freshNonce(), 1), "other.test", BOTH));
    }

    @Test
    void aForgedNonceIsChallengedEvenWithTheRightPassword() throws Exception {
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "secret1", forged, 1), REALM, BOTH));
    }

    @Test
    void aStaleNonceWithTheRightPasswordGetsAStaleChallenge() throws Exception {
        String nonce = freshNonce();
        clock.advance(TTL.plusSeconds(1));
        assertEquals(new AuthResult.Challenge(true), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "secret1", nonce, 1), REALM, BOTH));
    }

    @Test
    void aStaleNonceWithAWrongPasswordIsNotCalledStale() throws Exception {
        String nonce = freshNonce();
        clock.advance(TTL.plusSeconds(1));
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "wrong", nonce, 1), REALM, BOTH));
    }

    @Test
    void aReplayedNonceCountIsChallengedAndAHigherOneAccepted() throws Exception {
        String nonce = freshNonce();
        String first = header(DigestAlgorithm.MD5, "alice-desk", "secret1", nonce, 1);
        assertInstanceOf(AuthResult.Authenticated.class, authenticator.verify("REGISTER", first, REALM, BOTH));
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER", first, REALM, BOTH));
        assertInstanceOf(AuthResult.Authenticated.class, authenticator.verify("REGISTER",
                header(DigestAlgorithm.MD5, "alice-desk", "secret1", nonce, 2), REALM, BOTH));
    }

    @Test
    void aMalformedHeaderIsReportedWithItsReason() {
        assertEquals(new AuthResult.Malformed("Bad Authorization: missing nonce"), authenticator.verify("REGISTER",
                "Digest username=\"alice-desk\", realm=\"sca.test\", uri=\"sip:x\", response=\"00\"", REALM, BOTH));
    }

    @Test
    void credentialsOfAnotherSchemeAreChallenged() {
        assertEquals(new AuthResult.Challenge(false), authenticator.verify("REGISTER", "Basic YTpi", REALM, BOTH));
    }

    private String freshNonce() throws Exception {
        return paramsOf(authenticator.challenges(REALM, false, BOTH).get(0)).get("nonce");
    }

    private static Map<String, String> paramsOf(String challenge) throws Exception {
        return AuthParams.parse(challenge.substring("Digest".length()));
    }

    /** What a phone would send in a REGISTER after reading our challenge. */
    private static String header(DigestAlgorithm algorithm, String user, String password, String nonce, int nc) {
        String count = "%08x".formatted(nc);
        String cnonce = "c" + nc;
        String ha1 = algorithm.hex(user + ":" + REALM + ":" + password);
        String ha2 = algorithm.hex("REGISTER:" + URI);
        String response = algorithm.hex(ha1 + ":" + nonce + ":" + count + ":" + cnonce + ":auth:" + ha2);
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\", algorithm=" + algorithm.token() + ", qop=auth, nc=" + count
                + ", cnonce=\"" + cnonce + "\"";
    }

    private static String headerWithoutQop(String user, String password, String nonce) {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.hex(user + ":" + REALM + ":" + password);
        String response = md5.hex(ha1 + ":" + nonce + ":" + md5.hex("INVITE:" + URI));
        return "Digest username=\"" + user + "\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + URI
                + "\", response=\"" + response + "\"";
    }

    @Test
    void anAnswerWithAnAlgorithmNotOfferedIsChallengedAgain() throws Exception {
        String nonce = freshNonce();
        String sha = header(DigestAlgorithm.SHA_256, "alice-desk", "secret1", nonce, 1);
        assertEquals(new AuthResult.Challenge(false),
                authenticator.verify("REGISTER", sha, REALM, List.of(DigestAlgorithm.MD5)));
        List<String> md5Only = authenticator.challenges(REALM, false, List.of(DigestAlgorithm.MD5));
        assertEquals(1, md5Only.size());
        assertEquals("MD5", paramsOf(md5Only.get(0)).get("algorithm"));
    }
}
