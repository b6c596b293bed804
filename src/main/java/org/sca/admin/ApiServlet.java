package org.sca.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sca.sip.LineControl;
import org.sca.sip.Operations;

/**
 * The JSON API under {@code /api} (web.xml limits it to role sca-admin): the lines' views,
 * and the operator's changes, each logged with the account that made it.
 */
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Every admin action, with its account; {@code conf/logging.properties} also files it with the call log. */
    private static final Logger AUDIT = Logger.getLogger("org.sca.audit");
    /** A line's work queues behind its messages; longer than this and something is stuck. */
    private static final long LINE_WORK_TIMEOUT_SECONDS = 10;

    private final transient Clock clock = Clock.systemUTC();

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ApiRoute route = ApiRoute.of(request.getPathInfo());
        if (route instanceof ApiRoute.Unknown) {
            send(response, 404, LineJson.error("no such resource: " + request.getRequestURI()));
        } else if (route instanceof ApiRoute.Malformed bad) {
            audit(request, route, "400 " + bad.reason());
            send(response, 400, LineJson.error(bad.reason()));
        } else if (!route.method().equals(request.getMethod())) {
            response.setHeader("Allow", route.method());
            send(response, 405, LineJson.error(request.getMethod() + " not allowed here; use " + route.method()));
        } else {
            answer(request, response, route);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, ApiRoute route) throws IOException {
        Operations ops;
        try {
            ops = Operations.of(getServletContext());
        } catch (IllegalStateException e) {
            send(response, 503, LineJson.error(e.getMessage()));
            return;
        }
        if (route instanceof ApiRoute.Lines) {
            send(response, 200, LineJson.lines(ops.overview().lines(), clock.instant()));
        } else if (route instanceof ApiRoute.OneLine one) {
            var line = ops.overview().line(one.id());
            send(response, line.isPresent() ? 200 : 404, line.isPresent() ? LineJson.line(line.get(), clock.instant())
                    : LineJson.error("no line '" + one.id() + "'"));
        } else if (route instanceof ApiRoute.Release release) {
            release(request, response, ops, release);
        } else if (route instanceof ApiRoute.Reload) {
            LineControl.Reload reload = ops.control().reload();
            audit(request, route, reload.toString());
            if (reload instanceof LineControl.Reload.Applied applied) {
                send(response, 200, LineJson.reloaded(applied));
            } else {
                send(response, 400, LineJson.error(((LineControl.Reload.Refused) reload).reason()));
            }
        }
    }

    private void release(HttpServletRequest request, HttpServletResponse response, Operations ops, ApiRoute.Release r)
            throws IOException {
        LineControl.Release outcome;
        try {
            outcome = ops.control().release(r.lineId(), r.index()).get(LINE_WORK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            audit(request, r, "failed: " + e);
            send(response, 500, LineJson.error("release failed: " + e));
            return;
        }
        audit(request, r, outcome.name().toLowerCase(Locale.ROOT));
        switch (outcome) {
            case RELEASED -> send(response, 200, LineJson.line(ops.overview().line(r.lineId()).orElseThrow(), clock.instant()));
            case NO_SUCH_LINE -> send(response, 404, LineJson.error("no line '" + r.lineId() + "'"));
            case NO_SUCH_INDEX -> send(response, 404, LineJson.error("line '" + r.lineId() + "' has no appearance " + r.index()));
            case ALREADY_IDLE -> send(response, 409, LineJson.error("appearance " + r.index() + " of line '" + r.lineId() + "' is idle"));
            case PUBLISHED -> send(response, 409, LineJson.error("appearance " + r.index() + " of line '" + r.lineId()
                    + "' is busy only by a publisher's state; the server has nothing there to end"));
        }
    }

    private static void audit(HttpServletRequest request, ApiRoute route, String result) {
        AUDIT.info(() -> "admin " + request.getRemoteUser() + " from " + request.getRemoteAddr() + ": " + request.getMethod()
                + " " + request.getRequestURI() + " (" + route + ") -> " + result);
    }

    static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }
}
