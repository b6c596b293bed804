package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * Two real SIP phones nobody here wrote (Debian's baresip) on a shared line, with an in-test
 * PBX on the line's trunk: a call from the PBX rings both, one answers, holds and resumes with
 * its own re-INVITEs and transfers with its own REFER; the other calls out. baresip does not
 * speak call-info, so a watcher subscribed to the line checks the appearance at every step;
 * the PBX checks what the server sends on the wire. A registers over UDP, B over TLS: B's
 * ringing, its CANCEL and its whole call out travel on the connection B opened.
 */
class BaresipIT extends DeployedSca {

    private static final String HOST = LineFixture.HOST;
    private static final String TRUNK = "127.0.0.1:" + ItLines.BARE_TRUNK_PORT;

    @BeforeAll
    static void baresipIsInstalled() {
        assumeTrue(Baresip.installed(),
                "BaresipIT skipped: no baresip on PATH (integration-tests/tools/install-test-tools.sh installs Debian's package)");
    }

    static String incoming(String state) {
        return HOST + ";appearance-index=1;appearance-state=" + state + ";" + LineFixture.CALLER_PARAM + "," + LineFixture.IDLE;
    }

    static String outgoing(String state) {
        return HOST + ";appearance-index=1;appearance-state=" + state + ";appearance-uri=\"<sip:4164542289@127.0.0.1>\","
                + LineFixture.IDLE;
    }

    /** {@code command} makes the phone re-INVITE; the PBX gets it with {@code direction} and accepts. */
    static SipMessage reInvited(TestPhone pbx, Baresip phone, String command, String direction, String pbxAnswer) {
        phone.command(command);
        SipMessage reinvite = pbx.awaitRequest("INVITE");
        assertTrue(reinvite.body().contains(direction), reinvite.toString());
        pbx.replyWithBody(reinvite, 200, "OK", pbxAnswer);
        pbx.awaitRequest("ACK");
        return reinvite;
    }

    static void sees(TestPhone watcher, String callInfo) {
        assertEquals(callInfo, LineFixture.callInfo(watcher.awaitRequest(m -> m.method().equals("NOTIFY")
                && m.header("Event").orElse("").equals("call-info"), "call-info NOTIFY")));
    }

    @Test
    void baresipPhonesRingAnswerHoldResumeTransferAndCallOut() throws IOException {
        InetSocketAddress server = SharedContainer.get().sip();
        try (TestPhone pbx = new TestPhone(server, "pbx", "pbx", "none", ItLines.BARE_TRUNK_PORT);
                TestPhone watcher = new TestPhone(server, ItLines.BARE_WATCH);
                Baresip a = new Baresip(ItLines.BARE_A, server, "udp");
                Baresip b = new Baresip(ItLines.BARE_B, SharedContainer.get().sipTls(), "tls")) {
            try {
                call(pbx, watcher, a, b);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- baresip A:\n" + a.log() + "\n--- baresip B:\n" + b.log(), e);
            }
        }
    }

    private static void call(TestPhone pbx, TestPhone watcher, Baresip a, Baresip b) {
        a.await("{0/UDP/v4} 200 OK");
        b.await("{0/TLS/v4} 200 OK");
        Request subscribe = CallInfoSubscriptionIT.subscribe(watcher, ItLines.BARE_WATCH, 300);
        SipMessage subscribed = watcher.callAuthenticated(subscribe);
        assertEquals(200, subscribed.status());
        sees(watcher, LineFixture.IDLE);

        // The PBX calls the line: both baresips ring; A answers.
        Request invite = pbx.request("INVITE", "sip:bare_line@127.0.0.1")
                .header("From", LineFixture.CALLER + ";tag=pbx" + System.nanoTime())
                .header("Contact", "<sip:pbx@" + TRUNK + ">")
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
        pbx.send(invite);
        a.await("Incoming call");
        b.await("Incoming call");
        sees(watcher, incoming("alerting"));
        a.command("/accept");
        SipMessage answered = pbx.awaitFinal(invite);
        assertEquals(200, answered.status());
        assertTrue(Sdp.media(answered).startsWith("m=audio "), answered.toString());
        pbx.ack(invite, answered);
        sees(watcher, incoming("active"));

        // A holds and resumes with its own re-INVITEs, which reach the PBX in its dialog.
        SipMessage hold = reInvited(pbx, a, "/hold", "a=sendonly", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        assertEquals(answered.tag("To").orElseThrow(), hold.tag("From").orElseThrow());
        sees(watcher, incoming("held"));
        reInvited(pbx, a, "/resume", "a=sendrecv", Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        sees(watcher, incoming("active"));

        // A transfers the caller to 201: the PBX gets the REFER and reports success.
        a.command("/transfer 201");
        SipMessage refer = pbx.awaitRequest("REFER");
        assertEquals("<sip:201@" + TRUNK + ">", refer.header("Refer-To").orElseThrow());
        pbx.reply(refer, 202, "Accepted");
        Request notify = pbx.inDialogOf(answered, false, "NOTIFY", invite.cseq() + 1).header("From", invite.get("From"))
                .header("Event", "refer").header("Subscription-State", "terminated;reason=noresource")
                .body("message/sipfrag;version=2.0", "SIP/2.0 200 OK\r\n");
        pbx.send(notify);
        assertEquals(200, pbx.awaitFinal(notify).status(), "baresip took the report");
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        sees(watcher, LineFixture.IDLE);

        // B calls out through the trunk, as the line.
        b.command("/dial 4164542289");
        SipMessage out = pbx.awaitRequest("INVITE");
        assertEquals("sip:4164542289@" + TRUNK, out.requestUri());
        assertTrue(out.header("From").orElseThrow().startsWith("\"Bare Line\" <sip:bare_line@127.0.0.1>"), out.toString());
        sees(watcher, outgoing("seized"));
        pbx.replyWithBody(out, 180, "Ringing", null);
        sees(watcher, outgoing("progressing"));
        pbx.replyWithBody(out, 200, "OK", Sdp.of("pbx", 300, 300, 41000, "sendrecv"));
        pbx.awaitRequest("ACK");
        sees(watcher, outgoing("active"));
        b.command("/hangup");
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        sees(watcher, LineFixture.IDLE);

        watcher.send(watcher.inDialog(subscribe, subscribed).header("Expires", "0"));
    }
}
