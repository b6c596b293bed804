package org.sca.sip;

import java.io.IOException;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletResponse;
import org.sca.core.Expiry;

/**
 * The one way a request is refused: a precise status and reason phrase, optional headers,
 * and exactly one log line. Callers refuse before they change any state.
 */
final class Rejection {

    private static final Logger LOG = Logger.getLogger(Rejection.class.getName());

    private Rejection() {}

    /** @param headers name, value, name, value ... */
    static void send(SipServletRequest request, int status, String reason, String... headers) throws IOException {
        LOG.info(() -> request.getMethod() + " " + request.getRequestURI() + " from " + request.getRemoteAddr() + ":"
                + request.getRemotePort() + " refused: " + status + " " + reason);
        quietly(request, status, reason, headers);
    }

    /**
     * A refusal counted but not logged: the everyday digest challenge, and the refusals a flood
     * brings by the thousand, which {@link DeviceAuthentication} sums up per source address
     * instead. A log line per request would cost more than the answer and bury the log.
     */
    static void quietly(SipServletRequest request, int status, String reason, String... headers) throws IOException {
        Meters.rejected(status);
        SipServletResponse response = request.createResponse(status, reason);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            Headers.add(response, headers[i], headers[i + 1]);
        }
        response.send();
    }

    /** 423 with Min-Expires: the one answer to an Expires below the minimum (RFC 3261 10.3, RFC 6665, RFC 3903). */
    static void tooBrief(SipServletRequest request, Expiry.TooBrief brief) throws IOException {
        send(request, 423, "Interval Too Brief", "Min-Expires", Integer.toString(brief.minimum()));
    }
}
