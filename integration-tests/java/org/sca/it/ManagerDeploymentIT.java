package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sca.it.LineFixture.CALLER;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.appearance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sca.it.RestartIT.Subscribed;
import org.sca.it.TestPhone.Request;

/**
 * Deploy, undeploy and deploy again through Tomcat's manager, as an operator does, on the
 * shared container: Arquillian's deployer uploads and removes the build's sca.war while phones
 * talk to the line. With the application gone, every request gets {@code 500} at once
 * (ScaApplicationRouter); deployed again, it has its registrations and subscriptions back
 * from the store.
 */
@ExtendWith({SharedContainer.class, ArquillianExtension.class})
class ManagerDeploymentIT {

    private static final String SCA = "sca";
    private static final ItLines.Line LINE = ItLines.DEPLOYED;

    @ArquillianResource
    private Deployer deployer;
    private boolean deployed;

    /** Deployed only when a test says so: managed = false. */
    @Deployment(name = SCA, managed = false, testable = false)
    static WebArchive application() {
        return DeployedSca.application();
    }

    @AfterEach
    void undeployWhatIsLeft() {
        if (deployed) {
            undeploy();
        }
    }

    @Test
    void theManagerNeedsItsAccount() throws Exception {
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(SharedContainer.get().httpBase() + "/manager/text/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void aDeployedLineAnswersAndAnUndeployedOneGets500AtOnce() throws Exception {
        deploy();
        assertTrue(SharedContainer.get().manager("/list").contains("/sca:running"));
        try (TestPhone phone = new TestPhone(SharedContainer.get().sip(), ItLines.DEMO)) {
            assertEquals(200, phone.callAuthenticated(register(phone, ItLines.DEMO)).status());

            undeploy();
            assertFalse(SharedContainer.get().manager("/list").contains("/sca:"), "gone from the manager's list");
            // call: the final answer within TestPhone.WAIT; proxied by its Request-URI, there was none.
            assertEquals(500, phone.call(register(phone, ItLines.DEMO)).status());
            assertEquals(500, phone.call(CallInfoSubscriptionIT.subscribe(phone, ItLines.DEMO, 300)).status());
            assertEquals(500, phone.call(phone.request("INVITE", ItLines.DEMO.aor())
                    .body("application/sdp", Sdp.of("phone", 1, 1, 40000, "sendrecv"))).status());

            deploy();
            assertEquals(200, phone.callAuthenticated(register(phone, ItLines.DEMO)).status(), "deployed again, it answers");
        }
    }

    @Test
    void aRedeployKeepsTheLinesRegistrationsAndSubscriptions() throws Exception {
        deploy();
        try (TestPhone pbx = new TestPhone(SharedContainer.get().sip(), "pbx", "pbx", "none", ItLines.DEPLOY_TRUNK_PORT);
             TestPhone phone = new TestPhone(SharedContainer.get().sip(), LINE)) {
            assertEquals(200, phone.callAuthenticated(register(phone, LINE)).status());
            Request subscribe = CallInfoSubscriptionIT.subscribe(phone, LINE, 300);
            SipMessage ok = phone.callAuthenticated(subscribe);
            assertEquals(200, ok.status());
            Subscribed subscribed = new Subscribed(phone, subscribe, ok);
            subscribed.seesInItsDialog(IDLE);
            RestartIT.awaitStored(SharedContainer.get(), "SUBSCRIPTION", 1);

            undeploy();
            deploy();
            subscribed.seesInItsDialog(IDLE);
            Request refresh = phone.inDialog(subscribe, ok).header("Expires", "300");
            assertEquals(200, phone.call(refresh).status(), "a refresh in the dialog of before, not 481");
            subscribed.seesInItsDialog(IDLE);

            Request invite = pbx.request("INVITE", LINE.aor()).header("From", CALLER + ";tag=pbx" + System.nanoTime())
                    .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
            pbx.send(invite);
            SipMessage ringing = phone.awaitRequest("INVITE");
            subscribed.seesInItsDialog(appearance(1, "alerting"));
            phone.reply(ringing, 486, "Busy Here");
            assertEquals(486, pbx.awaitFinal(invite).status(), "the PBX's call reached the phone registered before");
            subscribed.seesInItsDialog(IDLE);
        }
    }

    private static Request register(TestPhone phone, ItLines.Line line) {
        return phone.request("REGISTER", line.aor()).header("Expires", "300");
    }

    private void deploy() {
        deployer.deploy(SCA);
        deployed = true;
    }

    private void undeploy() {
        deployer.undeploy(SCA);
        deployed = false;
    }
}
