package org.sca.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * The devices and lines in front of one server, and the loop that drives them: set-up
 * (register and subscribe), rate steps of full cycles, and, when asked, refreshes of lines
 * between their cycles.
 */
final class Rig {

    enum Kind { SCA, BASELINE }

    /** Phones registering and subscribing at once while lines are set up: enough to be quick, few enough for no retransmissions. */
    private static final int SETUP_WINDOW = 32;
    private static final long SETUP_TIMEOUT_NANOS = 120_000_000_000L;
    /** How often timeouts, retransmissions and refreshes are looked at; far below T1 (500 ms). */
    private static final long HOUSEKEEPING_NANOS = 10_000_000L;
    /**
     * Idle means no transaction left: the server keeps a completed non-INVITE server
     * transaction for Timer J (64*T1 = 32 s over UDP) after its REGISTER or SUBSCRIBE.
     */
    static final long TRANSACTIONS_LINGER_NANOS = 64 * Device.T1_NANOS + 3_000_000_000L;

    private final Wire wire;
    private final Server server;
    private final Path histograms;
    private final int expires;
    private final CallRouter router = new CallRouter();
    private final Device pbx;
    private final Queue<BenchLine> free = new ArrayDeque<>();
    private final List<Device> devices = new ArrayList<>();
    final List<BenchLine> loadLines = new ArrayList<>();
    /** 0: lines are never refreshed. */
    private long refreshIntervalNanos;
    private StepResults current;
    private long lastHousekeeping;

    /**
     * @param loadUsers one load line each, two phones
     * @param expires   what phones ask for their registrations and subscriptions, seconds
     */
    Rig(Wire wire, Server server, int pbxPort, Kind kind, List<String> loadUsers, int expires, Path histograms) {
        this.wire = wire;
        this.server = server;
        this.histograms = histograms;
        this.expires = expires;
        this.pbx = new Device(wire, pbxPort, "pbx", server.sip(), router);
        devices.add(pbx);
        for (String user : loadUsers) {
            List<Device> phones = phones(user, 2);
            loadLines.add(kind == Kind.SCA
                    ? new ScaLine(user, phones, free, pbx, router, server.sipPort(), expires)
                    : new BaselineLine(user, phones, free, pbx, router));
        }
        free.addAll(loadLines);
    }

    /**
     * From now on, a free line whose phones registered and subscribed this long ago refreshes
     * both. The lines' first refreshes are spread over one interval, as phones that came up
     * at different times would be: all at once, they would take every line out of the calls.
     */
    void refreshEvery(long nanos) {
        refreshIntervalNanos = nanos;
        long now = System.nanoTime();
        for (int i = 0; i < loadLines.size(); i++) {
            if (loadLines.get(i) instanceof ScaLine sca) {
                sca.scheduleRefresh(now + nanos * (i + 1) / loadLines.size(), nanos);
            }
        }
    }

