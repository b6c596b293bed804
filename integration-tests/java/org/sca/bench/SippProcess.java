package org.sca.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One sipp process of the side-by-side run (Debian's {@code sip-tester}): one role's scenario
 * from {@code integration-tests/bench/sipp/}, on a port of its own on 127.0.0.1, with the
 * lines as its injection file. Its {@code <log>} lines (triggers and NOTIFYs) go to
 * {@code ROLE.log}, its errors to {@code ROLE.err}, its final counters to {@code ROLE.csv}.
 */
final class SippProcess implements AutoCloseable {

    /** Where the scenarios live, relative to the project (the benchmark runs from its root). */
    static final Path SCENARIOS = Path.of("integration-tests/bench/sipp");

    private final String role;
    private final Path dir;
    private final Process process;

    private SippProcess(String role, Path dir, Process process) {
        this.role = role;
        this.dir = dir;
        this.process = process;
    }

    /**
     * @param calls  sipp ends after this many calls (its -m)
     * @param rate   calls started per second (0: sipp only answers)
     * @param extra  further sipp options, e.g. {@code -key phone_port N}
     */
    static SippProcess start(String role, String scenario, Path dir, int serverPort, int localPort, Path lines,
            int calls, int rate, List<String> extra) {
        List<String> command = new ArrayList<>(List.of("sipp", "127.0.0.1:" + serverPort,
                "-i", "127.0.0.1", "-p", Integer.toString(localPort),
                "-sf", SCENARIOS.resolve(scenario).toAbsolutePath().toString(),
                "-inf", lines.toString(), "-m", Integer.toString(calls),
                // every line's phones answer the same digest credentials (sipp takes one user per process)
                "-au", SideBySide.AUTH_USER, "-ap", ScaLine.PASSWORD,
                // no BYE or CANCEL of its own for a call that went wrong: that would be load of another shape
                "-nd", "-nostdin",
                "-trace_err", "-error_file", dir.resolve(role + ".err").toString(),
                "-trace_logs", "-log_file", dir.resolve(role + ".log").toString(),
                "-trace_stat", "-stf", dir.resolve(role + ".csv").toString()));
        if (rate > 0) {
            command.addAll(List.of("-r", Integer.toString(rate), "-rp", "1000"));
        }
        command.addAll(extra);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve(role + ".out").toFile()).start();
            return new SippProcess(role, dir, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits at most {@code seconds} for sipp to end by itself; then it is stopped. */
    void awaitEnd(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
        }
    }

    Path log() {
        return dir.resolve(role + ".log");
    }

    /** The lines sipp's {@code <log>} actions wrote so far. */
    List<String> logLines() {
        try {
            return Files.exists(log()) ? Files.readAllLines(log()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls sipp counted as failed, from its last statistics dump ({@code FailedCall(C)}). */
    int failedCalls() {
        return counter("FailedCall(C)");
    }

    int successfulCalls() {
        return counter("SuccessfulCall(C)");
    }

    private int counter(String column) {
        try {
            Path csv = dir.resolve(role + ".csv");
            if (!Files.exists(csv)) {
                return 0;
            }
            List<String> rows = Files.readAllLines(csv);
            if (rows.size() < 2) {
                return 0;
            }
            List<String> names = List.of(rows.get(0).split(";"));
            String[] last = rows.get(rows.size() - 1).split(";");
            int at = names.indexOf(column);
            return at < 0 || at >= last.length ? 0 : Integer.parseInt(last[at].trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM (sipp dumps its statistics and exits), SIGKILL after {@code graceSeconds}. */
    static void stop(Process process, long graceSeconds) {
        process.destroy();
        try {
            if (!process.waitFor(graceSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(process, 5);
        }
    }
}
