package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sca.it.TestPhone.Request;

/** Requests no well-behaved phone sends get the precise answer RFC 3261 names, and change nothing. */
@ExtendWith(SharedContainer.class)
class MalformedRequestsIT {

    @Test
    void anUnknownMethodIsNotImplementedWithAllow() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage r = phone.call(phone.request("FOO", ItLines.DEMO.aor()));
            assertEquals(501, r.status(), r.toString());
            assertTrue(r.header("Allow").isPresent(), r.toString());
        }
    }

    @Test
    void aSubscribeWithoutContactIsABadRequest() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = CallInfoSubscriptionIT.subscribe(phone, ItLines.DEMO, 300).remove("Contact");
            SipMessage answer = phone.callAuthenticated(r);
            assertEquals(400, answer.status(), answer.toString());
        }
    }

    @Test
    void anInviteWithoutContactIsABadRequest() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = phone.request("INVITE", "sip:201@127.0.0.1").header("From", "<" + ItLines.DEMO.aor() + ">;tag=x1")
                    .remove("Contact");
            SipMessage answer = phone.callAuthenticated(r);
            assertEquals(400, answer.status(), answer.toString());
        }
    }

    @Test
    void anotherSipVersionIsRefused505() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = phone.request("OPTIONS", ItLines.DEMO.aor());
            phone.sendRaw(r.toString().replace("SIP/2.0\r\n", "SIP/7.0\r\n"));
            SipMessage answer = phone.awaitResponse(m -> m.callId().equals(r.callId()), "answer to SIP/7.0");
            assertEquals(505, answer.status(), answer.toString());
        }
    }

    @Test
    void anUnknownRequiredExtensionIsRefused420() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage answer = phone.call(phone.request("OPTIONS", ItLines.DEMO.aor()).header("Require", "nonsense"));
            assertEquals(420, answer.status(), answer.toString());
            assertEquals("nonsense", answer.header("Unsupported").orElseThrow());
        }
    }

    @Test
    void anUnknownUriSchemeIsRefused416() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage answer = phone.call(phone.request("OPTIONS", "foo:osas_shared@127.0.0.1")
                    .header("To", "<" + ItLines.DEMO.aor() + ">"));
            assertEquals(416, answer.status(), answer.toString());
        }
    }

    @Test
    void twoContentLengthsAreABadRequest() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            Request r = phone.request("OPTIONS", ItLines.DEMO.aor());
            phone.sendRaw(r.toString().replace("Content-Length: 0\r\n", "Content-Length: 0\r\nContent-Length: 4\r\n"));
            SipMessage answer = phone.awaitResponse(m -> m.callId().equals(r.callId()), "answer to two Content-Lengths");
            assertEquals(400, answer.status(), answer.toString());
        }
    }

    @Test
    void anAuthorizationOfAnotherSchemeIsChallenged() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage answer = phone.call(phone.request("REGISTER", ItLines.DEMO.aor()).header("Authorization", "Basic b3Nhczpvc2Fz"));
            assertEquals(401, answer.status(), answer.toString());
        }
    }

    @Test
    void aLineIsFoundByItsWholeAor() {
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            SipMessage answer = phone.call(phone.request("SUBSCRIBE", "sip:osas_shared@evil.example").header("Event", "call-info"));
            assertEquals(404, answer.status(), answer.toString());
        }
    }
}
