package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/** Requests no well-behaved phone sends get the precise answer RFC 3261 names, and change nothing. */
class MalformedRequestsIT extends DeployedSca {

    private TestPhone phone;

    @BeforeEach
    void phone() {
        phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO);
    }

    @AfterEach
    void close() {
        phone.close();
    }

    @Test
    void anUnknownMethodIsNotImplementedWithAllow() {
        SipMessage r = phone.call(phone.request("FOO", ItLines.DEMO.aor()));
        assertEquals(501, r.status(), r.toString());
        assertTrue(r.header("Allow").isPresent(), r.toString());
    }

    @Test
    void aSubscribeWithoutContactIsABadRequest() {
        Request r = CallInfoSubscriptionIT.subscribe(phone, ItLines.DEMO, 300).remove("Contact");
        SipMessage answer = phone.callAuthenticated(r);
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void anInviteWithoutContactIsABadRequest() {
        Request r = phone.request("INVITE", "sip:201@127.0.0.1").header("From", "<" + ItLines.DEMO.aor() + ">;tag=x1")
                .remove("Contact");
        SipMessage answer = phone.callAuthenticated(r);
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void anotherSipVersionIsRefused505() {
        Request r = phone.request("OPTIONS", ItLines.DEMO.aor());
        SipMessage answer = answerToRaw(r, r.toString().replace("SIP/2.0\r\n", "SIP/7.0\r\n"));
        assertEquals(505, answer.status(), answer.toString());
    }

    @Test
    void anUnknownRequiredExtensionIsRefused420() {
        SipMessage answer = phone.call(phone.request("OPTIONS", ItLines.DEMO.aor()).header("Require", "nonsense"));
        assertEquals(420, answer.status(), answer.toString());
        assertEquals("nonsense", answer.header("Unsupported").orElseThrow());
    }

    @Test
    void anUnknownUriSchemeIsRefused416() {
        SipMessage answer = phone.call(phone.request("OPTIONS", "foo:osas_shared@127.0.0.1")
                .header("To", "<" + ItLines.DEMO.aor() + ">"));
        assertEquals(416, answer.status(), answer.toString());
    }

    @Test
    void aViaOfAnUnknownTransportIsABadRequest() {
        Request r = phone.request("OPTIONS", ItLines.DEMO.aor());
        SipMessage answer = answerToRaw(r, r.toString().replace("SIP/2.0/UDP ", "SIP/2.0/UD1 "));
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("Unsupported transport in Via", answer.reason());
    }

    /** The second fuzz run's 500s, each after a stack trace in the console. */
    @Test
    void aBadSchemeInToOrACSeqOfAnotherCaseIsABadRequestWithoutAStackTrace() {
        String consoleBefore = SharedContainer.get().console();
        Request invite = phone.request("INVITE", ItLines.DEMO.aor()).header("To", "<s!p:osas_shared@127.0.0.1>");
        SipMessage badTo = phone.call(invite);
        assertEquals(400, badTo.status(), badTo.toString());
        assertEquals("Bad To header", badTo.reason());
        // The phone's ACK of that 400 has the same To: it is dropped, never answered.
        assertNull(phone.awaitResponseOrNull(invite, Duration.ofMillis(500)));
        Request register = phone.request("REGISTER", ItLines.DEMO.aor());
        SipMessage badCseq = answerToRaw(register, register.toString().replaceFirst("^REGISTER ", "REGISTEr "));
        assertEquals(400, badCseq.status(), badCseq.toString());
        assertEquals("CSeq method does not match the request", badCseq.reason());
        String added = SharedContainer.get().console().substring(consoleBefore.length());
        assertFalse(added.contains("\tat "), added);
    }

    @Test
    void twoContentLengthsAreABadRequest() {
        Request r = phone.request("OPTIONS", ItLines.DEMO.aor());
        SipMessage answer = answerToRaw(r, r.toString().replace("Content-Length: 0\r\n", "Content-Length: 0\r\nContent-Length: 4\r\n"));
        assertEquals(400, answer.status(), answer.toString());
    }

    @Test
    void anAuthorizationOfAnotherSchemeIsChallenged() {
        SipMessage answer = phone.call(phone.request("REGISTER", ItLines.DEMO.aor()).header("Authorization", "Basic b3Nhczpvc2Fz"));
        assertEquals(401, answer.status(), answer.toString());
    }

    @Test
    void aLineIsFoundByItsWholeAor() {
        SipMessage answer = phone.call(phone.request("SUBSCRIBE", "sip:osas_shared@evil.example").header("Event", "call-info"));
        assertEquals(404, answer.status(), answer.toString());
    }

    /** Sends {@code raw}, the text of {@code request} altered, and waits for the answer. */
    private SipMessage answerToRaw(Request request, String raw) {
        phone.sendRaw(raw);
        return phone.awaitResponse(m -> m.callId().equals(request.callId()), "answer to " + raw.lines().findFirst().orElseThrow());
    }
}
