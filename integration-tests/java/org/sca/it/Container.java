package org.sca.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The assembled container (target/container) started as a user would start it, through
 * bin/sca-container.sh, in a CATALINA_BASE of its own with free ports, or one already running
 * ({@link #attach}). Ready when it answers OPTIONS: a failed SIP bind does not fail Tomcat's
 * start-up.
 */
public final class Container implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Test ports start above the well-known and registered ports most services use. */
    private static final int FIRST_PORT = 20000;
    /**
     * Every port this run handed out: tests that start containers at the same time (RestartIT)
     * could otherwise be given the same free port, and the second container, failing to bind
     * it, would answer nothing while the first answered for both.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** The accounts a container is started with; a running container's given as properties. */
    public static final String MANAGER_USER = System.getProperty("sca.it.manager-user", "it-admin");
    /** Made up per run: the distribution has no manager password at all. */
    public static final String MANAGER_PASSWORD = System.getProperty("sca.it.manager-password",
            "pw-" + Long.toHexString(System.nanoTime()));

    /** The operator's account (role sca-admin), made up per run like the manager's. */
    public static final String ADMIN_USER = System.getProperty("sca.it.admin-user", "it-operator");
    public static final String ADMIN_PASSWORD = System.getProperty("sca.it.admin-password",
            "op-" + Long.toHexString(System.nanoTime()));

    /**
     * How long a TCP or TLS connection that has carried no SIP message may stay silent in a test
     * container (a JVM system property overrides conf/sip-stack.properties): short, so that
     * ConnectionsIT sees the close (the default is 32 s); every test device sends its first
     * request as soon as it connects.
     */
    public static final Duration IDLE_CONNECTION = Duration.ofSeconds(2);

    /** Null for a container this run did not start ({@link #attach}): it is not ours to stop. */
    private final Process process;
    private final Path base;
    private final int sipPort;
    private final int httpPort;
    private final int tlsPort;
    private final int jmxPort;

    private Container(Process process, Path base, int sipPort, int httpPort, int tlsPort, int jmxPort) {
        this.process = process;
        this.base = base;
        this.sipPort = sipPort;
        this.httpPort = httpPort;
        this.tlsPort = tlsPort;
        this.jmxPort = jmxPort;
    }

    public static Path home() {
        return Path.of(System.getProperty("sca.container.dir", "target/container"));
    }

    /**
     * Starts a container with the given line configuration and archives in webapps/; with none,
     * it is ready once SIP answers at all (500 while no application is deployed).
     */
    public static Container start(String linesConfig, List<Path> deployables) {
        Process process = null;
        try {
            Path base = prepareBase(linesConfig, deployables);
            int sipPort = freePort();
            int httpPort = freePort();
            int tlsPort = freePort();
            int jmxPort = freePort();
            process = launcher(base, sipPort, httpPort, tlsPort, jmxPort).start();
            Container container = new Container(process, base, sipPort, httpPort, tlsPort, jmxPort);
            container.awaitReady(deployables.isEmpty());
            return container;
        } catch (IOException e) {
            if (process != null) {
                process.destroyForcibly();
            }
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a container that is expected to refuse to start; returns how it exited. */
    public static StartFailure startExpectingExit(String linesConfig, List<Path> deployables) throws Exception {
        Path base = prepareBase(linesConfig, deployables);
        Process p = launcher(base, freePort(), freePort(), freePort(), freePort()).start();
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("container did not exit; console:\n" + Files.readString(base.resolve("console.log")));
        }
        return new StartFailure(p.exitValue(), Files.readString(base.resolve("console.log")));
    }

    /** A CATALINA_BASE of its own: conf/ from the container, the manager, the given archives. */
    private static Path prepareBase(String linesConfig, List<Path> deployables) throws IOException {
        // Under target/, beside the container: kept for reading a failed run's console, gone with mvn clean.
        Path bases = Files.createDirectories(home().toAbsolutePath().getParent().resolve("container-bases"));
        Path base = Files.createTempDirectory(bases, "base-");
        copyTree(home().resolve("conf"), base.resolve("conf"));
        copyTree(home().resolve("webapps/manager"), base.resolve("webapps/manager"));
        for (Path archive : deployables) {
            deploy(base, archive);
        }
        Files.writeString(base.resolve("conf/sca-lines.properties"), linesConfig);
        return base;
    }

    /**
     * A .war goes into webapps/. A .sar is deployed through a context descriptor: Tomcat 7.0.64
     * names a .sar dropped into webapps/ "NAME.sar.war" and fails to start it.
     */
    private static void deploy(Path base, Path archive) throws IOException {
        String name = archive.getFileName().toString();
        if (!name.endsWith(".sar")) {
            Files.copy(archive, base.resolve("webapps").resolve(name));
            return;
        }
        Path apps = Files.createDirectories(base.resolve("apps"));
        Path sar = Files.copy(archive, apps.resolve(name));
        Path descriptors = Files.createDirectories(base.resolve("conf/Catalina/localhost"));
        Files.writeString(descriptors.resolve(name.replaceFirst("\\.sar$", ".xml")),
                "<Context docBase=\"" + sar + "\"\n"
                + "         className=\"org.mobicents.servlet.sip.startup.SipStandardContext\"\n"
                + "         configClass=\"org.mobicents.servlet.sip.startup.SipContextConfig\"/>\n");
    }

    /** A container started outside this run, e.g. by {@code mvn -Prun}, in {@code base}. */
    public static Container attach(Path base, int sipPort, int httpPort, int tlsPort, int jmxPort) {
        Container container = new Container(null, base, sipPort, httpPort, tlsPort, jmxPort);
        container.awaitReady(true);
        return container;
    }

    private static ProcessBuilder launcher(Path base, int sipPort, int httpPort, int tlsPort, int jmxPort) {
        ProcessBuilder pb = new ProcessBuilder("bash", home().resolve("bin/sca-container.sh").toString());
        Map<String, String> env = pb.environment();
        env.put("CATALINA_BASE", base.toString());
        env.put("SCA_BIND_ADDRESS", "127.0.0.1");
        env.put("SCA_SIP_PORT", Integer.toString(sipPort));
        env.put("SCA_HTTP_PORT", Integer.toString(httpPort));
        env.put("SCA_TLS_PORT", Integer.toString(tlsPort));
        env.put("SCA_JMX_PORT", Integer.toString(jmxPort));
        env.put("SCA_LINES_FILE", base.resolve("conf/sca-lines.properties").toString());
        env.put("SCA_MANAGER_USER", MANAGER_USER);
        env.put("SCA_MANAGER_PASSWORD", MANAGER_PASSWORD);
        env.put("SCA_ADMIN_USER", ADMIN_USER);
        env.put("SCA_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // sca.container.java-opts: e.g. a flight recording of a benchmark run. sca.container.heap
        // empty: the launcher's own heap sizing, as the run command has it (the side-by-side benchmark).
        env.put("JAVA_OPTS", (System.getProperty("sca.container.heap", "-Xmx256m")
                + " -Dorg.sca.stack.IDLE_CONNECTION_SECONDS=" + IDLE_CONNECTION.toSeconds() + " "
                + System.getProperty("sca.container.java-opts", "")).trim());
        // Appended: a container started again in the same base keeps the earlier run's lines.
        return pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
    }

    public record StartFailure(int exitCode, String console) {}

    public InetSocketAddress sip() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), sipPort);
    }

    public int sipPort() {
        return sipPort;
    }

    /** SIP over TLS, with the self-signed certificate the launcher made at the first start. */
    public InetSocketAddress sipTls() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), tlsPort);
    }

    public String httpBase() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int jmxPort() {
        return jmxPort;
    }

    public Path base() {
        return base;
    }

    public long pid() {
        return process.pid();
    }

    public String console() {
        try {
            return Files.readString(base.resolve("console.log"));
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }

    /**
     * The console once a line after character {@code from} matches, or as it is after
     * {@link TestPhone#WAIT}. The server logs a step after taking it (the state store commits,
     * then says it is writable again), so a test that saw the step on the wire or in the database
     * may read the console before the line; there is no message to wait for, so it looks every 20 ms.
     */
    public String awaitConsole(int from, Predicate<String> line) throws InterruptedException {
        return Poll.until(this::console, console -> console.substring(Math.min(from, console.length())).lines().anyMatch(line),
                Duration.ofMillis(20));
    }

    /**
     * Sends OPTIONS over UDP until the container answers 200 (the application's answer), or
     * any final answer when no application is to be there yet, or gives up.
     */
    private void awaitReady(boolean empty) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            s.setSoTimeout(500);
            int attempt = 0;
            while (System.nanoTime() < deadline) {
                if (process != null && !process.isAlive()) {
                    throw new IllegalStateException("container exited with " + process.exitValue() + ":\n" + console());
                }
                String options = "OPTIONS sip:127.0.0.1:" + sipPort + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-ready" + (++attempt) + "\r\n"
                        + "From: <sip:probe@127.0.0.1>;tag=ready\r\nTo: <sip:127.0.0.1>\r\n"
                        + "Call-ID: ready-" + attempt + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n";
                byte[] bytes = options.getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(bytes, bytes.length, sip()));
                try {
                    byte[] buf = new byte[4096];
                    DatagramPacket reply = new DatagramPacket(buf, buf.length);
                    s.receive(reply);
                    int status = SipMessage.parse(buf, reply.getLength()).status();
                    if (status == 200 || empty && status >= 200) {
                        return;
                    }
                    // Answered, but not by the application yet (404 while it deploys): ask again shortly.
                    Thread.sleep(200);
                } catch (SocketTimeoutException notYet) {
                    // not listening yet: ask again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        throw new IllegalStateException("container did not answer OPTIONS within " + START_TIMEOUT + ":\n" + console());
    }

    /** Stops the container as Ctrl-C would (SIGTERM runs the same shutdown hook). */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A command of Tomcat's manager text interface ({@code /reload?path=/sca}, ...): its 200 body. */
    public String manager(String command) throws IOException, InterruptedException {
        String auth = Base64.getEncoder().encodeToString((MANAGER_USER + ":" + MANAGER_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                .send(HttpRequest.newBuilder(java.net.URI.create(httpBase() + "/manager/text" + command))
                        .header("Authorization", "Basic " + auth).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("manager " + command + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** SIGKILL, as a crash or {@code kill -9} would: nothing of the application's shutdown runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The same instance directory and ports started again, once this container is gone. */
    public Container startAgain() {
        try {
            Process again = launcher(base, sipPort, httpPort, tlsPort, jmxPort).start();
            Container container = new Container(again, base, sipPort, httpPort, tlsPort, jmxPort);
            container.awaitReady(false);
            return container;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A port free for both UDP and TCP (SIP listens on both), below the kernel's ephemeral range:
     * a port from that range could be handed to any socket bound to port 0 (every test phone)
     * between this check and the bind that needs it.
     */
    public static int freePort() {
        int below = ephemeralRangeStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int port = random.nextInt(FIRST_PORT, below);
            if (!HANDED_OUT.add(port)) {
                continue; // free, but promised to a container or peer another test is starting
            }
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                // in use: try another
            }
        }
        throw new IllegalStateException("no free port between " + FIRST_PORT + " and " + below);
    }

    private static int ephemeralRangeStart() {
        try {
            // readAllLines: readString trusts the size /proc reports and returns a fragment.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // Linux's default
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(paths::add);
        }
        for (Path p : paths) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
