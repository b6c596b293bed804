package org.sca.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.sca.it.Container;

/**
 * The reference server of the side-by-side run: Debian's Kamailio with its {@code sca} module,
 * configured by {@code integration-tests/bench/kamailio/kamailio.cfg}, in the foreground on a
 * free UDP port of 127.0.0.1 only, with shared memory at Kamailio's default. It is stopped by
 * {@link #close()} and, should the benchmark's JVM end first, by a shutdown hook.
 */
final class Kamailio implements AutoCloseable {

    private static final Path CONFIG = Path.of("integration-tests/bench/kamailio/kamailio.cfg");
    /** The sca module keeps subscriptions in a database: db_text files, from Debian's own table definitions. */
    private static final Path DB_TEXT_TABLES = Path.of("/usr/share/kamailio/dbtext/kamailio");
    private static final long READY_MILLIS = 10_000;

    private final Process process;
    private final int port;
    private final Path console;
    private final Thread stopOnExit;

    private Kamailio(Process process, int port, Path console) {
        this.process = process;
        this.port = port;
        this.console = console;
        this.stopOnExit = new Thread(this::stop);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static boolean installed() {
        return modules() != null;
    }

    /** Where Debian puts the modules: /usr/lib/ARCH/kamailio/modules. */
    private static Path modules() {
        try (Stream<Path> arches = Files.list(Path.of("/usr/lib"))) {
            return arches.map(a -> a.resolve("kamailio/modules")).filter(m -> Files.exists(m.resolve("sca.so")))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    static Kamailio start(Path dir) throws IOException, InterruptedException {
        Path db = Files.createDirectories(dir.resolve("db"));
        for (String table : List.of("version", "sca_subscriptions")) {
            Files.copy(DB_TEXT_TABLES.resolve(table), db.resolve(table));
        }
        int port = Container.freePort();
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, Files.readString(CONFIG).replace("__PORT__", Integer.toString(port))
                .replace("__DB__", db.toAbsolutePath().toString()).replace("__MODULES__", modules() + "/"));
        Path console = dir.resolve("kamailio.out");
        Process p = new ProcessBuilder("kamailio", "-f", cfg.toAbsolutePath().toString(), "-DD", "-E",
                "-w", dir.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        Kamailio kamailio = new Kamailio(p, port, console);
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        while (!Files.readString(console).contains("Listening on")) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                kamailio.close();
                throw new IllegalStateException("kamailio did not start:\n" + Files.readString(console));
            }
            Thread.sleep(100);
        }
        return kamailio;
    }

    int port() {
        return port;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** What Kamailio said about memory or crashes: lines naming shared memory, signals or a dead child. */
    List<String> trouble() {
        try {
            return Files.readAllLines(console).stream()
                    .filter(l -> l.contains("no more shm") || l.contains("out of memory") || l.contains("signal")
                            || l.contains("CRITICAL") || l.contains("ALERT"))
                    .limit(5).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User plus system CPU seconds of Kamailio's main process and all its children (the SIP workers, timers). */
    double cpuSeconds() {
        return Stream.concat(Stream.of(process.toHandle()), process.toHandle().descendants())
                .mapToDouble(h -> Server.cpuSecondsOf(h.pid())).sum();
    }

    private void stop() {
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        // SIGTERM: the main process stops its children; any it left are killed after it
        SippProcess.stop(process, 10);
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the process is stopped either way
        }
    }
}
