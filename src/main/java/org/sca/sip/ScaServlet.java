package org.sca.sip;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.sip.ServletTimer;
import javax.servlet.sip.SipErrorEvent;
import javax.servlet.sip.SipErrorListener;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServlet;
import javax.servlet.sip.SipServletRequest;
import javax.servlet.sip.SipServletContextEvent;
import javax.servlet.sip.SipServletListener;
import javax.servlet.sip.SipServletMessage;
import javax.servlet.sip.SipServletResponse;
import javax.servlet.sip.TimerListener;
import javax.servlet.sip.TimerService;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.sca.core.Capabilities;
import org.sca.core.subscription.EventPackage;

/**
 * The SIP entry point: loads the line configuration, then hands each request, timer and
 * container error to the piece that owns its concern. It decides nothing about SCA itself.
 *
 * <p>It is also the application's {@link TimerListener}, {@link SipErrorListener} and
 * {@link SipServletListener} (sip.xml names it as a listener): Restcomm then hands those events to this same servlet
 * instance ({@code CatalinaSipListenersHolder.loadListeners} allocates the servlet for a
 * listener class that is one), so they reach the handlers without a static lookup.
 */
public class ScaServlet extends SipServlet implements TimerListener, SipErrorListener, SipServletListener {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ScaServlet.class.getName());
    /** The event packages a phone may SUBSCRIBE to, as Allow-Events lists them. */
    private static final String SUBSCRIBABLE = String.join(", ", EventPackage.SUBSCRIBABLE);

    /**
     * Methods that only ever come inside a call's dialog and go leg to leg. NOTIFY is among
     * them: the server is the notifier of its own subscriptions, so a NOTIFY it gets is the
     * PBX reporting on a transfer.
     */
    private static final Set<String> IN_CALL = Set.of("INFO", "UPDATE", "REFER", "NOTIFY");

    private transient ScaApplication app;

    @Override
    public void init() throws ServletException {
        LinesConfig config = ScaApplication.configuration();
        app = new ScaApplication(config, Clock.systemUTC(),
                (TimerService) getServletContext().getAttribute(TIMER_SERVICE),
                (SipFactory) getServletContext().getAttribute(SIP_FACTORY),
                (SipSessionsUtilExt) getServletContext().getAttribute(SIP_SESSIONS_UTIL));
        app.operations.publish(getServletContext());
        LOG.info(() -> "SCA serving " + config.lines().size() + " shared line(s): "
                + config.lines().stream().map(LineConfig::aor).toList() + ", state in " + app.storeName());
    }

    /**
     * The application serves: what the last run stored comes back. Not in {@link #init}:
     * Restcomm initialises this servlet while it loads the listeners, before the context can
     * hand out application sessions or arm timers (seen: a NullPointerException on its
     * concurrency control mode, "No Timer listeners have been configured").
     */
    @Override
    public void servletInitialized(SipServletContextEvent event) {
        app.restore();
    }

    /** A stop, undeploy or reload: what is still queued for the store is written first. */
    @Override
    public void destroy() {
        if (app != null) {
            app.stop();
        }
        super.destroy();
    }

    @Override
    public void timeout(ServletTimer timer) {
        app.timeouts.fire(timer);
        app.operations.overview().refresh(timer.getApplicationSession());
    }

    @Override
    public void noAckReceived(SipErrorEvent event) {
        app.ackTimeouts.noAckReceived(event);
        app.operations.overview().refresh(event.getRequest().getApplicationSession());
    }

    /** Every message, after its handler: the line's view as the operator sees it. */
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        super.service(request, response);
        SipServletMessage message = (SipServletMessage) (request != null ? request : response);
        app.operations.overview().refresh(message.getApplicationSession());
    }

    @Override
    public void noPrackReceived(SipErrorEvent event) {
        // The server sends no reliable provisional responses.
    }

    /**
     * Every request gets an answer: JSR 289's {@code SipServlet} answers a method it has no
     * handler for only when the request is initial, and drops one inside a dialog (an
     * in-dialog REFER or MESSAGE went unanswered until the sender gave up).
     */
    @Override
    protected void doRequest(SipServletRequest request) throws ServletException, IOException {
        String method = request.getMethod();
        if (method.equals("ACK") || method.equals("CANCEL")) {
            super.doRequest(request);
            return;
        }
        if (Screening.refused(request)) {
            return;
        }
        if (IN_CALL.contains(method)) {
            inCall(request);
            return;
        }
        if (request.isInitial() && request.getTo().getParameter("tag") != null) {
            // Restcomm hands over a request for a dialog it does not know as a new one: a
            // subscription that outlived a restart, or else RFC 3261 12.2.2's 481, which also
            // tells a phone to subscribe afresh.
            if (!app.callInfo.resubscribeRestored(request)) {
                Rejection.send(request, 481, "Call/Transaction Does Not Exist");
            }
            return;
        }
        super.doRequest(request);
    }

    @Override
    protected void doOptions(SipServletRequest request) throws IOException {
        SipServletResponse ok = request.createResponse(200);
        ok.setHeader("Allow", Capabilities.ALLOW);
        ok.setHeader("Allow-Events", SUBSCRIBABLE);
        ok.send();
    }

    @Override
    protected void doRegister(SipServletRequest request) throws IOException {
        Optional<LineSession> line = line(request);
        if (line.isPresent()) {
            app.registrar.register(request, line.get());
        }
    }

    @Override
    protected void doSubscribe(SipServletRequest request) throws IOException {
        Optional<String> event = Screening.eventOf(request, SUBSCRIBABLE);
        if (event.isEmpty()) {
            return;
        }
        boolean seize = event.get().equals(EventPackage.LINE_SEIZE);
        if (!request.isInitial()) {
            LineSession line = LineSession.existing(request.getApplicationSession());
            if (seize) {
                app.seizes.reseize(request, line);
            } else {
                app.callInfo.resubscribe(request, line);
            }
            return;
        }
        Optional<LineSession> line = line(request);
        if (line.isEmpty()) {
            return;
        }
        Optional<String> device = app.authentication.authenticate(request, line.get().config());
        if (device.isPresent() && seize) {
            app.seizes.seize(request, line.get());
        } else if (device.isPresent()) {
            app.callInfo.subscribe(request, line.get(), device.get());
        }
    }

    @Override
    protected void doPublish(SipServletRequest request) throws IOException {
        if (Screening.eventOf(request, EventPackage.CALL_INFO).isEmpty()) {
            return;
        }
        Optional<LineSession> line = line(request);
        if (line.isPresent()) {
            app.publications.publish(request, line.get());
        }
    }

    @Override
    protected void doInvite(SipServletRequest request) throws ServletException, IOException {
        if (request.isInitial()) {
            Optional<LineSession> line = line(request);
            if (line.isPresent()) {
                app.calls.invite(request, line.get());
            }
        } else {
            inCall(request);
        }
    }

    @Override
    protected void doAck(SipServletRequest request) throws IOException {
        LineSession line = LineSession.existing(request.getApplicationSession());
        if (line != null) {
            app.calls.ack(request, line);
        }
    }

    @Override
    protected void doCancel(SipServletRequest request) {
        LineSession line = LineSession.existing(request.getApplicationSession());
        if (line != null) {
            app.calls.cancel(request, line);
        }
    }

    @Override
    protected void doBye(SipServletRequest request) throws IOException {
        LineSession line = LineSession.existing(request.getApplicationSession());
        if (line == null) {
            request.createResponse(200).send();
        } else {
            app.calls.bye(request, line);
        }
    }

    /** An in-dialog request of a call: relayed to the other leg. */
    private void inCall(SipServletRequest request) throws IOException {
        LineSession line = LineSession.existing(request.getApplicationSession());
        if (line == null || request.isInitial()) {
            Rejection.send(request, 481, "Call/Transaction Does Not Exist");
        } else {
            app.calls.inDialog(request, line);
        }
    }

    @Override
    protected void doProvisionalResponse(SipServletResponse response) throws IOException {
        LineSession line = LineSession.existing(response.getApplicationSession());
        if (line != null) {
            app.calls.provisional(response, line);
        }
    }

    @Override
    protected void doSuccessResponse(SipServletResponse response) throws IOException {
        LineSession line = LineSession.existing(response.getApplicationSession());
        if (line != null && !isSubscriptionNotify(response)) {
            app.calls.success(response, line);
        }
    }

    @Override
    protected void doErrorResponse(SipServletResponse response) throws IOException, ServletException {
        LineSession line = LineSession.existing(response.getApplicationSession());
        if (line == null) {
            return;
        }
        if (isSubscriptionNotify(response)) {
            Meters.notify(Meters.NOTIFY_REFUSED);
            if (DialogLifetime.isGone(response.getStatus())) {
                app.subscriptions.deviceGone(response, line);
                DialogLifetime.gone(response.getSession());
            }
        } else {
            app.calls.failure(response, line);
        }
    }

    /** A response to a NOTIFY of the server's own subscriptions; a NOTIFY relayed in a call carries a {@link Pending}. */
    private static boolean isSubscriptionNotify(SipServletResponse response) {
        return response.getMethod().equals("NOTIFY") && Pending.of(response.getRequest()).isEmpty();
    }

    /** The line the request is about, or empty after answering 404. */
    private Optional<LineSession> line(SipServletRequest request) throws IOException {
        Optional<LineConfig> config = app.lineOf(request);
        if (config.isEmpty()) {
            Rejection.send(request, 404, "No such shared line");
            return Optional.empty();
        }
        return Optional.of(LineSession.of(request.getApplicationSession(), config.get()));
    }
}
