package org.sca.sip;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;
import javax.servlet.sip.SipApplicationSession;
import org.mobicents.javax.servlet.sip.SipApplicationSessionAsynchronousWork;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.sca.config.ConfigException;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.core.Bindings;
import org.sca.core.call.Call;
import org.sca.core.line.Occupant;
import org.sca.core.subscription.SubscriptionState.Reason;

/**
 * What the operator may change: one appearance released, the line configuration reloaded.
 * Work on a line runs on the line's own application session: the HTTP thread hands it to
 * Restcomm ({@code SipSessionsUtilExt.scheduleAsynchronousWork}, which runs it on the
 * container's executor holding the session's lock, as for a SIP message) and waits for it.
 */
public final class LineControl {

    private static final Logger LOG = Logger.getLogger(LineControl.class.getName());

    /** What a release came to; the admin API turns each into a status code. */
    public enum Release {
        RELEASED, NO_SUCH_LINE, NO_SUCH_INDEX, ALREADY_IDLE,
        /** Busy only by a publisher's PUBLISH: nothing of the server's own to end. */
        PUBLISHED
    }

    /** What a reload came to. */
    public sealed interface Reload {
        /** The new file is in force; line ids added, removed and changed. */
        record Applied(List<String> added, List<String> removed, List<String> changed) implements Reload {}

        /** The file is broken (the start-up message); the running configuration stays. */
        record Refused(String reason) implements Reload {}
    }

    private final LiveConfig config;
    private final SipSessionsUtilExt sessions;
    private final Overview overview;
    private final Forking forking;
    private final Teardown teardown;
    private final LineSeizes seizes;
    private final Subscriptions subscriptions;

    LineControl(LiveConfig config, SipSessionsUtilExt sessions, Overview overview, Forking forking, Teardown teardown,
            LineSeizes seizes, Subscriptions subscriptions) {
        this.config = config;
        this.sessions = sessions;
        this.overview = overview;
        this.forking = forking;
        this.teardown = teardown;
        this.seizes = seizes;
        this.subscriptions = subscriptions;
    }

    /**
     * Ends what holds appearance {@code index} of line {@code lineId}: a call's legs (BYE when
     * answered; CANCEL and 480 while ringing) or a seize (terminated;reason=noresource).
     */
    public CompletableFuture<Release> release(String lineId, int index) {
        Optional<LineConfig> line = config.line(lineId);
        if (line.isEmpty()) {
            return CompletableFuture.completedFuture(Release.NO_SUCH_LINE);
        }
        if (index < 1 || index > line.get().maxAppearances()) {
            return CompletableFuture.completedFuture(Release.NO_SUCH_INDEX);
        }
        return onLine(line.get(), app -> release(app, index)).orElse(CompletableFuture.completedFuture(Release.ALREADY_IDLE));
    }

    /**
     * Reads the line file again. New lines serve at once; a removed line's subscriptions end
     * (terminated;reason=noresource), its registrations and calls too; a changed line's
     * credentials, trunks and publishers apply to its next request. Global settings and a
     * line's number of appearances keep their start-up values.
     */
    public synchronized Reload reload() {
        LinesConfig next;
        try {
            next = LinesConfig.loadConfigured();
        } catch (ConfigException e) {
            return new Reload.Refused(e.getMessage());
        }
        Map<String, LineConfig> before = byId(config.get());
        Map<String, LineConfig> after = byId(next);
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((id, line) -> {
            if (!before.containsKey(id)) {
                added.add(id);
            } else if (!before.get(id).equals(line)) {
                changed.add(id);
            }
        });
        List<String> removed = before.keySet().stream().filter(id -> !after.containsKey(id)).toList();
        config.replace(next);
        // The application key's own copy of the configuration reads the file again (see LineKey).
        System.setProperty(LineKey.GENERATION_PROPERTY, Long.toString(System.nanoTime()));
        List<CompletableFuture<?>> work = new ArrayList<>();
        for (String id : changed) {
            onLine(after.get(id), app -> LineSession.existing(app) == null ? null : LineSession.of(app, after.get(id))).ifPresent(work::add);
        }
        for (String id : removed) {
            onLine(before.get(id), this::retire).ifPresent(work::add);
        }
        CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        removed.forEach(overview::forget);
        return new Reload.Applied(added, removed, changed);
    }

    private static Map<String, LineConfig> byId(LinesConfig lines) {
        Map<String, LineConfig> m = new LinkedHashMap<>();
        lines.lines().forEach(l -> m.put(l.id(), l));
        return m;
    }

    /** Runs {@code work} on the line's session, if the line has one (something happened on it). */
    private <T> Optional<CompletableFuture<T>> onLine(LineConfig line, LineWork<T> work) {
        // false, false: look the session up without creating it, and without taking its lock on this thread.
        SipApplicationSession app = sessions.getApplicationSessionByKey(LineKey.keyOf(line), false, false);
        if (app == null) {
            return Optional.empty();
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        sessions.scheduleAsynchronousWork(app.getId(), (SipApplicationSessionAsynchronousWork) session -> {
            try {
                T result = work.apply(session);
                overview.refresh(session);
                done.complete(result);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return Optional.of(done);
    }

    /** Work on a line's session. */
    private interface LineWork<T> {
        T apply(SipApplicationSession app) throws IOException;
    }

    private Release release(SipApplicationSession app, int index) throws IOException {
        LineSession line = LineSession.existing(app);
        Occupant occupant = line == null || !line.line().view().isValidIndex(index) ? new Occupant.None()
                : line.line().occupant(index);
        if (occupant instanceof Occupant.OfCall held && held.call().legs().isPresent()) {
            teardown.end(held.call(), line, app, null);
        } else if (occupant instanceof Occupant.OfCall ringing) {
            forking.abandon(app, line, ringing.call(), "Released by operator");
        } else if (occupant instanceof Occupant.Seize seize) {
            // Ended as a seize a call used up ends: what it held is gone.
            seizes.usedUp(app, line, seize.dialog());
        } else {
            return occupant instanceof Occupant.Published ? Release.PUBLISHED : Release.ALREADY_IDLE;
        }
        return Release.RELEASED;
    }

    /** A removed line: its calls end, its subscriptions are terminated, its phones forgotten. */
    private Void retire(SipApplicationSession app) throws IOException {
        LineSession line = LineSession.existing(app);
        if (line == null) {
            return null;
        }
        for (Call call : line.line().calls()) {
            release(app, call.index());
        }
        for (String key : List.copyOf(line.subscriptions().all().keySet())) {
            subscriptions.end(app, line, key, Optional.of(Reason.NORESOURCE));
        }
        line.bindings(Bindings.empty());
        LOG.info(() -> "line " + line.config().id() + " removed from the configuration: calls, subscriptions and registrations ended");
        LineSession.forget(app);
        return null;
    }
}
