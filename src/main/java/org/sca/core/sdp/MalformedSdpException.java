package org.sca.core.sdp;

/**
 * An SDP body that cannot be understood. The message is short, fixed text (never a copy of the
 * input) so it can go straight into a 488/400 reason phrase, e.g. "Bad SDP: missing o= line".
 */
public final class MalformedSdpException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param reason what is wrong, e.g. "missing o= line" */
    public MalformedSdpException(String reason) {
        super("Bad SDP: " + reason);
    }
}
