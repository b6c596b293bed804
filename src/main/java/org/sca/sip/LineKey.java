package org.sca.sip;

import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.annotation.SipApplicationKey;

/**
 * Maps every initial request about a shared line to that line's SipApplicationSession, so
 * that the container (concurrencyControlMode=SipApplicationSession) runs the work of one
 * line one message at a time and the line's state needs no locks of its own.
 */
public final class LineKey {

    private LineKey() {}

    /** @return the line's key, or null (the container's own key) for requests about no line */
    @SipApplicationKey
    public static String key(SipServletRequest request) {
        ScaApplication app = ScaApplication.current();
        if (app == null) {
            return null;
        }
        return app.lineOf(request).map(line -> "line:" + line.id()).orElse(null);
    }
}
