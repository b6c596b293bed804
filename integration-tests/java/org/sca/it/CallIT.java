package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sca.it.TestPhone.Request;

/**
 * The origin document's flow, end to end through the real container: a PBX call for the line
 * rings two phones with an appearance number, one answers, holds, the other retrieves the held
 * call by bridging, and hangs up. At every step: what each phone is NOTIFYed, what the PBX
 * sees (SDP origins, BYE), and that nothing of one leg leaks to the other.
 */
@ExtendWith(SharedContainer.class)
class CallIT {

    static final String HOST = "<sip:127.0.0.1>";
    static final String IDLE = HOST + ";appearance-index=*;appearance-state=idle";
    static final String CALLER = "\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>";
    static final String CALLER_PARAM = "appearance-uri=\"\\\"Ovidiu Sas (c)\\\" <sip:4164542289@pbx.test>\"";

    private TestPhone pbx;
    private TestPhone a;
    private TestPhone b;
    private final List<TestPhone> phones = new ArrayList<>();

    @BeforeEach
    void pbxAndTwoPhones() {
        pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", ItLines.TRUNK_PORT);
        a = onTheLine(ItLines.CALL_A);
        b = onTheLine(ItLines.CALL_B);
    }

    /** A phone registered on the call line and subscribed to its call-info (idle seen). */
    TestPhone onTheLine(ItLines.Line credentials) {
        TestPhone phone = new TestPhone(SharedContainer.get().sip(), credentials);
        phones.add(phone);
        Request register = phone.request("REGISTER", credentials.aor()).header("Expires", "300");
        assertEquals(200, phone.callAuthenticated(register).status());
        Request subscribe = CallInfoSubscriptionIT.subscribe(phone, credentials, 300);
        assertEquals(200, phone.callAuthenticated(subscribe).status());
        assertEquals(IDLE, callInfo(phone.awaitRequest("NOTIFY")));
        return phone;
    }

    @AfterEach
    void leaveTheLine() {
        for (TestPhone phone : phones) {
            Request unregister = phone.request("REGISTER", ItLines.CALL_A.aor()).header("Expires", "0");
            phone.callAuthenticated(unregister.header("From", "<sip:call_line@127.0.0.1>;tag=bye")
                    .header("To", "<sip:call_line@127.0.0.1>"));
            phone.close();
        }
        pbx.close();
    }

    static String callInfo(SipMessage notify) {
        return String.join(",", notify.elements("Call-Info"));
    }

    static String appearance(int index, String state) {
        return HOST + ";appearance-index=" + index + ";appearance-state=" + state + ";" + CALLER_PARAM + "," + IDLE;
    }

    void everyPhoneSees(String callInfo) {
        for (TestPhone phone : phones) {
            assertEquals(callInfo, callInfo(phone.awaitRequest("NOTIFY")), "NOTIFY at phone " + phone.port());
        }
    }

    Request pbxInvite() {
        return pbx.request("INVITE", "sip:call_line@127.0.0.1")
                .header("From", CALLER + ";tag=pbx" + System.nanoTime())
                .header("Contact", "<sip:pbx@127.0.0.1:" + ItLines.TRUNK_PORT + ">")
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
    }

    /** Rings both phones; returns the INVITE each phone got, after both saw "alerting". */
    SipMessage[] ring(Request invite) {
        pbx.send(invite);
        SipMessage atA = a.awaitRequest("INVITE");
        SipMessage atB = b.awaitRequest("INVITE");
        everyPhoneSees(appearance(1, "alerting"));
        return new SipMessage[] {atA, atB};
    }

    /** A answers; B is CANCELled; the PBX gets A's SDP and ACKs. */
    SipMessage answerAtA(Request invite, SipMessage atA, SipMessage atB) {
        a.replyWithBody(atA, 180, "Ringing", null);
        b.replyWithBody(atB, 180, "Ringing", null);
        assertEquals(180, pbx.awaitResponse(m -> m.status() == 180, "180 at the PBX").status());
        a.replyWithBody(atA, 200, "OK", Sdp.of("desk-a", 5959, 5959, 16424, "sendrecv"));
        SipMessage cancel = b.awaitRequest("CANCEL");
        b.reply(cancel, 200, "OK");
        b.reply(atB, 487, "Request Terminated");
        SipMessage ok = pbx.awaitFinal(invite);
        assertEquals(200, ok.status());
        pbx.ack(invite, ok);
        a.awaitRequest("ACK");
        everyPhoneSees(appearance(1, "active"));
        return ok;
    }

