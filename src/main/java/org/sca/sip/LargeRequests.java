package org.sca.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipURI;
import org.mobicents.servlet.sip.core.message.MobicentsSipServletMessage;
import org.mobicents.servlet.sip.core.session.MobicentsSipSession;
import org.sca.core.Flow;
import org.sca.core.RequestTransport;
import org.sca.core.TcpReach;

/**
 * Sends a request by TCP instead of UDP when RFC 3261 18.1.1 asks for it ({@link RequestTransport}),
 * and by UDP after all when the target's port refuses the connection or is known not to take
 * one ({@link TcpProbes}).
 *
 * <p>Restcomm picks a request's transport from its session ({@code MobicentsSipSession.getTransport},
 * which for a UDP subscription or a fork is UDP): set to TCP for the one send, it resolves the
 * target as {@code transport=tcp} without writing that into the Request-URI, writes
 * {@code SIP/2.0/TCP} in the Via, and the client transaction connects to the target's host and
 * port (JAIN SIP's blocking connect: a refusal is an IOException from {@code send()} at once).
 * A request whose send failed is reset by Restcomm for another try (no transaction, its Via and
 * Contact removed), which goes by UDP.
 */
final class LargeRequests {

    private static final Logger LOG = Logger.getLogger(LargeRequests.class.getName());
    private static final String TCP = "TCP";

    /** The running application's probes; none between a stop and the next start. */
    private static volatile TcpProbes probes;

    private LargeRequests() {}

    static void install(TcpProbes running) {
        probes = running;
    }

    /** Removes {@code stopped} if they are still the ones installed (a reload installs the next first). */
    static void remove(TcpProbes stopped) {
        if (probes == stopped) {
            probes = null;
        }
    }

    static void send(SipServletRequest request) throws IOException {
        MobicentsSipSession session = (MobicentsSipSession) request.getSession();
        String transport = session.getTransport();
        if (!RequestTransport.isUdp(transport) || !(request.getRequestURI() instanceof SipURI target) || target.isSecure()
                || !RequestTransport.mayUseTcp(request.getHeader("Route") != null, target.getTransportParam())) {
            request.send();
            return;
        }
        String host = target.getHost();
        int port = Flow.portOf(target.getPort(), false);
        TcpProbes running = probes;
        TcpReach.Verdict verdict = running == null ? TcpReach.Verdict.TRY : running.verdict(host, port);
        if (verdict == TcpReach.Verdict.UDP || !RequestTransport.overUdpLimit(bytes(request))) {
            request.send();
            return;
        }
        session.setTransport(TCP);
        try {
            request.send();
        } catch (IOException refused) {
            if (running != null) {
                running.failed(host, port);
            }
            LOG.info(() -> request.getMethod() + " to " + target + " over UDP: no TCP connection (" + refused.getMessage() + ")");
            session.setTransport(transport);
            request.send();
        } finally {
            session.setTransport(transport);
        }
    }

    /** The request as it stands, before the container adds its Via and Contact. */
    private static int bytes(SipServletRequest request) {
        return ((MobicentsSipServletMessage) request).getMessage().toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
