package org.sca.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
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
    /** Phones registering and subscribing at once while lines are set up: enough to be quick, few enough for no retransmissions. */
    private static final int SETUP_WINDOW = 32;
    private static final long SETUP_TIMEOUT_NANOS = 120_000_000_000L;
    /** How often timeouts and retransmissions are looked at; far below T1 (500 ms). */
    private static final long HOUSEKEEPING_NANOS = 10_000_000L;
    /**
     * Idle means no transaction left: the server keeps a completed non-INVITE server
     * transaction for Timer J (64*T1 = 32 s over UDP) after its REGISTER or SUBSCRIBE.
     */
    private static final long TRANSACTIONS_LINGER_NANOS = 64 * Device.T1_NANOS + 3_000_000_000L;
    /** A step that fails more than this share of its calls ends the sweep: higher rates would only fail more. */
    private static final double SATURATED_FAILURE_SHARE = 0.10;

    /**
     * @param lines       load lines, two phones each; enough that a free line is there for every offered call
     * @param rates       offered cycles per second, one step each
     * @param stepSeconds how long each rate is offered
     * @param runs        fresh server per run; the report gives medians
     * @param idleLines   lines with {@code idlePhones} subscribed phones each, for the heap per idle line (0: not measured)
     * @param idlePhones  phones on each idle line
     * @param warmUpRate  cycles per second of the unreported warm-up (JIT) before the steps
     * @param warmUpSeconds its length
     */
    record Settings(int lines, List<Integer> rates, int stepSeconds, int runs, int idleLines, int idlePhones,
            int warmUpRate, int warmUpSeconds, Path out) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.lines", 100),
                    Arrays.stream(System.getProperty("bench.rates", "20,40,60,80,100,120,140").split(","))
                            .map(String::trim).map(Integer::valueOf).toList(),
                    Integer.getInteger("bench.step-seconds", 10),
                    Integer.getInteger("bench.runs", 3),
                    Integer.getInteger("bench.idle-lines", 200),
                    Integer.getInteger("bench.idle-phones", 4),
                    Integer.getInteger("bench.warm-up-rate", 40),
                    Integer.getInteger("bench.warm-up-seconds", 20),
                    Path.of(System.getProperty("bench.out", "target/bench")));
        }

        /** Where each heap measurement's class histogram is kept. */
        Path histograms() {
            return out.resolve("histograms");
        }
    }

    enum Kind { SCA, BASELINE }

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
        new LoadBenchmark(settings).benchmark();
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

    private void benchmark() throws Exception {
        String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        long bareHeap = settings.idleLines() == 0 ? 0 : bareHeapBytes();
        List<Run> sca = new ArrayList<>();
        List<Run> baseline = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
            sca.add(run(Kind.SCA, i));
        }
        for (int i = 1; i <= settings.runs(); i++) {
            baseline.add(run(Kind.BASELINE, i));
        }
        String report = new Report(settings, started).render(sca, baseline, bareHeap);
        System.out.println(report);
        Files.createDirectories(settings.out());
        Path file = settings.out().resolve("results-" + started.replace(':', '-') + ".md");
        Files.writeString(file, report);
        System.out.println("written to " + file);
    }

    /**
     * Live heap of a container whose only lines are the load lines, phones registered and
     * subscribed, once idle: what the idle lines of a run add to it is their cost,
     * configuration included.
     */
    private long bareHeapBytes() throws Exception {
        int pbxPort = Container.freePort();
        try (Server server = Server.sca(linesConfig(pbxPort, false)); Wire wire = new Wire()) {
            Setup setup = new Setup(wire, server, pbxPort, Kind.SCA);
            setup.setUp(setup.loadLines);
            setup.settle();
            return server.heapAfterGcBytes(settings.histograms());
        }
    }

    private Run run(Kind kind, int number) throws Exception {
        System.out.printf(Locale.ROOT, "%s run %d of %d%n", kind, number, settings.runs());
        int pbxPort = Container.freePort();
        try (Server server = kind == Kind.SCA ? Server.sca(linesConfig(pbxPort, true)) : Server.reflector();
             Wire wire = new Wire()) {
            Setup setup = new Setup(wire, server, pbxPort, kind);
            long heapIdle = 0;
            if (kind == Kind.SCA) {
                setup.setUp(setup.loadLines);
            }
            if (kind == Kind.SCA && settings.idleLines() > 0) {
                setup.setUp(setup.idleLines());
                setup.settle();
                heapIdle = server.heapAfterGcBytes(settings.histograms());
            }
            setup.step(settings.warmUpRate(), settings.warmUpSeconds());
            List<StepResults> steps = new ArrayList<>();
            for (int rate : settings.rates()) {
                StepResults r = setup.step(rate, settings.stepSeconds());
                steps.add(r);
                System.out.println("  " + Report.line(r));
                if (r.failed > r.offered * SATURATED_FAILURE_SHARE) {
                    break;
                }
            }
            return new Run(steps, heapIdle);
        }
    }

    private String linesConfig(int pbxPort, boolean withIdleLines) {
        StringBuilder config = new StringBuilder("""
                # Written by LoadBenchmark: trusted loopback phones (no digest), one PBX for every line.
                subscription.max-expires = 3600
                registration.max-expires = 3600
                """);
        for (int i = 0; i < settings.lines(); i++) {
            appendLine(config, loadUser(i), pbxPort);
        }
        for (int i = 0; withIdleLines && i < settings.idleLines(); i++) {
            appendLine(config, idleUser(i), pbxPort);
        }
        return config.toString();
    }

    private static void appendLine(StringBuilder config, String user, int pbxPort) {
        config.append("line.").append(user).append(".aor = sip:").append(user).append("@127.0.0.1\n")
                .append("line.").append(user).append(".credentials = ").append(user).append(":bench\n")
                .append("line.").append(user).append(".trunks = 127.0.0.1:").append(pbxPort).append('\n')
                .append("line.").append(user).append(".trusted-networks = 127.0.0.0/8\n");
    }

    private static String loadUser(int i) {
        return "bench_" + i;
    }

    private static String idleUser(int i) {
        return "idle_" + i;
    }

    /** The devices and lines of one server, and the loop that drives them. */
    private final class Setup {
        private final Wire wire;
        private final Server server;
        private final CallRouter router = new CallRouter();
        private final Device pbx;
        private final Queue<BenchLine> free = new ArrayDeque<>();
        private final List<Device> devices = new ArrayList<>();
        final List<BenchLine> loadLines = new ArrayList<>();
        private long lastHousekeeping;

        Setup(Wire wire, Server server, int pbxPort, Kind kind) {
            this.wire = wire;
            this.server = server;
            this.pbx = new Device(wire, pbxPort, "pbx", server.sip(), router);
            devices.add(pbx);
            for (int i = 0; i < settings.lines(); i++) {
                List<Device> phones = phones(loadUser(i), 2);
                loadLines.add(kind == Kind.SCA
                        ? new ScaLine(loadUser(i), phones, free, pbx, router, server.sipPort())
                        : new BaselineLine(loadUser(i), phones, free, pbx, router));
            }
            free.addAll(loadLines);
        }

        private List<Device> phones(String user, int count) {
            List<Device> phones = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                phones.add(new Device(wire, 0, user, server.sip(), null));
            }
            devices.addAll(phones);
            return phones;
        }

        List<BenchLine> idleLines() {
            List<BenchLine> idle = new ArrayList<>();
            for (int i = 0; i < settings.idleLines(); i++) {
                // Never started, so never back in a queue of free lines.
                idle.add(new ScaLine(idleUser(i), phones(idleUser(i), settings.idlePhones()), new ArrayDeque<>(), pbx, router,
                        server.sipPort()));
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
            r.heapAfterGcBytes = server.heapAfterGcBytes(settings.histograms());
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
                    "%4d/s offered %4d, completed %4d (%.1f/s), failed %d %s, NOTIFYs/cycle %.2f (+%d extra), p50 %.2f ms, p99 %.2f ms,"
                            + " server CPU %.2f s, heap %.1f MiB, retransmissions %d, datagrams/cycle %.1f, send failures %d",
                    r.rate, r.offered, r.completed, r.achievedPerSecond(), r.failed, r.failures, r.notifiesPerCycle(),
                    r.extraNotifies, r.percentileMillis(50), r.percentileMillis(99), r.serverCpuSeconds,
                    r.heapAfterGcBytes / 1048576.0, r.retransmissions, r.completed == 0 ? 0 : (double) r.datagrams / r.completed,
                    r.sendFailures);
        }

        String render(List<Run> sca, List<Run> baseline, long bareHeap) {
            StringBuilder b = new StringBuilder();
            b.append("Started ").append(started).append("; ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores (").append(cpuModel()).append("); ").append(System.getProperty("java.vm.name")).append(' ')
                    .append(System.getProperty("java.runtime.version")).append("\n");
            b.append(String.format(Locale.ROOT, "%d load lines x 2 phones, %d s per step, medians of %d runs, warm-up %d s at %d/s.%n%n",
                    settings.lines(), settings.stepSeconds(), settings.runs(), settings.warmUpSeconds(), settings.warmUpRate()));
            b.append("SCA server (container, application):\n\n");
            table(b, sca);
            b.append("\nBaseline (reflector: answers each trigger and NOTIFYs both phones, no container):\n\n");
            table(b, baseline);
            b.append("\nNOTIFY p99 by state change, SCA server, ms:\n\n");
            byState(b, sca);
            b.append("\nHighest rate with zero failed calls in every run: ").append(highestClean(sca)).append(" cycles/s (SCA), ")
                    .append(highestClean(baseline)).append(" cycles/s (baseline).\n");
            if (settings.idleLines() == 0) {
                return b.toString();
            }
            double perIdleLine = median(sca.stream().mapToDouble(r -> (r.heapWithIdleLinesBytes() - bareHeap) / (double) settings.idleLines()).toArray());
            b.append(String.format(Locale.ROOT, "%nHeap after GC per idle line with %d subscribed phones: %.1f KiB (line configuration"
                    + " included), from %d idle lines, %d s after their last SUBSCRIBE.%n", settings.idlePhones(), perIdleLine / 1024,
                    settings.idleLines(), TRANSACTIONS_LINGER_NANOS / 1_000_000_000L));
            return b.toString();
        }

        private void table(StringBuilder b, List<Run> runs) {
            b.append("| offered cycles/s | achieved cycles/s | failed calls (each run) | NOTIFYs/cycle | NOTIFY p50 ms | NOTIFY p99 ms"
                    + " | server CPU s | server CPU ms/cycle | heap after GC MiB |\n");
            b.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|\n");
            for (int i = 0; i < settings.rates().size(); i++) {
                List<StepResults> at = atStep(runs, i);
                if (at.isEmpty()) {
                    continue;
                }
                String failed = at.stream().map(r -> Integer.toString(r.failed)).collect(Collectors.joining(" / "));
                b.append(String.format(Locale.ROOT, "| %d | %.1f | %s%s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |%n",
                        settings.rates().get(i), med(at, StepResults::achievedPerSecond), failed,
                        at.size() < runs.size() ? " (not run in every run)" : "",
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
                if (at.size() == runs.size() && at.stream().allMatch(r -> r.failed == 0 && r.completed == r.offered)) {
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
