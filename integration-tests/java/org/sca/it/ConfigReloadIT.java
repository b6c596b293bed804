package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * POST /api/config/reload against the running container: a broken file is refused with the
 * start-up message and changes nothing; a new line serves at once, a changed password applies
 * to the next request, a removed line's subscriptions end with noresource. The shared
 * container's file is put back after each test.
 */
class ConfigReloadIT extends DeployedSca {

    static final ItLines.Line RELOADED = new ItLines.Line("reloaded_line", "rl", "pw-rl");
    static final String BLOCK = """

            line.reloaded.aor = sip:reloaded_line@127.0.0.1
            line.reloaded.credentials = rl:%s
            line.reloaded.appearances = 3
            """;

    Path file;
    String original;
    /** One client, so one connection, for the test, as an operator's script keeps. */
    AdminClient operator;

    @BeforeEach
    void readTheFileAsTheOperator() throws IOException {
        file = SharedContainer.get().base().resolve("conf/sca-lines.properties");
        original = Files.readString(file);
        operator = AdminClient.operator(sca);
    }

    @AfterEach
    void putTheFileBack() throws IOException {
        Files.writeString(file, original);
        assertEquals(200, operator.post("/api/config/reload").status());
    }

    AdminClient.Reply reloadWith(String content) throws IOException {
        Files.writeString(file, content);
        return operator.post("/api/config/reload");
    }

    static List<String> ids(JsonNode lines) {
        return AdminApiIT.texts(lines, "id");
    }

    @Test
    void aBrokenFileIsRefusedWithTheStartUpMessageAndChangesNothing() throws IOException {
        JsonNode before = operator.get("/api/lines").json();
        AdminClient.Reply refused = reloadWith(original + BLOCK.formatted("pw-rl") + "line.reloaded.appearances = ten\n");
        assertEquals(400, refused.status(), refused.body());
        assertEquals("lines config '" + file + "': line 'reloaded', field 'appearances': must be a whole number from 1 to 99, got 'ten'",
                refused.json().get("error").asText());
        assertEquals(ids(before), ids(operator.get("/api/lines").json()), "the running configuration stays");
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), RELOADED)) {
            Request register = phone.request("REGISTER", RELOADED.aor()).header("Expires", "60");
            assertEquals(404, phone.call(register).status(), "the refused file's line does not exist");
        }
    }

    @Test
    void aNewLineServesAtOnceAChangedPasswordAppliesAndARemovedLineEndsItsSubscriptions() throws IOException {
        AdminClient.Reply added = reloadWith(original + BLOCK.formatted("pw-rl"));
        assertEquals(200, added.status(), added.body());
        assertEquals("{\"added\":[\"reloaded\"],\"removed\":[],\"changed\":[]}", added.body());
        assertTrue(ids(operator.get("/api/lines").json()).contains("reloaded"), "listed at once");

        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), RELOADED)) {
            Request register = phone.request("REGISTER", RELOADED.aor()).header("Expires", "60");
            assertEquals(200, phone.callAuthenticated(register).status());
            Request subscribe = CallInfoSubscriptionIT.subscribe(phone, RELOADED, 60);
            assertEquals(200, phone.callAuthenticated(subscribe).status());
            assertEquals(LineFixture.IDLE, LineFixture.callInfo(phone.awaitRequest("NOTIFY")));
            JsonNode line = operator.line("reloaded");
            assertEquals(3, line.get("maxAppearances").asInt());
            assertEquals(List.of("rl"), AdminApiIT.texts(line.get("registrations"), "device"));

            AdminClient.Reply changed = reloadWith(original + BLOCK.formatted("pw-new"));
            assertEquals("{\"added\":[],\"removed\":[],\"changed\":[\"reloaded\"]}", changed.body());
            assertEquals(401, phone.callAuthenticated(phone.request("REGISTER", RELOADED.aor()).header("Expires", "60")).status(),
                    "the old password no longer works");
            try (TestPhone renewed = new TestPhone(SharedContainer.get().sip(), new ItLines.Line("reloaded_line", "rl", "pw-new"))) {
                assertEquals(200, renewed.callAuthenticated(renewed.request("REGISTER", RELOADED.aor()).header("Expires", "0")).status());
            }

            AdminClient.Reply removed = reloadWith(original);
            assertEquals("{\"added\":[],\"removed\":[\"reloaded\"],\"changed\":[]}", removed.body());
            SipMessage ended = phone.awaitRequest("NOTIFY");
            assertEquals("terminated;reason=noresource", ended.header("Subscription-State").orElseThrow());
            assertEquals(404, operator.get("/api/lines/reloaded").status());
            assertEquals(404, phone.call(phone.request("REGISTER", RELOADED.aor()).header("Expires", "60")).status());
        }
    }
}
