package org.sca.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sca.it.Container;

/**
 * The soak: one container, digest on, {@code bench.soak-rate} cycles per second for
 * {@code bench.soak-minutes}, in windows of a minute. Phones register and subscribe for the
 * minimum the server allows ({@link #EXPIRES}) and refresh both at half of it, between their
 * line's cycles, as phones do; the NOTIFY answering each refresh must show the line idle.
 * An unreported warm-up at the same rate comes first, as in the sweep. After each window the calls in flight finish and the heap after a full collection is
 * taken. After the last window every line is refreshed once more: what the phones show once
 * the last call ended.
 */
final class Soak {

    /** The shortest registration and subscription the soak's server grants: phones refresh twice a minute. */
    private static final int EXPIRES = 60;
    private static final long WINDOW_SECONDS = 60;

    private final LoadBenchmark.Settings settings;

    Soak(LoadBenchmark.Settings settings) {
        this.settings = settings;
    }

    String run(String started) throws Exception {
        int pbxPort = Container.freePort();
        String config = BenchLines.config(settings.loadUsers(), pbxPort, BenchLines.Auth.DIGEST, EXPIRES, settings.store());
        List<StepResults> windows = new ArrayList<>();
        StepResults last;
        StepResults warmUp;
        try (Server server = Server.sca(config); Wire wire = new Wire()) {
            Rig rig = new Rig(wire, server, pbxPort, Rig.Kind.SCA, settings.loadUsers(), EXPIRES, settings.histograms());
            rig.setUp(rig.loadLines);
            rig.refreshEvery(EXPIRES * 1_000_000_000L / 2);
            // Unreported, as in the sweep: the JIT compiles the container's hot paths first.
            warmUp = rig.step(settings.soakRate(), settings.warmUpSeconds());
            System.out.println("  warm-up " + LoadBenchmark.Report.line(warmUp));
            for (int minute = 1; minute <= settings.soakMinutes(); minute++) {
                StepResults r = rig.step(settings.soakRate(), (int) WINDOW_SECONDS);
                windows.add(r);
                System.out.printf(Locale.ROOT, "  minute %d: %s%n", minute, LoadBenchmark.Report.line(r));
            }
            last = rig.refreshAll();
        }
        return report(started, warmUp, windows, last);
    }

    private String report(String started, StepResults warmUp, List<StepResults> windows, StepResults last) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Soak started %s: %d lines x 2 phones, digest, %d cycles/s for %d min,"
                + " registrations and subscriptions of %d s refreshed every %d s.%n%n", started, settings.lines(),
                settings.soakRate(), settings.soakMinutes(), EXPIRES, EXPIRES / 2));
        b.append("| minute | offered | completed | failed calls | lost NOTIFYs | late NOTIFYs (> 500 ms) | NOTIFY p50 ms"
                + " | NOTIFY p99 ms | NOTIFY max ms | refreshes | failed refreshes | not idle at refresh | heap after GC MiB |\n");
        b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        long offered = 0;
        long failed = 0;
        long lost = 0;
        long late = 0;
        long refreshFailures = 0;
        long stuck = 0;
        for (int i = 0; i < windows.size(); i++) {
            StepResults r = windows.get(i);
            int refreshFailed = r.failedRefreshes();
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %.2f | %.2f | %.1f | %d | %d | %d | %.1f |%n",
                    i + 1, r.offered, r.completed, r.failed, r.lostNotifies, r.lateNotifies, r.percentileMillis(50),
                    r.percentileMillis(99), r.maxLatencyNanos / 1e6, r.refreshes, refreshFailed, r.stuckAppearances,
                    r.heapAfterGcBytes / 1048576.0));
            offered += r.offered;
            failed += r.failed;
            lost += r.lostNotifies;
            late += r.lateNotifies;
            refreshFailures += refreshFailed;
            stuck += r.stuckAppearances;
        }
        int lastFailed = last.failedRefreshes();
        b.append(String.format(Locale.ROOT, "%nTotals: %d calls offered, %d failed, %d NOTIFYs lost, %d late; %d refreshes failed,"
                + " %d refresh NOTIFYs not idle.%n", offered, failed, lost, late, refreshFailures, stuck));
        b.append(String.format(Locale.ROOT, "Warm-up (%d s, not in the table): %d calls offered, %d failed %s; a line whose"
                + " cycle failed is not used again.%n", settings.warmUpSeconds(), warmUp.offered, warmUp.failed, warmUp.failures));
        b.append(String.format(Locale.ROOT, "After the last call: %d lines refreshed, %d failed, %d showing an appearance not idle%s.%n",
                last.refreshes, lastFailed, last.stuckAppearances, last.refreshFailures.isEmpty() ? "" : " " + last.refreshFailures));
        b.append(String.format(Locale.ROOT, "Heap after GC: %.1f MiB after minute 1, %.1f MiB after minute %d; least-squares slope over"
                + " minutes 2-%d: %+.1f KiB per minute.%n", windows.get(0).heapAfterGcBytes / 1048576.0,
                windows.get(windows.size() - 1).heapAfterGcBytes / 1048576.0, windows.size(), windows.size(), slopeKiBPerMinute(windows)));
        return b.toString();
    }

    /** Heap growth per window over all windows but the first (JIT and class loading), KiB per minute. */
    private static double slopeKiBPerMinute(List<StepResults> windows) {
        int n = windows.size() - 1;
        if (n < 2) {
            return Double.NaN;
        }
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumXX = 0;
        for (int i = 1; i < windows.size(); i++) {
            double y = windows.get(i).heapAfterGcBytes / 1024.0;
            sumX += i;
            sumY += y;
            sumXY += i * y;
            sumXX += (double) i * i;
        }
        return (n * sumXY - sumX * sumY) / (n * sumXX - sumX * sumX);
    }
}
