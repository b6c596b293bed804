package org.sca.core;

/**
 * A Call-Info header that cannot be understood. The message is short, fixed text (never a copy
 * of the input) so it can go straight into a 400 reason phrase.
 */
public final class MalformedCallInfoException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, e.g. "appearance-index not a number" */
    public MalformedCallInfoException(String reason) {
        super("Bad Call-Info: " + reason);
    }
}
