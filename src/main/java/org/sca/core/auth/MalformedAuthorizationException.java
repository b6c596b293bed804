package org.sca.core.auth;

/**
 * An Authorization header that cannot be understood. The message is short enough to be sent
 * back as the SIP reason phrase of a 400, so the device's owner can see what was wrong.
 */
public final class MalformedAuthorizationException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedAuthorizationException(String reason) {
        super(reason);
    }
}
