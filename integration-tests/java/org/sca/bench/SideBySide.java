package org.sca.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.sca.it.Container;

/**
 * The sipp-driven side by side: the same SCA cycle, from sipp processes, against this server
 * (digest on) and against Kamailio's {@code sca} module, in one run, one table. Per step (lines
 * and rate), per run, per server: a fresh server; each line's phones A and B register (their
 * contacts are the ports of two sipp phone processes) and subscribe to call-info from two
 * watcher processes; then the PBX process calls every line {@link Settings#cycles} times back to
 * back at the step's rate, and the retrieving phone's process follows it 900 ms behind at the
 * same rate on the same lines. The scenarios (integration-tests/bench/sipp) say who does what
 * when; {@link TriggerMatcher} turns their logs into trigger-to-NOTIFY latencies.
 */
final class SideBySide {

    /** One digest user for every line: sipp answers challenges with one user per process. */
    static final String AUTH_USER = "phone";
    /**
     * The retrieving phone starts this long after the PBX: A has answered (100 ms) and held (300
     * ms after the ACK) by then, with 700 ms to spare; the cycle ends about 1.7 s after the
     * INVITE, and a line's next call comes lines / rate = 2.5 s after its last one.
     */
    private static final long RETRIEVE_LAG_MILLIS = 1200;
    /**
     * Unreported cycles per line before the measured ones, on the same server, subscriptions
     * and phones, at a quarter of the step's rate: the JVM's JIT compiles the hot paths. sipp's
     * roles keep to a timetable, not to each other, so a cold server slow enough to let the
     * retrieve overtake the hold would fail the cycle and leave its line out of step.
     */
    private static final int WARM_UP_CYCLES = 2;
    private static final int WARM_UP_SLOWDOWN = 4;
    private static final int SETUP_RATE = 200;
    private static final long SETUP_SECONDS = 60;
    /** After the last call: the watchers end once no NOTIFY came for 15 s (watcher.xml). */
    private static final long TAIL_SECONDS = 30;

