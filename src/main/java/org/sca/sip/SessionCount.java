package org.sca.sip;

import javax.servlet.sip.SipSessionEvent;
import javax.servlet.sip.SipSessionListener;

/**
 * Counts the SIP sessions the container holds for the application ({@code sca_sip_sessions}):
 * each costs kilobytes of the heap, so a count that only grows is a leak to see from outside,
 * as every challenged REGISTER once was. Restcomm creates this listener from sip.xml.
 */
public final class SessionCount implements SipSessionListener {

    @Override
    public void sessionCreated(SipSessionEvent event) {
        Meters.sessions(1);
    }

    @Override
    public void sessionDestroyed(SipSessionEvent event) {
        Meters.sessions(-1);
    }

    @Override
    public void sessionReadyToInvalidate(SipSessionEvent event) {
        // counted when it is gone
    }
}
