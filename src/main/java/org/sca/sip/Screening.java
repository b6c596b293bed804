package org.sca.sip;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.Capabilities;

/**
 * What a request is checked for before any handler sees it, in RFC 3261 8.2's order: the
 * method (405 or 501 with Allow), the headers (400), the extensions it requires (420 with
 * Unsupported), and for INVITE and UPDATE the session timer it asks for (422).
 */
final class Screening {

    private Screening() {}

    /** @return whether the request was refused (and answered) */
    static boolean refused(SipServletRequest request) throws IOException {
        String method = request.getMethod();
        if (!Capabilities.handles(method)) {
            int status = Capabilities.refusalFor(method);
            Rejection.send(request, status, status == 405 ? "Method Not Allowed" : "Not Implemented", "Allow", Capabilities.ALLOW);
            return true;
        }
        Optional<String> garbled = Headers.unparsable(request);
        if (garbled.isPresent()) {
            Rejection.send(request, 400, "Bad " + garbled.get() + " header");
            return true;
        }
        List<String> unsupported = Capabilities.unsupported(Headers.all(request, "Require"));
        if (!unsupported.isEmpty()) {
            Rejection.send(request, 420, "Bad Extension", "Unsupported", String.join(", ", unsupported));
            return true;
        }
        return (method.equals("INVITE") || method.equals("UPDATE")) && SessionTimers.refused(request);
    }
}
