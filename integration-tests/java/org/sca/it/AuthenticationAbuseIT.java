package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
