package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * The operator's JSON API on the call line, with real SIP traffic changing what it shows:
 * the phones' registrations and subscriptions, an incoming call as it alerts, is answered and
 * released, a ringing call and a seize released, and bad input that changes nothing.
 */
class AdminApiIT extends LineFixture {

    /** One client, so one connection, for the test, as an operator's browser or script keeps. */
    private AdminClient operator;

    @BeforeEach
    void operatorAccount() {
        operator = AdminClient.operator(sca);
    }

    static final String LINE = "calls";

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    static String release(int index) {
        return "/api/lines/" + LINE + "/appearances/" + index + "/release";
    }

    @Test
    void aLineShowsItsPhonesAndACallAsItGoes() {
        JsonNode line = operator.line(LINE);
        assertEquals("sip:call_line@127.0.0.1", line.get("aor").asText());
        assertEquals(2, line.get("maxAppearances").asInt());
        assertEquals(0, line.get("appearances").size());
        assertEquals(List.of(uri(a), uri(b)), texts(line.get("registrations"), "contact"));
        assertEquals(List.of("desk-a", "desk-b"), texts(line.get("registrations"), "device"));
        assertEquals(List.of("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port()), texts(line.get("registrations"), "source"));
        line.get("registrations").forEach(r -> assertTrue(r.get("expiresIn").asInt() > 0 && r.get("expiresIn").asInt() <= 300, r.toString()));
        assertEquals(List.of("call-info", "call-info"), texts(line.get("subscriptions"), "event"));
        assertEquals(List.of("desk-a", "desk-b"), texts(line.get("subscriptions"), "device"));
        assertEquals(List.of(uri(a), uri(b)), texts(line.get("subscriptions"), "contact"));

        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        JsonNode alerting = operator.line(LINE).get("appearances");
        assertEquals(1, alerting.size());
        assertEquals(1, alerting.get(0).get("index").asInt());
        assertEquals("alerting", alerting.get(0).get("state").asText());
        assertEquals(CALLER, alerting.get(0).get("remote").asText());
        assertTrue(alerting.get(0).get("owner").isNull(), "nobody owns a ringing call");

        SipMessage atPbx = answerAtA(invite, rung[0], rung[1]);
        JsonNode active = operator.line(LINE).get("appearances").get(0);
        assertEquals("active", active.get("state").asText());
        assertEquals("call_line@127.0.0.1:" + a.port(), active.get("owner").asText(), "A answered: A's contact owns it");

        JsonNode all = operator.get("/api/lines").json();
        JsonNode fromList = null;
        for (JsonNode l : all) {
            if (l.get("id").asText().equals(LINE)) {
                fromList = l;
            }
        }
        assertEquals(operator.line(LINE).get("appearances"), fromList.get("appearances"), "the list shows the same line");
        assertTrue(all.size() >= 10, "every configured line is listed: " + all.size());
        pbxHangsUp(new Answered(invite, rung[0], atPbx), a);
        assertEquals(0, operator.line(LINE).get("appearances").size());
    }

    /** The contact URI a phone registers and subscribes with. */
    static String uri(TestPhone phone) {
        return phone.contact().substring(1, phone.contact().length() - 1);
    }

    @Test
    void releasingAnAnsweredCallHangsUpBothLegs() {
        Answered call = answered();
        AdminClient.Reply released = operator.post(release(1));
        assertEquals(200, released.status(), released.body());
        assertEquals(0, released.json().get("appearances").size(), "the answer shows the line after the release");
        pbx.reply(pbx.awaitRequest("BYE"), 200, "OK");
        a.reply(a.awaitRequest("BYE"), 200, "OK");
        everyPhoneSees(IDLE);
        AdminClient.Reply again = operator.post(release(1));
        assertEquals(409, again.status(), again.body());
        assertEquals("appearance 1 of line 'calls' is idle", again.json().get("error").asText());
    }

    @Test
    void releasingARingingCallCancelsThePhonesAndAnswersThePbx() {
        Request invite = pbxInvite();
        SipMessage[] rung = ring(invite);
        bothRinging(rung);
        assertEquals(200, operator.post(release(1)).status());
        SipMessage answer = pbx.awaitFinal(invite);
        assertEquals(480, answer.status());
        assertEquals("Released by operator", answer.reason());
        bothCancelled(rung);
    }

    @Test
    void releasingASeizeEndsItWithNoresource() {
        Request seize = a.request("SUBSCRIBE", ItLines.CALL_A.aor()).header("Event", "line-seize").header("Expires", "15")
                .header("Call-Info", HOST + ";appearance-index=2");
        assertEquals(200, a.callAuthenticated(seize).status());
        PhoneCallIT.seizeNotify(a);
        everyPhoneSees(PhoneCallIT.seized(2));
        assertEquals("seized", operator.line(LINE).get("appearances").get(0).get("state").asText());
        assertEquals(200, operator.post(release(2)).status());
        SipMessage ended = PhoneCallIT.seizeNotify(a);
        assertEquals("terminated;reason=noresource", ended.header("Subscription-State").orElseThrow());
        a.reply(ended, 200, "OK");
        everyPhoneSees(IDLE);
    }

    @Test
    void badInputIsRefusedPreciselyAndChangesNothing() {
        Answered call = answered();
        JsonNode before = operator.line(LINE);
        record Case(String method, String path, int status, String error) {}
        List<Case> cases = List.of(
                new Case("POST", "/api/lines/nosuchline/appearances/1/release", 404, "no line 'nosuchline'"),
                new Case("POST", release(3), 404, "line 'calls' has no appearance 3"),
                new Case("POST", release(0), 404, "line 'calls' has no appearance 0"),
                new Case("POST", "/api/lines/calls/appearances/one/release", 400, "appearance index must be a number, got 'one'"),
                new Case("POST", "/api/lines/calls/appearances/-1/release", 400, "appearance index must be a number, got '-1'"),
                new Case("GET", release(1), 405, "GET not allowed here; use POST"),
                new Case("GET", "/api/lines/nosuchline", 404, "no line 'nosuchline'"),
                new Case("GET", "/api/nothing", 404, "no such resource: /sca/api/nothing"));
        for (Case c : cases) {
            AdminClient.Reply r = c.method().equals("GET") ? operator.get(c.path()) : operator.post(c.path());
            assertEquals(c.status(), r.status(), c + ": " + r.body());
            assertEquals(c.error(), r.json().get("error").asText(), c.toString());
        }
        pbx.assertNoRequest("BYE", Duration.ofMillis(300));
        a.assertNoRequest("BYE", Duration.ofMillis(1));
        JsonNode after = operator.line(LINE);
        assertEquals(before.get("appearances"), after.get("appearances"), "the call is as it was");
        assertEquals(texts(before.get("registrations"), "contact"), texts(after.get("registrations"), "contact"));
        assertEquals(texts(before.get("subscriptions"), "contact"), texts(after.get("subscriptions"), "contact"));
        pbxHangsUp(call, a);
    }
}
