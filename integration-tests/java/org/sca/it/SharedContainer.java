package org.sca.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * One container for the test run, started empty before the first test class that asks for it
 * and stopped when the run ends; Arquillian deploys the application into it for each class
 * (see {@link DeployedSca}). With {@code -Dsca.it.attach=true} it is a container already
 * running instead (README, "Tests"). Registered before Arquillian's extension: it hands
 * Arquillian the container's ports and manager account as the system properties that
 * arquillian.xml names, before Arquillian reads that file at the first class.
 *
 * <p>Before each class is deployed the container is put back to where a class starts: the
 * line configuration of {@link ItLines} and an empty store, so that no class sees another's
 * lines, registrations or subscriptions restored.
 */
public final class SharedContainer implements BeforeAllCallback {

    private static volatile Container container;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        requireArquillian(context.getRequiredTestClass());
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
                SharedContainer.class, key -> {
                    container = Boolean.getBoolean("sca.it.attach") ? attach() : Container.start(ItLines.config(), List.of());
                    System.setProperty("sca.it.http-port", Integer.toString(container.httpPort()));
                    System.setProperty("sca.it.jmx-port", Integer.toString(container.jmxPort()));
                    System.setProperty("sca.it.manager-user", Container.MANAGER_USER);
                    System.setProperty("sca.it.manager-password", Container.MANAGER_PASSWORD);
                    return (ExtensionContext.Store.CloseableResource) container::close;
                });
        Files.writeString(container.base().resolve("conf/sca-lines.properties"), ItLines.config());
        deleteStore(container.base());
    }

    /** The shared container starts empty: a class that Arquillian does not deploy for would find no application. */
    private static void requireArquillian(Class<?> testClass) {
        boolean deployed = AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .anyMatch(extendWith -> List.of(extendWith.value()).contains(ArquillianExtension.class));
        if (!deployed) {
            throw new ExtensionConfigurationException(testClass.getSimpleName()
                    + " uses the shared container without Arquillian: extend DeployedSca (README, Tests)");
        }
    }

    /** The container {@code mvn -Prun} (or the launcher) runs, its application undeployed. */
    private static Container attach() {
        Container running = Container.attach(Path.of(System.getProperty("sca.it.base", "target/container")),
                Integer.getInteger("sca.it.sip-port", 5060), Integer.getInteger("sca.it.http-port", 8080),
                Integer.getInteger("sca.it.tls-port", 5061), Integer.getInteger("sca.it.jmx-port", 9099));
        try {
            if (running.manager("/list").contains("/sca:")) {
                running.manager("/undeploy?path=/sca");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return running;
    }

    /** The default store, data/sca.db and SQLite's files beside it; no application has it open now. */
    private static void deleteStore(Path base) throws IOException {
        Path data = base.resolve("data");
        if (!Files.isDirectory(data)) {
            return;
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    public static Container get() {
        return container;
    }

    /** The archive the build produced, as the Maven build names it to failsafe. */
    public static Path war() {
        return Path.of(System.getProperty("sca.war", "target/sca.war"));
    }

    public static Path sar() {
        return Path.of(System.getProperty("sca.sar", "target/sca.sar"));
    }
}
