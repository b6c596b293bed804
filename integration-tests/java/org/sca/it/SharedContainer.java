package org.sca.it;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One container with the application deployed, started before the first test class that
 * asks for it and stopped when the test run ends. Each test class works on lines of its own
 * (see {@link ItLines}), so classes do not see each other's registrations or calls.
 */
public final class SharedContainer implements BeforeAllCallback {

    private static volatile Container container;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
                SharedContainer.class, key -> {
                    container = Container.start(ItLines.config(), List.of(war()));
                    return (ExtensionContext.Store.CloseableResource) container::close;
                });
    }

    public static Container get() {
        return container;
    }

    public static Path war() {
        return Container.home().resolve("webapps/sca.war");
    }

    public static Path sar() {
        return Path.of(System.getProperty("sca.sar", "target/sca.sar"));
    }
}
