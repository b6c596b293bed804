package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Who may use the operator's view (role sca-admin only), what the metrics count while real
 * calls go through the call line, and what the call log and the audit log write.
 */
class AdminAccessIT extends LineFixture {

    static final List<String> GETS = List.of("/", "/index.html", "/sca.js", "/api/lines", "/api/lines/calls", "/api/events", "/metrics");
    static final List<String> POSTS = List.of("/api/lines/calls/appearances/1/release", "/api/config/reload");

    @Test
    void everyEndpointWantsTheOperatorsAccount() {
        AdminClient nobody = AdminClient.anonymous(sca);
        for (String path : GETS) {
            AdminClient.Reply r = nobody.get(path);
            assertEquals(401, r.status(), "GET " + path);
            assertEquals("Basic realm=\"SCA operator\"", r.headers().firstValue("WWW-Authenticate").orElseThrow(), path);
        }
        for (String path : POSTS) {
            assertEquals(401, nobody.post(path).status(), "POST " + path);
        }
        // One wrong password only: the realm locks an account out after five in a row.
        assertEquals(401, AdminClient.as(sca, Container.ADMIN_USER, "not-the-password").post(POSTS.get(0)).status());
        assertEquals(403, AdminClient.as(sca, Container.MANAGER_USER, Container.MANAGER_PASSWORD).get("/api/lines").status(),
                "the manager's account has no sca-admin role");
        AdminClient.Reply page = AdminClient.operator(sca).get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<script src=\"sca.js\"></script>"), page.body());
    }

    @Test
    void metricsCountACallAndTheLogsTellIt() throws IOException, InterruptedException {
        AdminClient operator = AdminClient.operator(sca);
        String before = operator.get("/metrics").body();
        Answered call = answered();
        String during = operator.get("/metrics").body();
        assertEquals(1, value(during, "sca_appearances{state=\"active\",}") - value(before, "sca_appearances{state=\"active\",}"));
        assertTrue(value(during, "sca_registrations") >= 2, during);
        assertTrue(value(during, "sca_subscriptions{event=\"call-info\",}") >= 2, during);
        pbxHangsUp(call, a);

        AdminClient.Reply scrape = operator.get("/metrics");
        assertEquals(200, scrape.status());
        assertTrue(scrape.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        String after = scrape.body();
        String answeredCalls = "sca_calls_total{direction=\"incoming\",outcome=\"answered\",}";
        assertEquals(1, value(after, answeredCalls) - value(before, answeredCalls));
        // alerting, active and idle to both phones
        assertTrue(value(after, "sca_notify_total{result=\"sent\",}") - value(before, "sca_notify_total{result=\"sent\",}") >= 6, after);
        assertTrue(value(after, "sca_requests_rejected_total{code=\"401\",}") >= 4, "the phones' digest challenges");
        assertTrue(after.contains("\nsca_seize_total{result=\"granted\",} "), after);
        assertTrue(value(after, "jvm_threads_current") > 0, "the JVM's own metrics");
        assertEquals(0, value(after, "sca_appearances{state=\"active\",}") - value(before, "sca_appearances{state=\"active\",}"));

        assertEquals(409, operator.post("/api/lines/calls/appearances/2/release").status());
        String log = awaitLog("-> already_idle");
        assertTrue(Pattern.compile("call start line=calls appearance=1 direction=incoming remote=" + Pattern.quote(CALLER)).matcher(log).find(), log);
        assertTrue(Pattern.compile("call answer line=calls appearance=1 direction=incoming owner=call_line@127\\.0\\.0\\.1:" + a.port()
                + " ringing=\\d+\\.\\d{3}s").matcher(log).find(), log);
        assertTrue(Pattern.compile("call end line=calls appearance=1 direction=incoming outcome=answered duration=\\d+\\.\\d{3}s")
                .matcher(log).find(), log);
        assertTrue(log.contains("admin " + Container.ADMIN_USER + " from 127.0.0.1: POST /sca/api/lines/calls/appearances/2/release"
                + " (Release[lineId=calls, index=2]) -> already_idle"), log);
    }

    /** The value of one series in a Prometheus text exposition; 0 when it is not there. */
    /**
     * The call log and audit file once it holds {@code last}: a thread of its own writes it
     * (AsyncFileHandler), a moment after the step it logs. Bounded: 5 s, then the file as it is.
     */
    private static String awaitLog(String last) throws IOException, InterruptedException {
        Path file = SharedContainer.get().base().resolve("logs/sca." + LocalDate.now() + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String log = Files.readString(file);
        while (!log.contains(last) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = Files.readString(file);
        }
        return log;
    }

    static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }
}
