package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * A phone's call through the line's trunks: tried in their configured order, the next one
 * taken when a trunk is out of service (503); a trunk's digest challenge answered by the
 * server with the line's trunk login, on the INVITE and on the BYE. A silent trunk (Timer B)
 * is in {@link LongLivedDialogsIT}, whose scenarios all wait for the SIP timers at once.
 */
class TrunkIT extends DeployedSca {

    private static final String REALM = "pbx.test";

    @Test
    void anOutOfServiceTrunkHandsTheCallToTheNextWhichIsAnsweredWithTheLineLogin() {
        try (TestPhone phone = registered(ItLines.TRUNK_AUTH);
             TestPhone down = trunk("down", ItLines.TRUNK_AUTH_DOWN_PORT);
             TestPhone up = trunk("up", ItLines.TRUNK_AUTH_UP_PORT)) {
            // A PBX that refuses the login twice: the phone hears 403, never a challenge it cannot answer.
            Request refused = CallSteps.dialOut(phone, ItLines.TRUNK_AUTH);
            down.reply(down.awaitRequest("INVITE"), 503, "Service Unavailable");
            SipMessage first = up.awaitRequest("INVITE");
            up.reply(first, 407, "Proxy Authentication Required", challenge("n-refused"));
            SipMessage again = up.awaitRequest(m -> m.method().equals("INVITE") && m.header("Proxy-Authorization").isPresent(),
                    "INVITE with credentials");
            up.reply(again, 407, "Proxy Authentication Required", challenge("n-refused-2"));
            assertEquals(403, phone.awaitFinal(refused).status());

            Request invite = CallSteps.dialOut(phone, ItLines.TRUNK_AUTH);
            down.reply(down.awaitRequest("INVITE"), 503, "Service Unavailable");
            SipMessage challenged = up.awaitRequest("INVITE");
            up.reply(challenged, 407, "Proxy Authentication Required", challenge("n-invite"));
            SipMessage answered = up.awaitRequest(m -> m.method().equals("INVITE") && m.header("Proxy-Authorization").isPresent(),
                    "INVITE with credentials");
            assertDigest(answered, "Proxy-Authorization", "n-invite");
            assertEquals(challenged.body(), answered.body(), "the retry offers the same SDP");
            up.replyWithBody(answered, 200, "OK", Sdp.of("pbx", 300, 300, 40300, "sendrecv"));
            SipMessage ok = phone.awaitFinal(invite);
            assertEquals(200, ok.status());
            phone.ack(invite, ok);
            up.awaitRequest("ACK");

            Request bye = phone.inDialogOf(ok, false, "BYE", invite.cseq() + 1).header("From", invite.get("From"));
            phone.send(bye);
            SipMessage byeChallenged = up.awaitRequest("BYE");
            up.reply(byeChallenged, 401, "Unauthorized", "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"n-bye\", algorithm=MD5");
            SipMessage byeAnswered = up.awaitRequest(m -> m.method().equals("BYE") && m.header("Authorization").isPresent(),
                    "BYE with credentials");
            assertDigest(byeAnswered, "Authorization", "n-bye");
            up.reply(byeAnswered, 200, "OK");
            assertEquals(200, phone.awaitFinal(bye).status());
        }
    }

    /** A PBX on one of the line's trunk ports. */
    private static TestPhone trunk(String name, int port) {
        return new TestPhone(SharedContainer.get().sip(), name, name, "none", port);
    }

    private static TestPhone registered(ItLines.Line line) {
        TestPhone phone = new TestPhone(SharedContainer.get().sip(), line);
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", line.aor()).header("Expires", "60")).status());
        return phone;
    }

    private static String challenge(String nonce) {
        return "Proxy-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5";
    }

    /** RFC 2617 3.2.2 without qop: the PBX checks the line's login the way Asterisk would. */
    private static void assertDigest(SipMessage request, String header, String nonce) {
        Map<String, String> p = TestPhone.challengeParams(request.header(header).orElseThrow());
        assertEquals(ItLines.TRUNK_USER, p.get("username"), request.toString());
        assertEquals(REALM, p.get("realm"));
        assertEquals(nonce, p.get("nonce"));
        String ha1 = md5(ItLines.TRUNK_USER + ":" + REALM + ":" + ItLines.TRUNK_PASSWORD);
        String ha2 = md5(request.method() + ":" + p.get("uri"));
        assertEquals(md5(ha1 + ":" + nonce + ":" + ha2), p.get("response"), "digest of the line's trunk login");
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
