package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sca.it.TestPhone.Request;

/**
 * The call line as the call tests find it: a PBX on the line's trunk port and two phones (A
 * and B), registered and subscribed to call-info; the NOTIFYs every phone must see.
 */
@ExtendWith(SharedContainer.class)
abstract class LineFixture {

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
        TestPhone phone = new TestPhone(SharedContainer.get().sip(), credentials);
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


    /** The origin document's retrieve INVITE: to the server, From and To the line, an appearance. */
    Request retrieveInvite(TestPhone phone, int index) {
        return phone.request("INVITE", "sip:127.0.0.1:" + SharedContainer.get().sipPort())
                .header("From", "<sip:call_line@127.0.0.1>;tag=r" + phone.port() + System.nanoTime())
                .header("To", "<sip:call_line@127.0.0.1>")
                .header("Call-Info", HOST + ";appearance-index=" + index)
                .body("application/sdp", Sdp.of("desk", 7777, 7777, 16408, "sendrecv"));
    }
}