    @Test
    void incomingCallHoldRetrieveFromTheOtherPhoneAndHangUp() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        for (SipMessage atPhone : rung) {
            assertEquals(HOST + ";appearance-index=1", atPhone.header("Call-Info").orElseThrow());
            assertNotEquals(invite.get("Call-ID"), atPhone.callId(), "top hiding: new Call-ID");
            assertFalse(atPhone.toString().contains(":" + ItLines.TRUNK_PORT), "top hiding: nothing of the PBX leg\n" + atPhone);
            assertTrue(atPhone.header("From").orElseThrow().contains("4164542289"), atPhone.toString());
            assertEquals("100 100", Sdp.origin(atPhone), "the PBX's offer goes out as it came");
        }

        SipMessage answered = answerAtA(invite, rung[0], rung[1]);
        assertEquals("5959 5959", Sdp.origin(answered), "the PBX leg takes the answering phone's origin");
        assertFalse(answered.toString().contains(":" + a.port()), "top hiding: nothing of the phone leg\n" + answered);

        // Step 4: A holds.
        Request hold = a.inDialogOf(rung[0], true, "INVITE", 1).body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly"));
        a.send(hold);
        SipMessage reHold = pbx.awaitRequest("INVITE");
        assertEquals(answered.tag("To").orElseThrow(), reHold.tag("From").orElseThrow(), "the hold travels in the PBX's dialog");
        assertEquals("5959 5960", Sdp.origin(reHold));
        assertTrue(reHold.body().contains("a=sendonly"), reHold.toString());
        pbx.replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        SipMessage holdOk = a.awaitFinal(hold);
        assertEquals(200, holdOk.status());
        assertEquals("100 101", Sdp.origin(holdOk));
        a.ack(hold, holdOk);
        everyPhoneSees(appearance(1, "held"));

        // Steps 5 and 6: B picks the held call up; the server bridges it and drops A.
        Request retrieve = b.request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", "<sip:call_line@127.0.0.1>;tag=rb" + b.port())
                .header("To", "<sip:call_line@127.0.0.1>")
                .header("Call-Info", HOST + ";appearance-index=1")
                .body("application/sdp", Sdp.of("desk-b", 7777, 7777, 16408, "sendrecv"));
        SipMessage challenge = b.call(retrieve);
        assertEquals(401, challenge.status());
        b.send(b.withAuthorization(retrieve, challenge));
        SipMessage bridge = pbx.awaitRequest("INVITE");
        assertEquals("5959 5961", Sdp.origin(bridge), "same origin on the PBX leg, version +1");
        assertTrue(Sdp.media(bridge).contains("16408"), "B's media goes to the PBX\n" + bridge);
        pbx.replyWithBody(bridge, 200, "OK", Sdp.of("pbx", 100, 102, 40000, "sendrecv"));
        SipMessage retrieved = b.awaitFinal(retrieve);
        assertEquals(200, retrieved.status());
        assertTrue(Sdp.media(retrieved).contains("40000"), "the PBX's media goes to B\n" + retrieved);
        b.ack(retrieve, retrieved);
        SipMessage byeA = a.awaitRequest("BYE");
        a.reply(byeA, 200, "OK");
        everyPhoneSees(appearance(1, "active"));

        // B hangs up: the PBX gets the BYE, the line is idle.
        Request bye = b.inDialogOf(retrieved, false, "BYE", retrieve.cseq() + 1);
        assertEquals(200, b.call(bye).status());
        SipMessage byePbx = pbx.awaitRequest("BYE");
        pbx.reply(byePbx, 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void cancelFromThePbxStopsEveryPhone() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        a.replyWithBody(rung[0], 180, "Ringing", null);
        b.replyWithBody(rung[1], 180, "Ringing", null);
        pbx.awaitResponse(m -> m.status() == 180, "180");
        pbx.send(pbx.cancel(invite));
        assertEquals(487, pbx.awaitFinal(invite).status());
        for (int i = 0; i < 2; i++) {
            TestPhone phone = i == 0 ? a : b;
            SipMessage cancel = phone.awaitRequest("CANCEL");
            phone.reply(cancel, 200, "OK");
            phone.reply(rung[i], 487, "Request Terminated");
        }
        everyPhoneSees(IDLE);
    }
}
