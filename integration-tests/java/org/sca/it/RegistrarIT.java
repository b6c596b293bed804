package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/** REGISTER for a shared line: digest challenge, several devices' bindings, removal, expiry. */
class RegistrarIT extends DeployedSca {

    private static final ItLines.Line LINE = ItLines.REGISTRAR;
    private TestPhone phoneA;
    private TestPhone phoneB;

    @BeforeEach
    void twoPhonesAndAnEmptyLine() {
        phoneA = new TestPhone(SharedContainer.get().sip(), LINE);
        phoneB = new TestPhone(SharedContainer.get().sip(), LINE);
        Request clear = phoneA.request("REGISTER", LINE.aor()).header("Contact", "*").header("Expires", "0");
        assertEquals(200, phoneA.callAuthenticated(clear).status());
    }

    @AfterEach
    void close() {
        phoneA.close();
        phoneB.close();
    }

    @Test
    void challengesWithMd5FirstAndSha256Alongside() {
        SipMessage challenge = phoneA.call(register(phoneA, 60));
        assertEquals(401, challenge.status());
        List<String> offers = challenge.headers("WWW-Authenticate");
        assertEquals(2, offers.size(), challenge.toString());
        assertEquals("MD5", TestPhone.challengeParams(offers.get(0)).get("algorithm"));
        assertEquals("SHA-256", TestPhone.challengeParams(offers.get(1)).get("algorithm"));
        for (String offer : offers) {
            assertEquals("auth", TestPhone.challengeParams(offer).get("qop"));
            assertEquals(ItLines.HOST, TestPhone.challengeParams(offer).get("realm"));
        }
    }

    @Test
    void acceptsSha256Answer() {
        Request r = register(phoneA, 60);
        SipMessage challenge = phoneA.call(r);
        r.header("Via", phoneA.via()).header("CSeq", "2 REGISTER")
                .header("Authorization", phoneA.authorization(challenge.headers("WWW-Authenticate").get(1), r));
        assertEquals(200, phoneA.call(r).status());
    }

    @Test
    void keepsBothPhonesAndRemovesOneOnExpiresZero() {
        SipMessage first = phoneA.callAuthenticated(register(phoneA, 60));
        assertEquals(200, first.status());
        assertEquals(List.of(phoneA.contact() + ";expires=60"), first.elements("Contact"));

        SipMessage both = phoneB.callAuthenticated(register(phoneB, 120));
        assertEquals(200, both.status());
        assertTrue(contactsOf(both).containsAll(List.of(phoneA.contact(), phoneB.contact())), both.toString());

        SipMessage afterRemoval = phoneA.callAuthenticated(register(phoneA, 0));
        assertEquals(200, afterRemoval.status());
        assertEquals(List.of(phoneB.contact()), contactsOf(afterRemoval));
    }

    @Test
    void aPhoneThatMovedIsRungOnlyAtItsNewContact() {
        Request first = register(phoneA, 60);
        assertEquals(200, phoneA.callAuthenticated(first).status());
        // The same phone after a network change: a new address, the boot's Call-ID (RFC 3261 10.2.4).
        SipMessage moved = phoneB.callAuthenticated(register(phoneB, 60).header("Call-ID", first.callId()));
        assertEquals(200, moved.status());
        assertEquals(List.of(phoneB.contact()), contactsOf(moved));
    }

    @Test
    void bindingsExpire() throws InterruptedException {
        assertEquals(200, phoneA.callAuthenticated(register(phoneA, 2)).status());
        assertEquals(List.of(phoneA.contact()), contactsOf(query()));
        // Nothing is sent when a binding lapses: ask until it is gone, within a bound.
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<String> contacts;
        do {
            Thread.sleep(500);
            contacts = contactsOf(query());
        } while (!contacts.isEmpty() && System.nanoTime() < deadline);
        assertEquals(List.of(), contacts);
    }

    @Test
    void wrongPasswordIsChallengedAgainAndChangesNothing() {
        Request r = register(phoneA, 60);
        SipMessage challenge = phoneA.call(r);
        r.header("Via", phoneA.via()).header("CSeq", "2 REGISTER")
                .header("Authorization", phoneA.authorization(challenge.headers("WWW-Authenticate").get(0), r, "wrong"));
        SipMessage again = phoneA.call(r);
        assertEquals(401, again.status());
        assertEquals(2, again.headers("WWW-Authenticate").size());
        assertEquals(List.of(), contactsOf(query()));
    }

    @Test
    void refusesAMemberOfAnotherLine() {
        try (TestPhone outsider = new TestPhone(SharedContainer.get().sip(), LINE.user(),
                ItLines.OUTSIDER.authId(), ItLines.OUTSIDER.password(), 0)) {
            SipMessage refused = outsider.callAuthenticated(register(outsider, 60));
            assertEquals(403, refused.status());
        }
        assertEquals(List.of(), contactsOf(query()));
    }

    @Test
    void refusesTooBriefExpiry() {
        SipMessage brief = phoneA.callAuthenticated(register(phoneA, 1));
        assertEquals(423, brief.status());
        assertEquals("2", brief.header("Min-Expires").orElseThrow());
    }

    @Test
    void refusesMalformedExpires() {
        // RFC 3261 10.3: the registrar authenticates (step 3) before it reads Expires (step 6).
        SipMessage bad = phoneA.callAuthenticated(register(phoneA, 60).header("Expires", "soon"));
        assertEquals(400, bad.status());
        assertTrue(bad.reason().startsWith("Bad Expires"), bad.reason());
    }

    private Request register(TestPhone phone, int expires) {
        return phone.request("REGISTER", LINE.aor()).header("Expires", Integer.toString(expires));
    }

    /** A REGISTER without Contact: lists the bindings, changes nothing. */
    private SipMessage query() {
        SipMessage list = phoneB.callAuthenticated(phoneB.request("REGISTER", LINE.aor()).remove("Contact"));
        assertEquals(200, list.status());
        return list;
    }

    private static List<String> contactsOf(SipMessage response) {
        return response.elements("Contact").stream().map(c -> c.replaceFirst(";expires=\\d+$", "")).toList();
    }
}
