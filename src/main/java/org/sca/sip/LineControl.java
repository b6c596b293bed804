package org.sca.sip;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.servlet.sip.SipApplicationSession;
import org.mobicents.javax.servlet.sip.SipApplicationSessionAsynchronousWork;
import org.mobicents.javax.servlet.sip.SipSessionsUtilExt;
import org.sca.config.LineConfig;
import org.sca.config.LinesConfig;
import org.sca.core.line.Occupant;

/**
 * What the operator may change on a line, done on the line's own application session: the
 * HTTP thread hands the work to Restcomm ({@code SipSessionsUtilExt.scheduleAsynchronousWork},
 * which runs it on the container's executor holding the session's lock, as for a SIP message)
 * and waits for the result.
 */
public final class LineControl {

    /** What a release came to; the admin API turns each into a status code. */
    public enum Release {
        RELEASED, NO_SUCH_LINE, NO_SUCH_INDEX, ALREADY_IDLE,
        /** Busy only by a publisher's PUBLISH: nothing of the server's own to end. */
        PUBLISHED
    }

    private final LinesConfig config;
    private final SipSessionsUtilExt sessions;
    private final Overview overview;
    private final Forking forking;
    private final Teardown teardown;
    private final LineSeizes seizes;

    LineControl(LinesConfig config, SipSessionsUtilExt sessions, Overview overview, Forking forking, Teardown teardown,
            LineSeizes seizes) {
        this.config = config;
        this.sessions = sessions;
        this.overview = overview;
        this.forking = forking;
        this.teardown = teardown;
        this.seizes = seizes;
    }

    /**
     * Ends what holds appearance {@code index} of line {@code lineId}: a call's legs (BYE when
     * answered; CANCEL and 480 while ringing) or a seize (terminated;reason=noresource).
     */
    public CompletableFuture<Release> release(String lineId, int index) {
        Optional<LineConfig> line = config.lines().stream().filter(l -> l.id().equals(lineId)).findFirst();
        if (line.isEmpty()) {
            return CompletableFuture.completedFuture(Release.NO_SUCH_LINE);
        }
        if (index < 1 || index > line.get().maxAppearances()) {
            return CompletableFuture.completedFuture(Release.NO_SUCH_INDEX);
        }
        // false, false: look the session up without creating it, and without taking its lock on this thread.
        SipApplicationSession app = sessions.getApplicationSessionByKey(LineKey.keyOf(line.get()), false, false);
        if (app == null) {
            return CompletableFuture.completedFuture(Release.ALREADY_IDLE);
        }
        CompletableFuture<Release> done = new CompletableFuture<>();
        sessions.scheduleAsynchronousWork(app.getId(), (SipApplicationSessionAsynchronousWork) session -> {
            try {
                Release result = releaseOn(session, index);
                overview.refresh(session);
                done.complete(result);
            } catch (IOException | RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private Release releaseOn(SipApplicationSession app, int index) throws IOException {
        LineSession line = LineSession.existing(app);
        Occupant occupant = line == null ? new Occupant.None() : line.line().occupant(index);
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
}
