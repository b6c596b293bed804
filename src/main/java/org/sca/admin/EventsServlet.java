package org.sca.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sca.core.view.LineView;
import org.sca.sip.Operations;
import org.sca.sip.Overview;

/**
 * {@code GET /api/events}: Server-Sent Events for the page. First {@code lines} with every
 * line, then a {@code line} event with a line's new view each time it changes. Servlet 3.0
 * async (Tomcat 7 with Restcomm's context valve, which declares async support): an open
 * stream holds no HTTP thread. Lines' threads only hand views over; one writer thread
 * serialises and writes, so a slow browser never holds up SIP.
 */
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EventsServlet.class.getName());
    /** A comment line this often lets a dead connection fail a write and be dropped. */
    private static final long KEEPALIVE_SECONDS = 15;

    private final transient Clock clock = Clock.systemUTC();
    private final transient Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private transient ScheduledExecutorService writer;

    /** One open event stream and the listener that feeds it. */
    private final class Stream implements AsyncListener {
        final AsyncContext async;
        final Consumer<LineView> listener = view -> writer.execute(() -> write("line", LineJson.line(view, clock.instant())));
        final Overview overview;

        Stream(AsyncContext async, Overview overview) {
            this.async = async;
            this.overview = overview;
        }

        void write(String event, String data) {
            try {
                ServletOutputStream out = async.getResponse().getOutputStream();
                out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | IllegalStateException gone) {
                close();
            }
        }

        void close() {
            if (streams.remove(this)) {
                overview.unlisten(listener);
                try {
                    async.complete();
                } catch (IllegalStateException alreadyDone) {
                    // the container ended it first (timeout, error)
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            close();
        }

        @Override
        public void onError(AsyncEvent event) {
            close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // not restarted
        }
    }

    @Override
    public void init() {
        writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sca-events");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(() -> streams.forEach(s -> s.write("keepalive", "{}")),
                KEEPALIVE_SECONDS, KEEPALIVE_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void destroy() {
        streams.forEach(Stream::close);
        writer.shutdownNow();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Operations ops;
        try {
            ops = Operations.of(getServletContext());
        } catch (IllegalStateException e) {
            ApiServlet.send(response, 503, LineJson.error(e.getMessage()));
            return;
        }
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        AsyncContext async = request.startAsync();
        // No timeout: the stream lasts as long as the page; the keepalive finds dead ones.
        async.setTimeout(0);
        Stream stream = new Stream(async, ops.overview());
        async.addListener(stream);
        streams.add(stream);
        // Listen first, then send every line: a change in between arrives twice, never not at all.
        ops.overview().listen(stream.listener);
        writer.execute(() -> stream.write("lines", LineJson.lines(ops.overview().lines(), clock.instant())));
        LOG.fine(() -> "event stream opened for " + request.getRemoteUser());
    }
}
