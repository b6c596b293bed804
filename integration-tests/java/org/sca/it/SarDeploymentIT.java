package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The build's sca.sar through the manager, as Arquillian's adapter deploys it: uploaded to
 * {@code /deploy?path=/sca}, which stores any upload as {@code webapps/sca.war}; Restcomm's
 * converged deployer then starts it like the .war, SIP and HTTP.
 */
@ExtendWith({SharedContainer.class, ArquillianExtension.class})
class SarDeploymentIT {

    @ArquillianResource
    private URL sca;

    @Deployment(testable = false)
    static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, SharedContainer.sar().toFile());
    }

    @Test
    void theSarServesTheDemoLineOverSipAndHttp() throws Exception {
        assertTrue(Files.isRegularFile(SharedContainer.get().base().resolve("webapps/sca.war")), "stored as the manager names it");
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.DEMO.aor()).header("Expires", "60")).status());
        }
        assertEquals("sip:osas_shared@127.0.0.1", AdminClient.operator(sca).line("osas_shared").get("aor").asText());
    }
}
