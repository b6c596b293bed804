package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * The challenge every phone can answer by default, nonces that expire and cannot be replayed;
 * a lab line may trust its network instead.
 */
class DigestAuthenticationIT extends DeployedSca {

    /** MD5 alone unless configured: some phones (baresip 1.0) give up when SHA-256 is offered too. */
    @Test
    void aLineOffersMd5AloneByDefaultAndRefusesAnAnswerInAnotherAlgorithm() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = phone.request("REGISTER", ItLines.DEMO.aor()).remove("Contact");
            SipMessage challenge = phone.call(r);
            assertEquals(401, challenge.status());
            List<String> offers = challenge.headers("WWW-Authenticate");
            assertEquals(1, offers.size(), challenge.toString());
            assertEquals("MD5", TestPhone.challengeParams(offers.get(0)).get("algorithm"));
            String sha256 = offers.get(0).replace("algorithm=MD5", "algorithm=SHA-256");
            r.header("Via", phone.via()).header("CSeq", "2 REGISTER").header("Authorization", phone.authorization(sha256, r));
            assertEquals(401, phone.call(r).status(), "an answer to a challenge never offered");
        }
    }

    @Test
    void aStaleNonceGetsAFreshChallengeMarkedStale() throws InterruptedException {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = CallInfoSubscriptionIT.subscribe(phone, ItLines.DEMO, 300);
            SipMessage challenge = phone.call(r);
            // The test container's nonces live 4 s; nothing on the wire marks their end.
            Thread.sleep(5000);
            r.header("Via", phone.via()).header("CSeq", "2 SUBSCRIBE")
                    .header("Authorization", phone.authorization(challenge.headers("WWW-Authenticate").get(0), r));
            SipMessage stale = phone.call(r);
            assertEquals(401, stale.status());
            assertEquals("true", TestPhone.challengeParams(stale.headers("WWW-Authenticate").get(0)).get("stale"));
        }
    }

    @Test
    void aReplayedAuthorizationIsChallenged() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = phone.request("REGISTER", ItLines.DEMO.aor()).remove("Contact");
            assertEquals(200, phone.callAuthenticated(r).status());
            // The very same request again: same nonce, same nonce-count.
            r.header("Via", phone.via());
            SipMessage replay = phone.call(r);
            assertEquals(401, replay.status());
        }
    }

    @Test
    void aGarbledAuthorizationIsABadRequest() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage bad = phone.call(phone.request("REGISTER", ItLines.DEMO.aor())
                    .header("Authorization", "Digest username=\"osas_shared\""));
            assertEquals(400, bad.status());
            assertEquals(true, bad.reason().startsWith("Bad Authorization"), bad.reason());
        }
    }

    @Test
    void aTrustedNetworkNeedsNoDigest() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.LAB)) {
            SipMessage ok = phone.call(CallInfoSubscriptionIT.subscribe(phone, ItLines.LAB, 300));
            assertEquals(200, ok.status());
            assertEquals(CallInfoSubscriptionIT.IDLE_LINE, phone.awaitRequest("NOTIFY").header("Call-Info").orElseThrow());
        }
    }
}
