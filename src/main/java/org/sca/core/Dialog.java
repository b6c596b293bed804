package org.sca.core;

import java.util.List;
import java.util.Objects;

/**
 * One SIP dialog as the server's side of it sees it (RFC 3261 section 12): what it takes to
 * send a request in it when the container no longer knows it, after a restart.
 *
 * @param callId       the dialog's Call-ID
 * @param localUri     the server's URI in it (From of the requests it sends)
 * @param localTag     the server's tag
 * @param remoteUri    the far end's URI (To of the requests it sends)
 * @param remoteTag    the far end's tag
 * @param remoteTarget the far end's Contact URI: the Request-URI of the next request
 * @param routeSet     the Route headers the next request carries, in order
 * @param localCseq    the CSeq number of the last request the server sent in it
 */
public record Dialog(String callId, String localUri, String localTag, String remoteUri, String remoteTag,
        String remoteTarget, List<String> routeSet, long localCseq) {

    public Dialog {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(localTag, "localTag");
        Objects.requireNonNull(remoteTag, "remoteTag");
        Objects.requireNonNull(remoteTarget, "remoteTarget");
        routeSet = List.copyOf(routeSet);
    }

    /** The same dialog once the server sent a request numbered {@code cseq}. */
    public Dialog sent(long cseq) {
        return cseq == localCseq ? this : new Dialog(callId, localUri, localTag, remoteUri, remoteTag, remoteTarget, routeSet, cseq);
    }

    /** The same dialog with the far end's new Contact (a target refresh, RFC 3261 12.2.2). */
    public Dialog retargeted(String target) {
        return target.equals(remoteTarget) ? this
                : new Dialog(callId, localUri, localTag, remoteUri, remoteTag, target, routeSet, localCseq);
    }

    /** Whether a request with these identifiers, as the far end sends them, is in this dialog. */
    public boolean matches(String requestCallId, String fromTag, String toTag) {
        return callId.equals(requestCallId) && remoteTag.equals(fromTag) && localTag.equals(toTag);
    }
}