    private List<Device> phones(String user, int count) {
        List<Device> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(new Device(wire, 0, user, server.sip(), null));
        }
        devices.addAll(phones);
        return phones;
    }

    /** Lines that are set up and never take part in a cycle: what an idle subscribed line costs. */
    List<BenchLine> idleLines(List<String> users, int phonesEach) {
        List<BenchLine> idle = new ArrayList<>();
        for (String user : users) {
            // Never started, so never back in a queue of free lines.
            idle.add(new ScaLine(user, phones(user, phonesEach), new ArrayDeque<>(), pbx, router, server.sipPort(), expires));
        }
        return idle;
    }

    /** Registers and subscribes every phone of the lines, a window of lines at a time. */
    void setUp(List<BenchLine> lines) {
        Queue<ScaLine> todo = new ArrayDeque<>();
        lines.forEach(l -> todo.add((ScaLine) l));
        List<ScaLine> started = new ArrayList<>();
        boolean done = wire.runUntil(() -> todo.isEmpty() && started.stream().allMatch(ScaLine::isSetUp),
                System.nanoTime() + SETUP_TIMEOUT_NANOS, () -> {
                    started.removeIf(ScaLine::isSetUp);
                    while (started.size() < SETUP_WINDOW && !todo.isEmpty()) {
                        ScaLine line = todo.poll();
                        line.setUp();
                        started.add(line);
                    }
                    housekeeping();
                });
        if (!done) {
            throw new IllegalStateException("phones not registered and subscribed in time: " + started.size() + " lines left");
        }
    }

    /** Lets the transactions of the set-up end, answering whatever still comes. */
    void settle() {
        wire.runUntil(() -> false, System.nanoTime() + TRANSACTIONS_LINGER_NANOS, this::housekeeping);
    }

    long heapAfterGcBytes() {
        return server.heapAfterGcBytes(histograms);
    }

    /** Offers {@code rate} cycles per second for {@code seconds}, then waits for the calls in flight. */
    StepResults step(int rate, int seconds) {
        long interval = 1_000_000_000L / rate;
        int planned = rate * seconds;
        double cpuBefore = server.cpuSeconds();
        long retransmissionsBefore = wire.retransmissions;
        long datagramsBefore = wire.sent + wire.received;
        long sendFailuresBefore = wire.sendFailures;
        long start = System.nanoTime();
        StepResults r = new StepResults(rate, start);
        current = r;
        long[] nextOffer = {start};
        boolean done = wire.runUntil(() -> r.offered == planned && inFlight() == 0,
                start + seconds * 1_000_000_000L + BenchLine.CYCLE_TIMEOUT_NANOS + 2 * Device.T1_NANOS, () -> {
                    long now = System.nanoTime();
                    while (r.offered < planned && now >= nextOffer[0]) {
                        offer(r);
                        nextOffer[0] += interval;
                    }
                    housekeeping();
                });
        if (!done) {
            loadLines.forEach(l -> l.fail("still running when the step ended"));
        }
        r.serverCpuSeconds = server.cpuSeconds() - cpuBefore;
        r.retransmissions = wire.retransmissions - retransmissionsBefore;
        r.datagrams = wire.sent + wire.received - datagramsBefore;
        r.sendFailures = wire.sendFailures - sendFailuresBefore;
        r.heapAfterGcBytes = heapAfterGcBytes();
        return r;
    }

    /**
     * Refreshes every free line once more, with no call offered: what each line shows once
     * the last call ended. Lines given up during the run are not asked again.
     */
    StepResults refreshAll() {
        refreshIntervalNanos = 0;
        wire.runUntil(() -> loadLines.stream().noneMatch(l -> l instanceof ScaLine sca && sca.isRefreshing()),
                System.nanoTime() + BenchLine.CYCLE_TIMEOUT_NANOS + 2 * Device.T1_NANOS, this::housekeeping);
        StepResults r = new StepResults(0, System.nanoTime());
        current = r;
        List<BenchLine> lines = new ArrayList<>(free);
        free.clear();
        lines.forEach(l -> ((ScaLine) l).refresh(r));
        wire.runUntil(() -> free.size() + r.failedRefreshes() == lines.size(),
                System.nanoTime() + BenchLine.CYCLE_TIMEOUT_NANOS + 2 * Device.T1_NANOS, this::housekeeping);
        return r;
    }

    private void offer(StepResults r) {
        r.offered++;
        BenchLine line = free.poll();
        if (line == null) {
            r.fail("no free line (raise bench.lines)");
        } else {
            line.start(r);
        }
    }

    private long inFlight() {
        return loadLines.stream().filter(l -> l.busy).count();
    }

    private void housekeeping() {
        long now = System.nanoTime();
        if (now - lastHousekeeping < HOUSEKEEPING_NANOS) {
            return;
        }
        lastHousekeeping = now;
        loadLines.forEach(l -> l.checkTimeout(now));
        devices.forEach(d -> d.retransmit(now));
        if (refreshIntervalNanos > 0 && current != null) {
            for (BenchLine line : loadLines) {
                if (line instanceof ScaLine sca && sca.refreshDue(now, refreshIntervalNanos) && free.remove(line)) {
                    sca.refresh(current);
                }
            }
        }
    }
}
