package org.sca.sip;

import javax.servlet.ServletContext;

/**
 * What the SIP side offers the operator's HTTP servlets in the same converged application:
 * the lines' views and the changes an operator may make. Handed over once, through the
 * context both kinds of servlet share.
 */
public record Operations(Overview overview, LineControl control) {

    private static final String ATTRIBUTE = Operations.class.getName();

    void publish(ServletContext context) {
        context.setAttribute(ATTRIBUTE, this);
    }

    /** @throws IllegalStateException while the SIP servlet has not started (or failed to) */
    public static Operations of(ServletContext context) {
        Object o = context.getAttribute(ATTRIBUTE);
        if (o instanceof Operations operations) {
            return operations;
        }
        throw new IllegalStateException("the SCA SIP servlet is not running");
    }
}
