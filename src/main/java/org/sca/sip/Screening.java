package org.sca.sip;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.servlet.sip.SipServletRequest;
import org.sca.core.Capabilities;

/**
 * What a request is checked for before any handler sees it, in RFC 3261 8.2's order: the
 * method (405 or 501 with Allow), the headers (400), the extensions it requires (420 with
 * Unsupported), and for INVITE and UPDATE the session timer it asks for (422); for
 * SUBSCRIBE and PUBLISH, the event package ({@link #eventOf}: 400 or 489).
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

    /**
     * The event package the request names, if it is one of {@code allowed} (comma-separated);
     * otherwise answers 400 (no Event) or 489 with Allow-Events, and returns empty.
     */
    static Optional<String> eventOf(SipServletRequest request, String allowed) throws IOException {
        Optional<String> event = Headers.eventPackage(request);
        if (event.isEmpty()) {
            Rejection.send(request, 400, "Missing Event header");
            return Optional.empty();
        }
        String name = event.get();
        for (String known : allowed.split(",\\s*")) {
            if (known.equals(name)) {
                return Optional.of(name);
            }
        }
        Rejection.send(request, 489, "Bad Event", "Allow-Events", allowed);
        return Optional.empty();
    }
}
