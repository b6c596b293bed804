package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What needs a container of its own: the .sar deployed from a context descriptor serves the
 * demo line (and the container posts its statistics to loopback as it stops), and a broken
 * line configuration stops start-up with a message naming the field. Deploying through the
 * manager is ManagerDeploymentIT's and SarDeploymentIT's.
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
    void aBrokenLineConfigurationStopsStartUpNamingLineAndField() throws Exception {
        String broken = demoConfig().replace("line.osas_shared.appearances = 10", "line.osas_shared.appearances = ten");
        Container.StartFailure failure = Container.startExpectingExit(broken, List.of(SharedContainer.war()));
        assertNotEquals(0, failure.exitCode());
        assertTrue(failure.console().contains("line 'osas_shared'") && failure.console().contains("'appearances'"),
                failure.console());
    }
}
