package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * What a password guesser or a flood of REGISTERs costs the server: no session per challenge,
 * a refusal for the guessing address once it failed too often, and never for the line's phones
 * at other addresses; one or two log lines per address instead of one per request.
 */
class AuthenticationAbuseIT extends DeployedSca {

    /** The shared container runs with the default throttle: 20 failures per address and minute. */
    private static final int MAX_FAILURES = 20;
    private static final int CHALLENGED = 300;

    @Test
    void unauthenticatedRegistersLeaveNoSession() {
        AdminClient operator = AdminClient.operator(sca);
        double before = operator.metric("sca_sip_sessions");
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.REGISTRAR)) {
            for (int i = 0; i < CHALLENGED; i++) {
                assertEquals(401, phone.call(phone.request("REGISTER", ItLines.REGISTRAR.aor())).status());
            }
            // Each used to leave a session for good; sessions of other classes may end meanwhile.
            double after = operator.metric("sca_sip_sessions");
            assertTrue(after - before < CHALLENGED / 10.0, "sessions before " + before + ", after " + after);
            // The retry of a challenge is judged by the servlet and gets its 200.
            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.REGISTRAR.aor())).status());
        }
    }

    @Test
    void aPhonesInviteIsChallengedStatelesslyAndItsAckAbsorbed() {
        AdminClient operator = AdminClient.operator(sca);
        double before = operator.metric("sca_sip_sessions");
        int consoleBefore = SharedContainer.get().console().length();
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.REGISTRAR)) {
            for (int i = 0; i < CHALLENGED / 10; i++) {
                Request invite = retrieveInvite(phone);
                SipMessage challenge = phone.call(invite); // and its ACK
                assertEquals(401, challenge.status());
                SipMessage again = phone.call(invite);
                assertEquals(401, again.status(), "a retransmission");
                assertEquals(challenge.header("To"), again.header("To"), "RFC 3261 8.2.7: the same To tag for the same request");
            }
            double after = operator.metric("sca_sip_sessions");
            assertTrue(after - before < CHALLENGED / 100.0, "sessions before " + before + ", after " + after);
            String console = SharedContainer.get().console().substring(consoleBefore);
            assertFalse(console.contains("ACK"), "an ACK of a stateless answer goes nowhere, unlogged:\n" + console);
        }
    }

    /**
     * Over TCP the retry follows the ACK of the 401 at once: it used to be able to reach the
     * session the container was ending with the 401's transaction (see StatelessChallenges).
     */
    @Test
    void theRetryOfAChallengedInviteOverTcpIsJudged() {
        try (TestPhone phone = new TestPhone(StreamLink.tcp(SharedContainer.get().sip()), null, true, ItLines.REGISTRAR)) {
            for (int i = 0; i < CHALLENGED / 10; i++) {
                SipMessage refused = phone.callAuthenticated(retrieveInvite(phone));
                assertEquals(403, refused.status(), "retry " + i + ": " + refused);
                assertEquals("Appearance is idle", refused.reason());
            }
        }
    }

    @Test
    void registersWithWrongCredentialsLeaveNoSession() throws UnknownHostException, InterruptedException {
        AdminClient operator = AdminClient.operator(sca);
        double before = operator.metric("sca_sip_sessions");
        int wrong = 0;
        // Below each address's limit, so that every one is judged and challenged by the servlet.
        for (int address = 3; address < 8; address++) {
            try (TestPhone guesser = new TestPhone(SharedContainer.get().sip(), ItLines.REGISTRAR,
                    InetAddress.getByName("127.0.0." + address))) {
                for (int i = 0; i < MAX_FAILURES - 1; i++, wrong++) {
                    assertEquals(401, guess(guesser, ItLines.REGISTRAR, "guess-" + i).status());
                }
            }
        }
        // The server waits 2 s for retries that will not come, then the line's next challenge by
        // the servlet releases the sessions: nothing on the wire marks those 2 s.
        Thread.sleep(2500);
        try (TestPhone guesser = new TestPhone(SharedContainer.get().sip(), ItLines.REGISTRAR, InetAddress.getByName("127.0.0.8"))) {
            assertEquals(401, guess(guesser, ItLines.REGISTRAR, "one more").status());
        }
        double after = operator.metric("sca_sip_sessions");
        assertTrue(after - before < wrong / 10.0, wrong + " wrong answers: sessions before " + before + ", after " + after);
    }

    @Test
    void aGuessingAddressIsRefusedAndTheLinesPhonesAreNot() throws UnknownHostException {
        InetAddress elsewhere = InetAddress.getByName("127.0.0.2");
        // Only this test's lines: other classes on the shared container use 127.0.0.2 too (ConnectionsIT).
        int consoleBefore = SharedContainer.get().console().length();
        try (TestPhone guesser = new TestPhone(SharedContainer.get().sip(), ItLines.PRESENCE, elsewhere);
                TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.PRESENCE_BOB)) {
            for (int i = 0; i < MAX_FAILURES; i++) {
                assertEquals(401, guess(guesser, ItLines.PRESENCE, "guess-" + i).status(), "wrong password " + i);
            }
            SipMessage refused = guesser.callAuthenticated(guesser.request("REGISTER", ItLines.PRESENCE.aor()));
            assertEquals(403, refused.status(), "even the right password, from the guessing address");
            assertEquals("Too many failed authentications", refused.reason());
            int retryAfter = Integer.parseInt(refused.header("Retry-After").orElseThrow());
            assertTrue(retryAfter > 0 && retryAfter <= 60, refused.toString());

            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.PRESENCE.aor())).status(),
                    "a phone of the line at another address");

            String console = SharedContainer.get().console().substring(consoleBefore);
            long lines = console.lines().filter(l -> l.contains("127.0.0.2")).count();
            assertEquals(2, lines, "the first failure and the refusal, nothing per request:\n" + console);
        }
    }

    /** A phone of the registrar's line picking up appearance 1, which no call holds. */
    private static Request retrieveInvite(TestPhone phone) {
        String line = "<" + ItLines.REGISTRAR.aor() + ">";
        return phone.request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", line + ";tag=r" + phone.port() + System.nanoTime())
                .header("To", line)
                .header("Call-Info", "<sip:127.0.0.1>;appearance-index=1")
                .body("application/sdp", Sdp.of("desk", 7777, 7777, 16408, "sendrecv"));
    }

    /** A REGISTER through the challenge with a wrong password: the answer to the retry. */
    private static SipMessage guess(TestPhone guesser, ItLines.Line line, String password) {
        Request r = guesser.request("REGISTER", line.aor());
        SipMessage challenge = guesser.call(r);
        assertEquals(401, challenge.status());
        r.header("Via", guesser.via()).header("CSeq", "2 REGISTER")
                .header("Authorization", guesser.authorization(challenge.headers("WWW-Authenticate").get(0), r, password));
        return guesser.call(r);
    }
}
