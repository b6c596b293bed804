package org.sca.it;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on the shared container with the build's sca.war deployed for it: Arquillian
 * uploads the archive through Tomcat's manager before the class's first test and undeploys it
 * after its last. A new test class extends this and talks to
 * {@code SharedContainer.get().sip()}; HTTP tests use {@link #sca}.
 */
@ExtendWith({SharedContainer.class, ArquillianExtension.class})
public abstract class DeployedSca {

    /** The application's context, e.g. {@code http://127.0.0.1:PORT/sca/}. */
    @ArquillianResource
    protected URL sca;

    /** testable = false: the tests run here and talk to the container over the wire. */
    @Deployment(testable = false)
    public static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, SharedContainer.war().toFile());
    }
}
