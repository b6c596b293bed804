package org.sca.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server from Debian's packages (installed by
 * integration-tests/tools/install-test-tools.sh): a fresh data directory, loopback only, a
 * port of its own, trust authentication for the one user; gone with {@link #close}.
 */
final class PostgresServer implements AutoCloseable {

    static final String USER = "sca";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean root;
    private Process process;

    private PostgresServer(Path bin, Path data, int port, boolean root) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.root = root;
    }

    /** The server binaries, or empty (with the reason) where PostgreSQL is not installed. */
    static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static PostgresServer start(Path bin) throws IOException, InterruptedException, SQLException {
        Path data = Files.createTempDirectory("sca-pg-");
        int port = Container.freePort();
        // PostgreSQL refuses to run as root: as root, the data directory and the server belong to 'postgres'.
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "postgres", data.toString()));
        }
        run(as(root, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust", "--no-sync"));
        PostgresServer pg = new PostgresServer(bin, data, port, root);
        pg.startAgain();
        return pg;
    }

    /** Starts the server (again, after {@link #stop}) on the same data and port. */
    void startAgain() throws IOException, InterruptedException, SQLException {
        process = new ProcessBuilder(as(root, bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", Integer.toString(port), "-k", data.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + ".log").toFile())).start();
        awaitReady();
    }

    /** A fast shutdown, as an operator's restart of the database would do. */
    void stop() throws IOException, InterruptedException {
        // pg_ctl, not a signal to runuser: runuser kills the server hard, leaving its lock file.
        run(as(root, bin.resolve("pg_ctl").toString(), "stop", "-D", data.toString(), "-m", "fast", "-w"));
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** A database of its own for one test. */
    String createDatabase(String name) throws SQLException {
        try (Connection c = connect("postgres"); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return jdbcUrl(name);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database));
    }

    private void awaitReady() throws InterruptedException, SQLException {
        long end = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection c = connect("postgres")) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > end || !process.isAlive()) {
                    throw notYet;
                }
                Thread.sleep(100); // a server starting up: there is no message to wait for
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        run(List.of("rm", "-rf", data.toString()));
    }

    private static List<String> as(boolean root, String... command) {
        List<String> all = new ArrayList<>();
        if (root) {
            all.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        all.addAll(List.of(command));
        return all;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(command + " failed: " + out);
        }
    }
}
