package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The archive forms and the container's own tools, each on a container of its own: the .sar
 * deploys and serves the demo line, Tomcat's manager deploys, reloads and undeploys the
 * .war, and a broken line configuration stops start-up with a message naming the field.
 */
class DeploymentIT {

    private static String demoConfig() throws IOException {
        return Files.readString(Container.home().resolve("conf/sca-lines.properties"));
    }

    /** Also shows where the statistics go: Restcomm posts them as the container stops. */
    @Test
    void theSarServesTheDemoLine() throws IOException {
        Container container = Container.start(demoConfig(), List.of(SharedContainer.sar()));
        try (TestPhone phone = new TestPhone(container.sip(), ItLines.DEMO)) {
            SipMessage ok = phone.callAuthenticated(phone.request("REGISTER", ItLines.DEMO.aor()).header("Expires", "60"));
            assertEquals(200, ok.status(), ok.toString());
            assertTrue(Files.isDirectory(container.base().resolve("webapps/sca")), "the .sar was unpacked and deployed");
        } finally {
            container.close();
        }
        String console = container.console();
        assertTrue(console.contains("stats data to http://127.0.0.1:9/rest/"), console);
        assertFalse(console.contains("statistics.restcomm.com"), console);
    }

    @Test
    void theManagerDeploysReloadsAndUndeploysTheWar() throws Exception {
        try (Container container = Container.start(demoConfig(), List.of(SharedContainer.war()))) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String list = container.httpBase() + "/manager/text/list";

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(list)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode());

            assertTrue(container.manager("/list").contains("/sca:running"));
            assertTrue(container.manager("/reload?path=/sca").startsWith("OK"));
            assertOptions(container, 200);

            assertTrue(container.manager("/undeploy?path=/sca").startsWith("OK"));
            assertOptions(container, -1);

            Path war = Files.copy(SharedContainer.war(), container.base().resolve("sca-redeploy.war"));
            String deployed = container.manager("/deploy?path=/sca&war=" + war.toUri());
            assertTrue(deployed.startsWith("OK"), deployed);
            assertOptions(container, 200);
        }
    }

    @Test
    void aBrokenLineConfigurationStopsStartUpNamingLineAndField() throws Exception {
        String broken = demoConfig().replace("line.osas_shared.appearances = 10", "line.osas_shared.appearances = ten");
        Container.StartFailure failure = Container.startExpectingExit(broken, List.of(SharedContainer.war()));
        assertNotEquals(0, failure.exitCode());
        assertTrue(failure.console().contains("line 'osas_shared'") && failure.console().contains("'appearances'"),
                failure.console());
    }

    /** expected -1: no 200 (the application is not deployed). */
    private static void assertOptions(Container container, int expected) {
        try (TestPhone phone = new TestPhone(container.sip(), ItLines.DEMO)) {
            TestPhone.Request options = phone.request("OPTIONS", "sip:127.0.0.1:" + container.sipPort());
            if (expected == 200) {
                assertEquals(200, phone.call(options).status());
            } else {
                phone.send(options);
                SipMessage reply = phone.awaitResponseOrNull(options, Duration.ofSeconds(2));
                assertTrue(reply == null || reply.status() != 200, String.valueOf(reply));
            }
        }
    }
}
