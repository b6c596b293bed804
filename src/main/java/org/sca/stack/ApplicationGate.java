package org.sca.stack;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.MessageChannel;

/**
 * A JAIN SIP message valve that hands each request to the application's {@link EarlyAnswers}
 * first. The valve lives in the container's lib, loaded by the stack with
 * {@code Class.forName}; the application (a web application, loaded and unloaded on its own)
 * installs its answers when it serves and removes them when it stops, so between the two
 * every request goes on to the container.
 */
public final class ApplicationGate extends RequestValve {

    private static volatile EarlyAnswers installed;

    public static void install(EarlyAnswers answers) {
        installed = answers;
    }

    /** Removes {@code answers} if they are still the ones installed (a reload installs the next first). */
    public static void remove(EarlyAnswers answers) {
        if (installed == answers) {
            installed = null;
        }
    }

    @Override
    public boolean processRequest(SIPRequest request, MessageChannel channel) {
        EarlyAnswers answers = installed;
        return answers == null || !answers.answered(request, channel);
    }

    @Override
    public void destroy() {
        installed = null;
    }
}
