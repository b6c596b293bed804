package org.sca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sca.core.auth.DigestAlgorithm;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinesConfigTest {
    private static final Map<String, String> VARS = Map.of("sca.bind.address", "192.0.2.1");
    private static final String DEMO = """
            # the demo line of the origin document
            line.osas_shared.aor = sip:osas_shared@${sca.bind.address}
            line.osas_shared.credentials = osas_shared:osas_shared
            line.osas_shared.trunks = 127.0.0.1
            line.osas_shared.appearances = 10
            """;
    private static final String MINIMAL = """
            line.a.aor = sip:a@h
            line.a.credentials = a:pa
            """;

    @Test
    void loadsTheDemoConfig(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lines.properties");
        Files.writeString(file, DEMO, StandardCharsets.UTF_8);

        LinesConfig config = LinesConfig.load(file, VARS);

        LineConfig line = config.lines().get(0);
        assertEquals(new LineConfig("osas_shared", "sip:osas_shared@192.0.2.1", "osas_shared", "192.0.2.1",
                "osas_shared", Map.of("osas_shared", "osas_shared"),
                List.of(new Endpoint("127.0.0.1", OptionalInt.empty())), List.of(), List.of(), 10,
                List.of(DigestAlgorithm.MD5), List.of(), Optional.empty()), line);
        assertEquals(1, config.lines().size());
        assertEquals(Limits.DEFAULTS, config.limits());
        assertEquals(Optional.of(line), config.byUser("OSAS_Shared"));
        assertEquals(Optional.empty(), config.byUser("bob"));
        assertEquals(Optional.of("osas_shared"), config.passwordOf("osas_shared"));
        assertEquals(Optional.empty(), config.passwordOf("bob"));
        assertTrue(line.isMember("osas_shared"));
        assertFalse(line.isMember("bob"));
        assertTrue(line.isTrunk("127.0.0.1", 5060));
        assertFalse(line.isTrunk("192.0.2.99", 5060));
        assertFalse(line.isPublisher("127.0.0.1", 5060));
        assertFalse(line.trusts(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void readsEveryFieldAndGlobal() throws Exception {
        LinesConfig config = parse("""
                subscription.min-expires = 30
                subscription.max-expires = 600
                registration.min-expires = 120
                registration.max-expires = 7200
                nonce.ttl-seconds = 60
                call.ring-seconds = 45
                line.desk.2.aor = sip:sales@pbx.test:5070
                line.desk.2.display-name = Sales Desk
                line.desk.2.credentials = sales:s1, alice-desk : p:w:d ,bob-desk:b2
                line.desk.2.trunks = 192.0.2.10:5060, pbx.test
                line.desk.2.publishers = [2001:db8::5]:5060
                line.desk.2.trusted-networks = 127.0.0.0/8, 2001:db8::/32
                line.desk.2.appearances = 99
                """);
        assertEquals(new Limits(30, 600, 120, 7200, Duration.ofSeconds(60), Duration.ofSeconds(45),
                Limits.DEFAULTS.probeInterval()), config.limits());
        LineConfig line = config.byUser("sales").orElseThrow();
        assertEquals("desk.2", line.id());
        assertEquals("pbx.test", line.host());
        assertEquals("Sales Desk", line.displayName());
        assertEquals(Map.of("sales", "s1", "alice-desk", "p:w:d", "bob-desk", "b2"), line.credentials());
        assertEquals(Optional.of("p:w:d"), config.passwordOf("alice-desk"));
        assertTrue(line.isTrunk("192.0.2.10", 5060));
        assertFalse(line.isTrunk("192.0.2.10", 5061));
        assertTrue(line.isTrunk("PBX.test", 5999));
        assertTrue(line.isPublisher("2001:db8:0:0:0:0:0:5", 5060));
        assertTrue(line.trusts(InetAddress.getByName("2001:db8:1::1")));
        assertTrue(line.trusts(InetAddress.getByName("127.0.0.2")));
        assertFalse(line.trusts(InetAddress.getByName("2001:db9::1")));
        assertEquals(99, line.maxAppearances());
    }

    @Test
    void aLineAnswersToItsHostAndItsAliases() throws Exception {
        LineConfig line = parse(MINIMAL + "line.a.aliases = sca.example.com, 192.0.2.7\n").byUser("a").orElseThrow();
        assertTrue(line.answersTo("h"));
        assertTrue(line.answersTo("SCA.example.com"));
        assertTrue(line.answersTo("192.0.2.7"));
        assertFalse(line.answersTo("evil.example"));
        assertError("line 'a', field 'aliases': 'x y' is not a host (a name, an IPv4 address or [IPv6])",
                MINIMAL + "line.a.aliases = x y\n");
    }

    @Test
    void readsTheAuthenticationThrottleAndTheCaps() throws Exception {
        assertEquals(AuthThrottle.DEFAULTS, parse(MINIMAL).authThrottle());
        assertEquals(new AuthThrottle(5, Duration.ofSeconds(300)), parse(MINIMAL + """
                auth.max-failures = 5
                auth.failure-window-seconds = 300
                """).authThrottle());
        assertError("key 'auth.max-failures': must be a whole number, at least 1, got '0'", MINIMAL + "auth.max-failures = 0\n");
        assertEquals(Caps.DEFAULTS, parse(MINIMAL).caps());
        assertEquals(new Caps(10, 2, 30, 3), parse(MINIMAL + """
                registration.max-contacts-per-line = 10
                registration.max-contacts-per-device = 2
                subscription.max-per-line = 30
                subscription.max-per-device = 3
                """).caps());
    }

    @Test
    void anAuthIdMayServeTwoLinesWithOnePassword() throws Exception {
        LinesConfig config = parse(MINIMAL + """
                line.b.aor = sip:b@h
                line.b.credentials = b:pb, a:pa
                """);
        assertEquals(2, config.lines().size());
        assertTrue(config.byUser("b").orElseThrow().isMember("a"));
    }

    @Test
    void toStringKeepsPasswordsOut() throws Exception {
        String text = parse(MINIMAL).lines().get(0).toString();
        assertTrue(text.contains("authIds=[a]"), text);
        assertFalse(text.contains("pa"), text);
    }

    @Test
    void missingAor() {
        assertError("line 'a', field 'aor': required", "line.a.credentials = a:pa");
    }

    @Test
    void missingCredentials() {
        assertError("line 'a', field 'credentials': required", "line.a.aor = sip:a@h");
    }

    @Test
    void aorWithoutUser() {
        assertError("line 'a', field 'aor': must be a sip: URI with user and host (sip:user@host), got 'sip:h'",
                "line.a.aor = sip:h\nline.a.credentials = a:pa");
    }

    @Test
    void aorOfAnotherScheme() {
        assertError("line 'a', field 'aor': must be a sip: URI with user and host (sip:user@host), got 'tel:+1555'",
                "line.a.aor = tel:+1555\nline.a.credentials = a:pa");
    }

    @Test
    void credentialsWithoutColon() {
        assertError("line 'a', field 'credentials': entry 2 must be authId:password",
                "line.a.aor = sip:a@h\nline.a.credentials = a:pa, bpb");
    }

    @Test
    void credentialsWithEmptyPassword() {
        assertError("line 'a', field 'credentials': authId 'b' has an empty password",
                "line.a.aor = sip:a@h\nline.a.credentials = a:pa, b:");
    }

    @Test
    void credentialsWithEmptyAuthId() {
        assertError("line 'a', field 'credentials': entry 1 has an empty authId",
                "line.a.aor = sip:a@h\nline.a.credentials = :pa");
    }

    @Test
    void anAuthIdDeclaredTwiceOnOneLine() {
        assertError("line 'a', field 'credentials': authId 'a' is declared twice",
                "line.a.aor = sip:a@h\nline.a.credentials = a:pa, a:pa");
    }

    @Test
    void anAuthIdWithDifferentPasswordsOnTwoLines() {
        assertError("line 'b', field 'credentials': authId 'a' has a different password on line 'a'",
                MINIMAL + "line.b.aor = sip:b@h\nline.b.credentials = a:other");
    }

    @Test
    void twoLinesWithOneAorUser() {
        assertError("line 'b', field 'aor': user 'A' is already the AOR user of line 'a'",
                MINIMAL + "line.b.aor = sip:A@elsewhere\nline.b.credentials = b:pb");
    }

    @Test
    void badTrunkPort() {
        assertError("line 'a', field 'trunks': port must be a whole number from 1 to 65535, got '99999'",
                MINIMAL + "line.a.trunks = 127.0.0.1, 192.0.2.1:99999");
    }

    @Test
    void badPublisherHost() {
        assertError("line 'a', field 'publishers': '999.0.0.1' is not an IPv4 address",
                MINIMAL + "line.a.publishers = 999.0.0.1");
    }

    @Test
    void badCidr() {
        assertError("line 'a', field 'trusted-networks': prefix length must be a whole number from 0 to 128,"
                + " got '200'", MINIMAL + "line.a.trusted-networks = ::1/200");
    }

    @Test
    void appearancesNotANumber() {
        assertError("line 'a', field 'appearances': must be a whole number from 1 to 99, got 'ten'",
                MINIMAL + "line.a.appearances = ten");
    }

    @Test
    void appearancesOutOfRange() {
        assertError("line 'a', field 'appearances': must be a whole number from 1 to 99, got '100'",
                MINIMAL + "line.a.appearances = 100");
        assertError("line 'a', field 'appearances': must be a whole number from 1 to 99, got '0'",
                MINIMAL + "line.a.appearances = 0");
    }

    @Test
    void trunkCredentialsAnswerTheTrunkAndStayOutOfToString() throws Exception {
        LineConfig line = parse(MINIMAL + "line.a.trunk-credentials = line7:se:cret\n").lines().get(0);
        assertEquals(Optional.of(new TrunkLogin("line7", "se:cret")), line.trunkLogin());
        assertFalse(line.toString().contains("se:cret"), line.toString());
    }

    @Test
    void trunkCredentialsWithoutPassword() {
        assertError("line 'a', field 'trunk-credentials': must be user:password", MINIMAL + "line.a.trunk-credentials = line7\n");
    }

    @Test
    void unknownLineField() {
        assertError("line 'a', field 'trunk': unknown field (known: [aliases, aor, appearances, credentials, digest-algorithms, display-name,"
                + " publishers, trunk-credentials, trunks, trusted-networks])", MINIMAL + "line.a.trunk = 127.0.0.1");
    }

    @Test
    void unknownGlobalKey() {
        assertError("key 'subscription.max-expire': unknown setting (known: [auth.failure-window-seconds, auth.max-failures, call.probe-seconds, call.ring-seconds, digest.algorithms,"
                + " nonce.ttl-seconds, registration.max-contacts-per-device, registration.max-contacts-per-line,"
                + " registration.max-expires, registration.min-expires, store.url,"
                + " subscription.max-expires, subscription.max-per-device, subscription.max-per-line, subscription.min-expires] and line.<id>.<field> with <id> made of [A-Za-z0-9_.-])",
                MINIMAL + "subscription.max-expire = 60");
    }

    @Test
    void badLineId() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(MINIMAL + "line.a/b.aor = sip:x@h"));
        assertTrue(e.getMessage().startsWith("key 'line.a/b.aor': unknown setting"), e.getMessage());
    }

    @Test
    void badGlobalNumber() {
        assertError("key 'nonce.ttl-seconds': must be a whole number of seconds, at least 1, got '5m'",
                MINIMAL + "nonce.ttl-seconds = 5m");
    }

    @Test
    void minAboveMax() {
        assertError("key 'subscription.min-expires': 600 is above subscription.max-expires (300)",
                MINIMAL + "subscription.min-expires = 600\nsubscription.max-expires = 300");
        assertError("key 'registration.min-expires': 4000 is above registration.max-expires (3600)",
                MINIMAL + "registration.min-expires = 4000");
    }

    @Test
    void noLineAtAll() {
        assertError("no shared line declared: add at least line.<id>.aor and line.<id>.credentials",
                "nonce.ttl-seconds = 60");
    }

    @Test
    void unknownVariable() {
        assertError("line 'a', field 'aor': unknown variable ${sca.bind.adress}",
                "line.a.aor = sip:a@${sca.bind.adress}\nline.a.credentials = a:pa");
    }

    @Test
    void unterminatedVariable() {
        assertError("line 'a', field 'aor': '${' without a closing '}'",
                "line.a.aor = sip:a@${sca.bind.address\nline.a.credentials = a:pa");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nope.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> LinesConfig.load(missing, VARS));
        assertEquals("cannot read lines config '" + missing + "': no such file", e.getMessage());
    }

    @Test
    void errorsInAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("lines.properties");
        Files.writeString(file, "line.a.aor = sip:a@h\n", StandardCharsets.UTF_8);
        ConfigException e = assertThrows(ConfigException.class, () -> LinesConfig.load(file, VARS));
        assertEquals("lines config '" + file + "': line 'a', field 'credentials': required", e.getMessage());
    }

    private static LinesConfig parse(String text) throws ConfigException {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException impossible) {
            throw new AssertionError(impossible);
        }
        return LinesConfig.parse(properties, VARS);
    }

    private static void assertError(String message, String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void digestAlgorithmsGlobalAndPerLine() throws ConfigException {
        LinesConfig config = parse(MINIMAL + "digest.algorithms = SHA-256, MD5\n"
                + "line.b.aor = sip:b@192.0.2.1\nline.b.credentials = b:b\nline.b.digest-algorithms = MD5\n");
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), config.byUser("a").orElseThrow().digestAlgorithms());
        assertEquals(List.of(DigestAlgorithm.MD5), config.byUser("b").orElseThrow().digestAlgorithms());
        assertError("line 'b', field 'digest-algorithms': unknown digest algorithm 'SHA-512' (known: MD5, SHA-256)",
                MINIMAL + "line.b.aor = sip:b@192.0.2.1\nline.b.credentials = b:b\nline.b.digest-algorithms = SHA-512\n");
    }
}
