package org.sca.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.sca.core.Binding;
import org.sca.core.Dialog;
import org.sca.core.Publication;
import org.sca.core.subscription.Subscription;

/**
 * What must survive a restart, written through as it changes: bindings, call-info
 * subscriptions with their dialogs, publications, and the legs of answered calls. Writes are queued and
 * applied by one thread of the store's own, so a SIP thread never waits for the disk; a
 * newer write of the same row replaces a queued one. When the database cannot be written the
 * server goes on from memory: one log line, then the queue is retried until it can.
 */
public final class StateStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StateStore.class.getName());
    /** How long a failing database rests between tries: often enough to catch up soon, rarely enough to stay quiet. */
    private static final Duration RETRY = Duration.ofSeconds(5);
    /**
     * Changes gather this long into one transaction. A call cycle writes about fifteen rows
     * (each NOTIFY's CSeq, the legs); one transaction each cost the server 2-5 ms of CPU per
     * cycle (benchmark, store on and off). A crash loses at most this much, which the restored
     * dialogs' CSeq gap covers.
     */
    private static final Duration GROUP_COMMIT = Duration.ofMillis(50);

    private final Snapshot loaded;
    private final Writer writer;
    private final String name;

    private StateStore(Snapshot loaded, Writer writer, String name) {
        this.loaded = loaded;
        this.writer = writer;
        this.name = name;
    }

    /** A store that keeps nothing: every start is a clean one. */
    public static StateStore memoryOnly() {
        return new StateStore(Snapshot.EMPTY, null, "memory only");
    }

    /**
     * Opens the database at {@code url} and loads what is still live. An unreadable embedded
     * file is moved aside; an unreachable database server is logged once and retried, and the
     * server starts with nothing restored.
     */
    public static StateStore open(String url, Clock clock) {
        Database db = new Database(url);
        // A server URL may carry a password in its query: logs show the URL without it.
        String shown = url.replaceFirst("\\?.*", "");
        Snapshot loaded = Snapshot.EMPTY;
        try {
            loaded = Rows.snapshot(db.load(clock.instant()),
                    bad -> LOG.warning(() -> "stored " + bad.key() + " does not decode; skipped"));
        } catch (SQLException e) {
            LOG.severe(() -> "state store " + shown + " cannot be read (" + e.getMessage()
                    + "): starting with no stored state, retrying writes every " + RETRY.toSeconds() + " s");
        }
        return new StateStore(loaded, new Writer(db, shown), shown);
    }

    /** What the last run left, as loaded at start-up. */
    public Snapshot loaded() {
        return loaded;
    }

    /** The line's live bindings are now {@code live}. */
    public void bindings(String line, List<Binding> live) {
        List<Row> rows = new ArrayList<>(live.size());
        live.forEach(b -> rows.add(Rows.binding(line, b)));
        queue(new RowKey(line, Kind.BINDING, "*"), new Database.Change.ReplaceKind(line, Kind.BINDING, rows));
    }

    /** A call-info subscription was granted, refreshed or NOTIFYed (its CSeq moved). */
    public void subscription(String line, Subscription s) {
        Row row = Rows.subscription(line, s);
        queue(row.key(), new Database.Change.Put(row));
    }

    public void subscriptionEnded(String line, Subscription s) {
        RowKey key = Rows.subscriptionKey(line, s);
        queue(key, new Database.Change.Delete(key));
    }

    /** A publication arrived or was refreshed. */
    public void publication(String line, Publication p) {
        Row row = Rows.publication(line, p);
        queue(row.key(), new Database.Change.Put(row));
    }

    /** The publication with {@code etag} was withdrawn, replaced or lapsed. */
    public void publicationEnded(String line, String etag) {
        RowKey key = new RowKey(line, Kind.PUBLICATION, etag);
        queue(key, new Database.Change.Delete(key));
    }

    /** The line is no longer configured: nothing of it is kept. */
    public void lineRemoved(String line) {
        for (Kind kind : Kind.values()) {
            queue(new RowKey(line, kind, "*"), new Database.Change.ReplaceKind(line, kind, List.of()));
        }
    }

    /** Which side of a call a stored leg is. */
    public enum Leg { TRUNK, PHONE }

    /** The call on {@code index} has {@code dialog} on its {@code leg} side: answered, or bridged to another phone. */
    public void callLeg(String line, int index, Leg leg, Dialog dialog) {
        Row row = Rows.callLeg(line, index, leg.name(), dialog);
        queue(row.key(), new Database.Change.Put(row));
    }

    /** The calls the last run had on {@code line} are over. */
    public void callsEnded(String line) {
        queue(new RowKey(line, Kind.CALL, "*"), new Database.Change.ReplaceKind(line, Kind.CALL, List.of()));
    }

    public void callEnded(String line, int index) {
        for (Leg leg : Leg.values()) {
            RowKey key = Rows.callLegKey(line, index, leg.name());
            queue(key, new Database.Change.Delete(key));
        }
    }

    /** Writes what is queued (a redeploy or stop loses nothing queued) and closes the database. */
    @Override
    public void close() {
        if (writer != null) {
            writer.stop();
            Database.deregisterDrivers();
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private void queue(RowKey key, Database.Change change) {
        if (writer != null) {
            writer.queue(key, change);
        }
    }

    /** The one thread that writes; changes wait in {@code pending}, the newest per row. */
    private static final class Writer implements Runnable {

        private final Database db;
        private final String name;
        private final Map<RowKey, Database.Change> pending = new LinkedHashMap<>();
        private final Thread thread;
        private boolean stopping;
        private boolean failing;

        Writer(Database db, String name) {
            this.db = db;
            this.name = name;
            this.thread = new Thread(this, "sca-state-store");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void queue(RowKey key, Database.Change change) {
            boolean first = pending.isEmpty();
            pending.remove(key); // re-inserted last: applied after anything queued before it
            pending.put(key, change);
            if (first) {
                notifyAll();
            }
        }

        void stop() {
            synchronized (this) {
                stopping = true;
                notifyAll();
            }
            try {
                thread.join(RETRY.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            db.close();
        }

        @Override
        public void run() {
            while (true) {
                Map<RowKey, Database.Change> batch;
                synchronized (this) {
                    while (pending.isEmpty() && !stopping) {
                        waitQuietly(0);
                    }
                    if (pending.isEmpty()) {
                        return;
                    }
                    rest(GROUP_COMMIT);
                    batch = new LinkedHashMap<>(pending);
                    pending.clear();
                }
                if (!write(batch)) {
                    synchronized (this) {
                        // Put back what no newer change replaced meanwhile, ahead of those.
                        Map<RowKey, Database.Change> retry = new LinkedHashMap<>(batch);
                        retry.keySet().removeAll(pending.keySet());
                        retry.putAll(pending);
                        pending.clear();
                        pending.putAll(retry);
                        if (stopping) {
                            LOG.severe(() -> "state store " + name + ": " + pending.size() + " changes not written at stop");
                            return;
                        }
                        rest(RETRY);
                    }
                }
            }
        }

        private boolean write(Map<RowKey, Database.Change> batch) {
            try {
                db.apply(batch.values());
                if (failing) {
                    failing = false;
                    LOG.info(() -> "state store " + name + " is writable again");
                }
                return true;
            } catch (SQLException | RuntimeException e) {
                if (!failing) {
                    failing = true;
                    LOG.severe(() -> "state store " + name + " cannot be written (" + e.getMessage()
                            + "): serving from memory, retrying every " + RETRY.toSeconds() + " s");
                }
                return false;
            }
        }

        /** Waits {@code interval} unless the store stops: new changes only join the queue meanwhile. */
        private void rest(Duration interval) {
            long until = System.nanoTime() + interval.toNanos();
            for (long left = interval.toMillis(); left > 0 && !stopping; left = (until - System.nanoTime()) / 1_000_000) {
                waitQuietly(left);
            }
        }

        private void waitQuietly(long millis) {
            try {
                wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }
}
