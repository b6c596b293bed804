package org.sca.stack;

import javax.servlet.sip.ar.SipApplicationRouter;
import javax.servlet.sip.ar.spi.SipApplicationRouterProvider;

/**
 * Names {@link ScaApplicationRouter} to the container: bin/sca-container.sh sets
 * {@code javax.servlet.sip.ar.spi.SipApplicationRouterProvider} to this class, which the
 * container loads from its lib (sca-stack.jar).
 */
public final class ScaApplicationRouterProvider extends SipApplicationRouterProvider {

    private final ScaApplicationRouter router = new ScaApplicationRouter();

    @Override
    public SipApplicationRouter getSipApplicationRouter() {
        return router;
    }
}
