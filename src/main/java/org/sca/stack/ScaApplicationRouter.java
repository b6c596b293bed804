package org.sca.stack;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.ar.SipApplicationRouterInfo;
import javax.servlet.sip.ar.SipApplicationRoutingDirective;
import javax.servlet.sip.ar.SipApplicationRoutingRegion;
import javax.servlet.sip.ar.SipTargetedRequestInfo;
import org.mobicents.servlet.sip.router.DefaultApplicationRouter;

/**
 * Restcomm's default application router (conf/dars), except that a request from outside for
 * an application its configuration names goes to that application even while it is not
 * deployed. The default router skips an application that is not deployed ("is NOT present in
 * the container"); the container then routes the request by its Request-URI (JSR 289 15.4.1,
 * {@code InitialRequestDispatcher.dispatchOutsideContainer}), and a URI that names no port, or
 * another one, matches none of its connectors and is proxied: with the application undeployed,
 * a phone's REGISTER to {@code sip:line@127.0.0.1} on a container at port 5070 went to port
 * 5060 and got no answer. Routed to an application that is not there, the container answers
 * {@code 500} at once ({@code InitialRequestDispatcher.dispatchInsideContainer}: "No matching
 * deployed application has been found").
 */
public final class ScaApplicationRouter extends DefaultApplicationRouter {

    private final Set<String> deployed = ConcurrentHashMap.newKeySet();

    @Override
    public void applicationDeployed(List<String> names) {
        super.applicationDeployed(names);
        deployed.addAll(names);
    }

    @Override
    public void applicationUndeployed(List<String> names) {
        super.applicationUndeployed(names);
        deployed.removeAll(names);
    }

    @Override
    public SipApplicationRouterInfo getNextApplication(SipServletRequest request, SipApplicationRoutingRegion region,
            SipApplicationRoutingDirective directive, SipTargetedRequestInfo targeted, Serializable stateInfo) {
        SipApplicationRouterInfo next = super.getNextApplication(request, region, directive, targeted, stateInfo);
        boolean routed = next != null && next.getNextApplicationName() != null;
        // stateInfo: the request has been through an application already; its route is that application's.
        if (routed || stateInfo != null) {
            return next;
        }
        return getConfiguration().getOrDefault(request.getMethod(), List.of()).stream()
                .filter(configured -> !deployed.contains(configured.getNextApplicationName()))
                .<SipApplicationRouterInfo>map(configured -> configured)
                .findFirst()
                .orElse(next);
    }
}
