package org.sca.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.sca.it.Container;

/**
 * The load benchmark (not a test): starts the real container, puts N shared lines with two
 * registered, call-info-subscribed phones each on it, and drives the full cycle at stepped
 * rates, three fresh runs per rate sweep; then the same cycle against the baseline
 * {@link Reflector}. Prints a Markdown report (medians of the runs) and writes it to
 * {@code target/bench/}. Settings are system properties {@code bench.*}, see {@link Settings}.
 */
public final class LoadBenchmark {

    /** A verify run of the test suite holds this file; a benchmark beside it would measure both. */
    private static final Path VERIFY_LOCK = Path.of("/tmp/sca-verify.lock");
    private static final Path BENCH_LOCK = Path.of("/tmp/sca-bench.lock");
    private static final long LOCK_POLL_MILLIS = 10_000;
    private static final long LOCK_WAIT_MILLIS = 600_000;
    /** A step that fails more than this share of its calls ends the sweep: higher rates would only fail more. */
    private static final double SATURATED_FAILURE_SHARE = 0.10;
    /** Registrations and subscriptions of the sweep outlive its longest run. */
    private static final int SWEEP_EXPIRES = 3600;

    /**
     * @param lines       load lines, two phones each; enough that a free line is there for every offered call
     * @param rates       offered cycles per second, one step each
     * @param stepSeconds how long each rate is offered
     * @param runs        fresh server per run; the report gives medians
     * @param auth        one sweep per way in, in this order
     * @param idleLines   lines with {@code idlePhones} subscribed phones each, for the heap per idle line (0: not measured)
     * @param idlePhones  phones on each idle line
     * @param warmUpRate  cycles per second of the unreported warm-up (JIT) before the steps
     * @param warmUpSeconds its length
     * @param soakMinutes instead of the sweeps, a soak this long (0: no soak), see {@link Soak}
     * @param soakRate    cycles per second of the soak
     * @param store       the server's state store ({@code store.url}): empty for its default, the embedded SQLite file
     */
    record Settings(int lines, List<Integer> rates, int stepSeconds, int runs, List<BenchLines.Auth> auth, int idleLines,
            int idlePhones, int warmUpRate, int warmUpSeconds, int soakMinutes, int soakRate, String store, Path out) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.lines", 100),
                    list("bench.rates", "20,40,60,80,100,120,140").stream().map(Integer::valueOf).toList(),
                    Integer.getInteger("bench.step-seconds", 10),
                    Integer.getInteger("bench.runs", 3),
                    list("bench.auth", "digest,trusted").stream()
                            .map(a -> BenchLines.Auth.valueOf(a.toUpperCase(Locale.ROOT))).toList(),
                    Integer.getInteger("bench.idle-lines", 200),
                    Integer.getInteger("bench.idle-phones", 4),
                    Integer.getInteger("bench.warm-up-rate", 40),
                    Integer.getInteger("bench.warm-up-seconds", 20),
                    Integer.getInteger("bench.soak-minutes", 0),
                    Integer.getInteger("bench.soak-rate", 40),
                    System.getProperty("bench.store", ""),
                    Path.of(System.getProperty("bench.out", "target/bench")));
        }

        private static List<String> list(String property, String defaults) {
            return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::trim).toList();
        }

        /** Where each heap measurement's class histogram is kept. */
        Path histograms() {
            return out.resolve("histograms");
        }

        List<String> loadUsers() {
            return BenchLines.users("bench_", lines);
        }

        List<String> idleUsers() {
            return BenchLines.users("idle_", idleLines);
        }
    }

    /** One run: a fresh server, set up, warmed up, then the rate steps. */
    record Run(List<StepResults> steps, long heapWithIdleLinesBytes) {}

    private final Settings settings;

    private LoadBenchmark(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        awaitNoVerifyRun();
        Files.writeString(BENCH_LOCK, ProcessHandle.current().pid() + "\n");
        // A hook, not finally: Ctrl-C must free the lock too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> BENCH_LOCK.toFile().delete()));
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        int floodRate = Integer.getInteger("bench.flood-rate", 0);
        String report;
        String kind;
        int fuzzMessages = Integer.getInteger("bench.fuzz-messages", 0);
        if (Boolean.getBoolean("bench.side-by-side")) {
            report = new SideBySide(SideBySide.Settings.fromSystemProperties()).run(started);
            kind = "side-by-side-";
        } else if (fuzzMessages > 0) {
            report = new Fuzz(settings, fuzzMessages, Integer.getInteger("bench.fuzz-rate", 2000)).run(started);
            kind = "fuzz-";
        } else if (floodRate > 0) {
            report = new Flood(settings, floodRate, Integer.getInteger("bench.flood-seconds", 20)).run(started);
            kind = "flood-";
        } else if (settings.soakMinutes() > 0) {
            report = new Soak(settings).run(started);
            kind = "soak-";
        } else {
            report = new LoadBenchmark(settings).benchmark(started);
            kind = "results-";
        }
        System.out.println(report);
        Files.createDirectories(settings.out());
        Path file = settings.out().resolve(kind + started.replace(':', '-') + ".md");
        Files.writeString(file, report);
        System.out.println("written to " + file);
    }

    private static void awaitNoVerifyRun() throws InterruptedException {
        long giveUp = System.currentTimeMillis() + LOCK_WAIT_MILLIS;
        while (Files.exists(VERIFY_LOCK)) {
            if (System.currentTimeMillis() > giveUp) {
                throw new IllegalStateException(VERIFY_LOCK + " still there after " + LOCK_WAIT_MILLIS / 60_000 + " min");
            }
            System.out.println("waiting for the test run holding " + VERIFY_LOCK);
            Thread.sleep(LOCK_POLL_MILLIS);
        }
    }

    private String benchmark(String started) throws Exception {
        Map<BenchLines.Auth, List<Run>> sca = new EnumMap<>(BenchLines.Auth.class);
        Map<BenchLines.Auth, Long> bareHeap = new EnumMap<>(BenchLines.Auth.class);
        for (BenchLines.Auth auth : settings.auth()) {
            bareHeap.put(auth, settings.idleLines() == 0 ? 0 : bareHeapBytes(auth));
            List<Run> runs = new ArrayList<>();
            for (int i = 1; i <= settings.runs(); i++) {
                runs.add(run(Rig.Kind.SCA, auth, i));
            }
            sca.put(auth, runs);
        }
        List<Run> baseline = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
            baseline.add(run(Rig.Kind.BASELINE, BenchLines.Auth.TRUSTED, i));
        }
        return new Report(settings, started).render(sca, baseline, bareHeap);
    }

    /**
     * Live heap of a container whose only lines are the load lines, phones registered and
     * subscribed, once idle: what the idle lines of a run add to it is their cost,
     * configuration included.
     */
    private long bareHeapBytes(BenchLines.Auth auth) throws Exception {
        int pbxPort = Container.freePort();
        String config = BenchLines.config(settings.loadUsers(), pbxPort, auth, 60, settings.store());
        try (Server server = Server.sca(config); Wire wire = new Wire()) {
            Rig rig = new Rig(wire, server, pbxPort, Rig.Kind.SCA, settings.loadUsers(), SWEEP_EXPIRES, settings.histograms());
            rig.setUp(rig.loadLines);
            rig.settle();
            return rig.heapAfterGcBytes();
        }
    }

    private Run run(Rig.Kind kind, BenchLines.Auth auth, int number) throws Exception {
        System.out.printf(Locale.ROOT, "%s (%s) run %d of %d%n", kind, auth.label, number, settings.runs());
        int pbxPort = Container.freePort();
        List<String> users = new ArrayList<>(settings.loadUsers());
        users.addAll(settings.idleUsers());
        try (Server server = kind == Rig.Kind.SCA ? Server.sca(BenchLines.config(users, pbxPort, auth, 60, settings.store())) : Server.reflector();
             Wire wire = new Wire()) {
            Rig rig = new Rig(wire, server, pbxPort, kind, settings.loadUsers(), SWEEP_EXPIRES, settings.histograms());
            long heapIdle = 0;
            if (kind == Rig.Kind.SCA) {
                rig.setUp(rig.loadLines);
            }
            if (kind == Rig.Kind.SCA && settings.idleLines() > 0) {
                rig.setUp(rig.idleLines(settings.idleUsers(), settings.idlePhones()));
                rig.settle();
                heapIdle = rig.heapAfterGcBytes();
            }
            // Not in the tables, but printed: a cycle that fails here retires its line for the run.
            System.out.println("  warm-up " + Report.line(rig.step(settings.warmUpRate(), settings.warmUpSeconds())));
            List<StepResults> steps = new ArrayList<>();
            for (int rate : settings.rates()) {
                StepResults r = rig.step(rate, settings.stepSeconds());
                steps.add(r);
                System.out.println("  " + Report.line(r));
                if (r.failed > r.offered * SATURATED_FAILURE_SHARE) {
                    break;
                }
            }
            return new Run(steps, heapIdle);
        }
    }

    /** Medians over runs, as Markdown. */
    static final class Report {
        private final Settings settings;
        private final String started;

        Report(Settings settings, String started) {
            this.settings = settings;
            this.started = started;
        }

        static String line(StepResults r) {
            return String.format(Locale.ROOT,
                    "%4d/s offered %4d, completed %4d (%.1f/s), failed %d %s, NOTIFYs/cycle %.2f (+%d extra, %d lost, %d late),"
                            + " p50 %.2f ms, p99 %.2f ms, max %.1f ms, refreshes %d (failed %s, not idle %d),"
                            + " server CPU %.2f s, heap %.1f MiB, retransmissions %d, datagrams/cycle %.1f, send failures %d",
                    r.rate, r.offered, r.completed, r.achievedPerSecond(), r.failed, r.failures, r.notifiesPerCycle(),
                    r.extraNotifies, r.lostNotifies, r.lateNotifies, r.percentileMillis(50), r.percentileMillis(99),
                    r.maxLatencyNanos / 1e6, r.refreshes, r.refreshFailures, r.stuckAppearances, r.serverCpuSeconds,
                    r.heapAfterGcBytes / 1048576.0, r.retransmissions, r.completed == 0 ? 0 : (double) r.datagrams / r.completed,
                    r.sendFailures);
        }

        String render(Map<BenchLines.Auth, List<Run>> sca, List<Run> baseline, Map<BenchLines.Auth, Long> bareHeap) {
            StringBuilder b = new StringBuilder();
            b.append("Started ").append(started).append("; ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores (").append(cpuModel()).append("); ").append(System.getProperty("java.vm.name")).append(' ')
                    .append(System.getProperty("java.runtime.version")).append("\n");
            b.append(String.format(Locale.ROOT, "%d load lines x 2 phones, %d s per step, medians of %d runs, warm-up %d s at %d/s,"
                    + " state store %s.%n%n", settings.lines(), settings.stepSeconds(), settings.runs(), settings.warmUpSeconds(),
                    settings.warmUpRate(), settings.store().isEmpty() ? "the default (embedded SQLite)" : settings.store()));
            sca.forEach((auth, runs) -> {
                b.append("SCA server, ").append(auth.label).append(":\n\n");
                table(b, runs);
                b.append("\nNOTIFY p99 by state change, SCA server, ").append(auth.label).append(", ms:\n\n");
                byState(b, runs);
                b.append("\nHighest rate with zero failed calls and zero lost NOTIFYs in every run: ").append(highestClean(runs))
                        .append(" cycles/s.\n");
                if (settings.idleLines() > 0) {
                    long bare = bareHeap.get(auth);
                    double perIdleLine = median(runs.stream()
                            .mapToDouble(r -> (r.heapWithIdleLinesBytes() - bare) / (double) settings.idleLines()).toArray());
                    b.append(String.format(Locale.ROOT, "Heap after GC per idle line with %d subscribed phones: %.1f KiB (line"
                            + " configuration included), from %d idle lines, %d s after their last SUBSCRIBE.%n",
                            settings.idlePhones(), perIdleLine / 1024, settings.idleLines(),
                            Rig.TRANSACTIONS_LINGER_NANOS / 1_000_000_000L));
                }
                b.append('\n');
            });
            b.append("Baseline (reflector: answers each trigger and NOTIFYs both phones, no container):\n\n");
            table(b, baseline);
            b.append("\nHighest rate with zero failed calls in every run: ").append(highestClean(baseline)).append(" cycles/s.\n");
            return b.toString();
        }

        private void table(StringBuilder b, List<Run> runs) {
            b.append("| offered cycles/s | achieved cycles/s | failed calls (each run) | lost NOTIFYs (each run) | NOTIFYs/cycle"
                    + " | NOTIFY p50 ms | NOTIFY p99 ms | server CPU s | server CPU ms/cycle | heap after GC MiB |\n");
            b.append("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < settings.rates().size(); i++) {
                List<StepResults> at = atStep(runs, i);
                if (at.isEmpty()) {
                    continue;
                }
                String failed = at.stream().map(r -> Integer.toString(r.failed)).collect(Collectors.joining(" / "));
                String lost = at.stream().map(r -> Long.toString(r.lostNotifies)).collect(Collectors.joining(" / "));
                b.append(String.format(Locale.ROOT, "| %d | %.1f | %s%s | %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                        settings.rates().get(i), med(at, StepResults::achievedPerSecond), failed,
                        at.size() < runs.size() ? " (not run in every run)" : "", lost,
                        med(at, StepResults::notifiesPerCycle), med(at, r -> r.percentileMillis(50)), med(at, r -> r.percentileMillis(99)),
                        med(at, r -> r.serverCpuSeconds), med(at, r -> r.completed == 0 ? 0 : 1000 * r.serverCpuSeconds / r.completed),
                        med(at, r -> r.heapAfterGcBytes / 1048576.0)));
            }
        }

        private void byState(StringBuilder b, List<Run> runs) {
            b.append("| offered cycles/s |");
            for (BenchLine.Step step : BenchLine.Step.values()) {
                b.append(' ').append(step.name().toLowerCase(Locale.ROOT)).append(" (").append(step.state).append(") |");
            }
            b.append("\n|---:|").append("---:|".repeat(BenchLine.Step.values().length)).append('\n');
            for (int i = 0; i < settings.rates().size(); i++) {
                List<StepResults> at = atStep(runs, i);
                if (at.isEmpty()) {
                    continue;
                }
                b.append("| ").append(settings.rates().get(i)).append(" |");
                for (BenchLine.Step step : BenchLine.Step.values()) {
                    b.append(String.format(Locale.ROOT, " %.2f |", med(at, r -> r.percentileMillis(step, 99))));
                }
                b.append('\n');
            }
        }

        private String highestClean(List<Run> runs) {
            int best = 0;
            for (int i = 0; i < settings.rates().size(); i++) {
                List<StepResults> at = atStep(runs, i);
                if (at.size() == runs.size() && at.stream().allMatch(r -> r.failed == 0 && r.lostNotifies == 0 && r.completed == r.offered)) {
                    best = Math.max(best, settings.rates().get(i));
                }
            }
            return best == 0 ? "none" : Integer.toString(best);
        }

        private static List<StepResults> atStep(List<Run> runs, int i) {
            return runs.stream().filter(r -> r.steps().size() > i).map(r -> r.steps().get(i)).toList();
        }

        private static double med(List<StepResults> at, ToDoubleFunction<StepResults> f) {
            return median(at.stream().mapToDouble(f).toArray());
        }

        static double median(double[] values) {
            double[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        }

        private static String cpuModel() {
            try {
                return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
            } catch (IOException e) {
                return "unknown CPU";
            }
        }
    }
}
