package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sca.it.TestPhone.Request;

/**
 * The call line as the call tests find it: a PBX on the line's trunk port and two phones (A
 * and B), registered and subscribed to call-info; the NOTIFYs every phone must see.
 */
abstract class LineFixture extends DeployedSca {

    static final String HOST = "<sip:127.0.0.1>";
    static final String IDLE = HOST + ";appearance-index=*;appearance-state=idle";
    static final String CALLER = "\"Ovidiu Sas (c)\" <sip:4164542289@pbx.test>";
    static final String CALLER_PARAM = "appearance-uri=\"\\\"Ovidiu Sas (c)\\\" <sip:4164542289@pbx.test>\"";

    TestPhone pbx;
    TestPhone a;
    TestPhone b;
    final List<TestPhone> phones = new ArrayList<>();
    /** Each phone's call-info SUBSCRIBE and its 200, to end the subscription after the test. */
    private final Map<TestPhone, Map.Entry<Request, SipMessage>> subscriptions = new HashMap<>();

    @BeforeEach
    void pbxAndTwoPhones() {
        pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", ItLines.TRUNK_PORT);
        a = onTheLine(ItLines.CALL_A);
        b = onTheLine(ItLines.CALL_B);
    }

    /** A phone registered on the call line and subscribed to its call-info (idle seen). */
    TestPhone onTheLine(ItLines.Line credentials) {
        return onTheLine(credentials, new UdpLink(SharedContainer.get().sip(), 0));
    }

    /** As {@link #onTheLine(ItLines.Line)}, on a link of the test's choosing. */
    TestPhone onTheLine(ItLines.Line credentials, PhoneLink link) {
        TestPhone phone = new TestPhone(link, null, true, credentials);
        phones.add(phone);
        Request register = phone.request("REGISTER", credentials.aor()).header("Expires", "300");
        assertEquals(200, phone.callAuthenticated(register).status());
        Request subscribe = CallInfoSubscriptionIT.subscribe(phone, credentials, 300);
        SipMessage subscribed = phone.callAuthenticated(subscribe);
        assertEquals(200, subscribed.status());
        subscriptions.put(phone, Map.entry(subscribe, subscribed));
        assertEquals(IDLE, callInfo(phone.awaitRequest("NOTIFY")));
        return phone;
    }

    @AfterEach
    void leaveTheLine() {
        pbx.close();
        for (TestPhone phone : phones) {
            // A later test's phone may get this one's port: no NOTIFY of this test may reach it.
            Map.Entry<Request, SipMessage> subscription = subscriptions.get(phone);
            if (subscription != null) {
                Request unsubscribe = phone.inDialog(subscription.getKey(), subscription.getValue()).header("Expires", "0");
                phone.send(unsubscribe);
                phone.awaitResponseOrNull(unsubscribe, TestPhone.WAIT);
            }
            Request unregister = phone.request("REGISTER", ItLines.CALL_A.aor()).header("Expires", "0");
            phone.callAuthenticated(unregister.header("From", "<sip:call_line@127.0.0.1>;tag=bye")
                    .header("To", "<sip:call_line@127.0.0.1>"));
            phone.close();
        }
    }

    static String callInfo(SipMessage notify) {
        return String.join(",", notify.elements("Call-Info"));
    }

    static String appearance(int index, String state) {
        return HOST + ";appearance-index=" + index + ";appearance-state=" + state + ";" + CALLER_PARAM + "," + IDLE;
    }

    void everyPhoneSees(String callInfo) {
        for (TestPhone phone : phones) {
            assertEquals(callInfo, callInfo(phone.awaitRequest(m -> m.method().equals("NOTIFY")
                    && m.header("Event").orElse("").equals("call-info"), "call-info NOTIFY")), "NOTIFY at phone " + phone.port());
        }
    }


    /** A request of the PBX in its dialog of an answered call. */
    Request pbxInDialog(Answered call, String method, long cseq) {
        return pbx.inDialogOf(call.atPbx(), false, method, cseq).header("From", call.invite().get("From"));
    }

    /** The origin document's retrieve INVITE: to the server, From and To the line, an appearance. */
    Request retrieveInvite(TestPhone phone, int index) {
        return phone.request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", "<sip:call_line@127.0.0.1>;tag=r" + phone.port() + System.nanoTime())
                .header("To", "<sip:call_line@127.0.0.1>")
                .header("Call-Info", HOST + ";appearance-index=" + index)
                .body("application/sdp", Sdp.of("desk", 7777, 7777, 16408, "sendrecv"));
    }

    /** A call from the PBX for the call line, with the origin document's caller. */
    Request pbxInvite() {
        return pbxInvite("sip:call_line@127.0.0.1");
    }

    Request pbxInvite(String requestUri) {
        return pbx.request("INVITE", requestUri)
                .header("To", "<sip:call_line@127.0.0.1>")
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
        SipMessage ok = CallSteps.answer(pbx, invite, a, atA, b, atB);
        everyPhoneSees(appearance(1, "active"));
        return ok;
    }

    /** An answered call on appearance 1: A has it. */
    record Answered(Request invite, SipMessage atA, SipMessage atPbx) {}

    Answered answered() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        return new Answered(invite, rung[0], answerAtA(invite, rung[0], rung[1]));
    }

    /** A holds the call; with {@code privately}, asks for a private hold. */
    void holdAtA(Answered call, boolean privately, String expectedState) {
        Request hold = a.inDialogOf(call.atA(), true, "INVITE", 1)
                .body("application/sdp", Sdp.of("desk-a", 5959, 5960, 16424, "sendonly"));
        if (privately) {
            hold.header("Call-Info", HOST + ";appearance-index=1;appearance-state=held-private");
        }
        a.send(hold);
        SipMessage reHold = pbx.awaitRequest("INVITE");
        pbx.replyWithBody(reHold, 200, "OK", Sdp.of("pbx", 100, 101, 40000, "recvonly"));
        SipMessage ok = a.awaitFinal(hold);
        a.ack(hold, ok);
        everyPhoneSees(appearance(1, expectedState));
    }

    /** Ends the call from the PBX side: both legs end, the line is idle for the next test. */
    void pbxHangsUp(Answered call, TestPhone owner) {
        pbxHangsUp(call, owner, call.invite().cseq() + 1);
    }

    /** As {@link #pbxHangsUp(Answered, TestPhone)}, after the PBX sent requests of its own in the dialog. */
    void pbxHangsUp(Answered call, TestPhone owner, long cseq) {
        assertEquals(200, pbx.call(pbxInDialog(call, "BYE", cseq)).status());
        SipMessage atOwner = owner.awaitRequest("BYE");
        owner.reply(atOwner, 200, "OK");
        everyPhoneSees(IDLE);
    }

    /** Both phones ring (180) for the INVITEs they got. */
    void bothRinging(SipMessage[] rung) {
        a.replyWithBody(rung[0], 180, "Ringing", null);
        b.replyWithBody(rung[1], 180, "Ringing", null);
        pbx.awaitResponse(m -> m.status() == 180, "180");
    }

    /** Both phones are CANCELled, answer as phones do, and the line is idle again. */
    void bothCancelled(SipMessage[] rung) {
        for (int i = 0; i < 2; i++) {
            TestPhone phone = i == 0 ? a : b;
            phone.reply(phone.awaitRequest("CANCEL"), 200, "OK");
            phone.reply(rung[i], 487, "Request Terminated");
        }
        everyPhoneSees(IDLE);
    }
}