    /** A step: lines, and cycles per second offered. */
    record Step(int lines, int rate) {
        static Step parse(String s) {
            String[] f = s.split(":");
            return new Step(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()));
        }
    }

    /** @param servers sca, kamailio or both: one alone while trying options, both for the table */
    record Settings(List<Step> steps, int cycles, int runs, List<String> servers, Path out) {
        static Settings fromSystemProperties() {
            return new Settings(
                    Arrays.stream(System.getProperty("bench.side-by-side.steps", "100:40,200:80").split(","))
                            .map(Step::parse).toList(),
                    Integer.getInteger("bench.side-by-side.cycles", 8),
                    Integer.getInteger("bench.runs", 3),
                    Arrays.stream(System.getProperty("bench.side-by-side.servers", "sca,kamailio").split(","))
                            .map(String::trim).toList(),
                    Path.of(System.getProperty("bench.out", "target/bench")));
        }
    }

    /** What one step of one run measured on one server. */
    record Outcome(List<Double> millis, int lost, int failed, int completed, double cpuSeconds, boolean crashed,
            List<String> trouble, String load) {
        double percentile(double p) {
            if (millis.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
        }

        /** None for a server that crashed: its dead processes' CPU is gone from /proc. */
        double cpuMillisPerCycle() {
            return completed == 0 || crashed ? Double.NaN : cpuSeconds * 1000 / completed;
        }
    }

    private enum Target {
        SCA("this server (digest)"), KAMAILIO("Kamailio 5.6 sca (proxy, no digest)");

        final String label;

        Target(String label) {
            this.label = label;
        }
    }

    private final Settings settings;

    SideBySide(Settings settings) {
        this.settings = settings;
    }

    String run(String started) throws Exception {
        if (!Kamailio.installed()) {
            throw new IllegalStateException("kamailio's sca module is missing: run integration-tests/tools/install-test-tools.sh");
        }
        // The container as the run command starts it: the launcher's heap and collector, not the
        // tests' -Xmx256m nor the sweeps' JVM options (bench.side-by-side.java-opts adds some, e.g. JFR).
        System.setProperty("sca.container.heap", "");
        System.setProperty("sca.container.java-opts", System.getProperty("bench.side-by-side.java-opts", ""));
        Path root = settings.out().resolve("side-by-side-" + started.replace(':', '-'));
        List<List<Outcome>> sca = new ArrayList<>();
        List<List<Outcome>> kamailio = new ArrayList<>();
        for (Step step : settings.steps()) {
            List<Outcome> s = new ArrayList<>();
            List<Outcome> k = new ArrayList<>();
            for (int run = 1; run <= settings.runs(); run++) {
                // Alternating which goes first: neither always meets the machine warm or busy.
                for (Target target : run % 2 == 1 ? List.of(Target.SCA, Target.KAMAILIO) : List.of(Target.KAMAILIO, Target.SCA)) {
                    if (!settings.servers().contains(target.name().toLowerCase(Locale.ROOT))) {
                        continue;
                    }
                    Path dir = Files.createDirectories(root.resolve(target.name().toLowerCase(Locale.ROOT) + "-"
                            + step.lines() + "x" + step.rate() + "-run" + run));
                    Outcome o = step(target, step, dir);
                    System.out.println(String.format(Locale.ROOT, "%s %d lines %d/s run %d: p50 %.2f p99 %.2f ms, %d failed,"
                            + " %d lost, %.2f ms CPU/cycle%s (load %s)", target, step.lines(), step.rate(), run,
                            o.percentile(50), o.percentile(99), o.failed(), o.lost(), o.cpuMillisPerCycle(),
                            o.crashed() ? ", CRASHED " + o.trouble() : "", o.load()));
                    (target == Target.SCA ? s : k).add(o);
                }
            }
            sca.add(s);
            kamailio.add(k);
        }
        return report(started, sca, kamailio);
    }

    private Outcome step(Target target, Step step, Path dir) throws Exception {
        Path lines = dir.resolve("lines.csv");
        StringBuilder csv = new StringBuilder("SEQUENTIAL\n");
        for (int i = 0; i < step.lines(); i++) {
            csv.append("sipp").append(i).append(";\n");
        }
        Files.writeString(lines, csv);
        int pbxPort = Container.freePort();
        int phoneA = Container.freePort();
        int phoneB = Container.freePort();
        int calls = step.lines() * settings.cycles();
        String load = Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        List<SippProcess> sipps = new ArrayList<>();
        Server sca = null;
        Kamailio kamailio = null;
        try {
            int port;
            if (target == Target.SCA) {
                sca = Server.sca(linesConfig(step.lines(), pbxPort));
                port = sca.sipPort();
            } else {
                kamailio = Kamailio.start(dir);
                port = kamailio.port();
            }
            for (int phone : List.of(phoneA, phoneB)) {
                // From the phone's own port, as a phone registers: a REGISTER from elsewhere is a NATed
                // phone to this server (NatContacts, Flow), whose calls go to where it registered from.
                SippProcess register = SippProcess.start("register-" + phone, "register.xml", dir, port, phone,
                        lines, step.lines(), SETUP_RATE, List.of("-key", "phone_port", Integer.toString(phone)));
                sipps.add(register);
                register.awaitEnd(SETUP_SECONDS);
                if (register.successfulCalls() != step.lines()) {
                    throw new IllegalStateException("registrations failed: see " + dir);
                }
            }
            int answered = calls + step.lines() * WARM_UP_CYCLES;
            SippProcess a = SippProcess.start("phone-a", "phone-a.xml", dir, port, phoneA, lines, answered, 0, List.of("-aa"));
            SippProcess b = SippProcess.start("phone-b", "phone-b.xml", dir, port, phoneB, lines, answered, 0, List.of("-aa"));
            List<SippProcess> watchers = new ArrayList<>();
            for (String w : List.of("watcher-a", "watcher-b")) {
                watchers.add(SippProcess.start(w, "watcher.xml", dir, port, Container.freePort(), lines, step.lines(),
                        SETUP_RATE, List.of()));
            }
            sipps.addAll(List.of(a, b));
            sipps.addAll(watchers);
            awaitSubscribed(watchers, step.lines(), dir);
            callers(target, "warm-up-", new Step(step.lines(), Math.max(1, step.rate() / WARM_UP_SLOWDOWN)),
                    step.lines() * WARM_UP_CYCLES, port, pbxPort, lines, dir, sipps);
            double cpuBefore = target == Target.SCA ? sca.cpuSeconds() : kamailio.cpuSeconds();
            List<SippProcess> callers = callers(target, "", step, calls, port, pbxPort, lines, dir, sipps);
            SippProcess pbx = callers.get(0);
            SippProcess retriever = callers.get(1);
            a.awaitEnd(5);
            b.awaitEnd(5);
            double cpu = (target == Target.SCA ? sca.cpuSeconds() : kamailio.cpuSeconds()) - cpuBefore;
            boolean crashed = target == Target.KAMAILIO && !kamailio.alive();
            for (SippProcess w : watchers) {
                w.awaitEnd(TAIL_SECONDS);
            }
            List<String> triggers = new ArrayList<>(pbx.logLines());
            triggers.addAll(a.logLines());
            triggers.addAll(retriever.logLines());
            var states = TriggerMatcher.statesByTrigger(target == Target.SCA);
            List<Double> millis = new ArrayList<>();
            int lost = 0;
            for (SippProcess w : watchers) {
                TriggerMatcher.Matched m = TriggerMatcher.match(triggers, w.logLines(), states);
                millis.addAll(m.millis());
                lost += m.lost();
            }
            return new Outcome(millis, lost, pbx.failedCalls() + retriever.failedCalls() + (calls - pbx.successfulCalls()
                    - pbx.failedCalls()), pbx.successfulCalls(), cpu, crashed,
                    kamailio == null ? List.of() : kamailio.trouble(), load);
        } finally {
            sipps.forEach(SippProcess::close);
            if (sca != null) {
                sca.close();
            }
            if (kamailio != null) {
                kamailio.close();
            }
        }
    }

    /**
     * The PBX and, {@link #RETRIEVE_LAG_MILLIS} behind it, the retrieving phone: {@code calls}
     * cycles at the step's rate; returns both once they ended.
     */
    private static List<SippProcess> callers(Target target, String prefix, Step step, int calls, int port, int pbxPort,
            Path lines, Path dir, List<SippProcess> sipps) throws InterruptedException {
        List<String> pbxOptions = target == Target.SCA ? List.of("-aa") : List.of("-aa", "-oocsf",
                SippProcess.SCENARIOS.resolve("pbx-replaces.xml").toAbsolutePath().toString());
        SippProcess pbx = SippProcess.start(prefix + "pbx", target == Target.SCA ? "pbx-b2bua.xml" : "pbx-proxy.xml", dir,
                port, pbxPort, lines, calls, step.rate(), pbxOptions);
        sipps.add(pbx);
        Thread.sleep(RETRIEVE_LAG_MILLIS);
        SippProcess retriever = SippProcess.start(prefix + "retriever", "retriever.xml", dir, port, Container.freePort(),
                lines, calls, step.rate(), List.of("-aa"));
        sipps.add(retriever);
        pbx.awaitEnd(calls / step.rate() + TAIL_SECONDS);
        retriever.awaitEnd(TAIL_SECONDS);
        return List.of(pbx, retriever);
    }

    /** Each watcher's first NOTIFY (the idle line) for every line: the subscriptions are in place. */
    private static void awaitSubscribed(List<SippProcess> watchers, int lines, Path dir) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETUP_SECONDS * 1000;
        while (watchers.stream().anyMatch(w -> w.logLines().size() < lines)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("subscriptions not all NOTIFYed: see " + dir);
            }
            Thread.sleep(200);
        }
    }

    /** The lines for this server: digest for every phone request, one PBX (trunk) for all. */
    private static String linesConfig(int lines, int pbxPort) {
        StringBuilder config = new StringBuilder("# Written by the side-by-side benchmark: digest, one PBX for every line.\n"
                + "subscription.max-expires = 3600\nregistration.max-expires = 3600\n");
        for (int i = 0; i < lines; i++) {
            String line = "line.sipp" + i;
            config.append(line).append(".aor = sip:sipp").append(i).append("@127.0.0.1\n")
                    .append(line).append(".credentials = ").append(AUTH_USER).append(':').append(ScaLine.PASSWORD).append('\n')
                    .append(line).append(".trunks = 127.0.0.1:").append(pbxPort).append('\n');
        }
        return config.toString();
    }

    private String report(String started, List<List<Outcome>> sca, List<List<Outcome>> kamailio) {
        StringBuilder b = new StringBuilder("# SCA side by side with Kamailio's sca module, sipp-driven, " + started + "\n\n");
        b.append(String.format(Locale.ROOT, "%d cycles per line back to back, %d runs per step (medians; each run's figure"
                + " in brackets), trigger -> NOTIFY over both watchers' NOTIFYs, CPU of the server's process(es) from"
                + " /proc/PID/stat per completed cycle.%n%n", settings.cycles(), settings.runs()));
        b.append("| step | server | p50 ms | p99 ms | failed calls | lost NOTIFYs | CPU ms/cycle | crashes | load avg |\n");
        b.append("|---|---|---:|---|---|---|---|---|---|\n");
        for (int i = 0; i < settings.steps().size(); i++) {
            Step step = settings.steps().get(i);
            for (Target t : Target.values()) {
                List<Outcome> runs = (t == Target.SCA ? sca : kamailio).get(i);
                b.append(String.format(Locale.ROOT, "| %d lines, %d/s | %s | %.2f | %.2f (%s) | %s | %s | %.2f (%s) | %d | %s |%n",
                        step.lines(), step.rate(), t.label, median(runs, o -> o.percentile(50)),
                        median(runs, o -> o.percentile(99)), each(runs, o -> o.percentile(99)),
                        each(runs, o -> o.failed()), each(runs, o -> o.lost()),
                        median(runs, Outcome::cpuMillisPerCycle), each(runs, Outcome::cpuMillisPerCycle),
                        runs.stream().filter(Outcome::crashed).count(),
                        runs.stream().map(Outcome::load).collect(Collectors.joining(" / "))));
            }
            List<Outcome> s = sca.get(i);
            List<Outcome> k = kamailio.get(i);
            b.append(String.format(Locale.ROOT, "| %d lines, %d/s | **ratio this / Kamailio** | %.2f | %.2f | | | %.2f | | |%n",
                    step.lines(), step.rate(), median(s, o -> o.percentile(50)) / median(k, o -> o.percentile(50)),
                    median(s, o -> o.percentile(99)) / median(k, o -> o.percentile(99)),
                    median(s, Outcome::cpuMillisPerCycle) / median(k, Outcome::cpuMillisPerCycle)));
        }
        kamailio.stream().flatMap(List::stream).filter(Outcome::crashed).findFirst()
                .ifPresent(o -> b.append("\nKamailio's last words in a crashed run: ").append(o.trouble()).append('\n'));
        return b.toString();
    }

    private static double median(List<Outcome> runs, ToDoubleFunction<Outcome> f) {
        return LoadBenchmark.Report.median(runs.stream().mapToDouble(f).toArray());
    }

    private static String each(List<Outcome> runs, ToDoubleFunction<Outcome> f) {
        return runs.stream().map(o -> {
            double v = f.applyAsDouble(o);
            return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        }).collect(Collectors.joining(", "));
    }
}
