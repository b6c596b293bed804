package org.sca.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's baresip as a desk phone on a shared line: a generated configuration in a
 * directory of its own (loopback only, no sound device: the audio bridge module as microphone and
 * loudspeaker), driven through its console module (the same commands as its
 * keyboard menu, over UDP), and read from its log lines.
 */
final class Baresip implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Path dir;
    private final Process process;
    private final DatagramSocket console;
    private final InetSocketAddress consoleAddress;
    /** Every log line, for the failure message. */
    private final List<String> lines = new CopyOnWriteArrayList<>();
    /** Log lines no wait has looked at yet. */
    private final LinkedBlockingQueue<String> unread = new LinkedBlockingQueue<>();

    /** Whether Debian's baresip is installed (integration-tests/tools/install-test-tools.sh installs it). */
    static boolean installed() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(p -> Files.isExecutable(Path.of(p, "baresip")));
    }

    /**
     * Starts baresip registered as {@code device} on its line, through the server at
     * {@code server} over {@code transport} ({@code udp}, {@code tcp} or {@code tls}; libre
     * takes the server's self-signed certificate without checking it).
     */
    Baresip(ItLines.Line device, InetSocketAddress server, String transport) throws IOException {
        dir = Files.createTempDirectory("baresip-");
        int consolePort = Container.freePort();
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + Container.freePort(),
                "net_interface 127.0.0.1",
                // The audio bridge module stands in for microphone and loudspeaker (ausine only
                // plays at 48 kHz, so a G.711 call fails to start its source and hangs up).
                "audio_source aubridge,mic",
                "audio_player aubridge,speaker",
                "audio_alert aubridge,speaker",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aubridge.so",
                "module cons.so",
                "module_app account.so",
                "module_app menu.so",
                "cons_listen 127.0.0.1:" + consolePort,
                // Every address is an IP literal, but without a DNS server baresip 1.0 sends no
                // request at all (REGISTER fails with "Function not implemented").
                "dns_server 127.0.0.1:53",
                ""));
        Files.writeString(dir.resolve("accounts"), "<" + device.aor() + ">;auth_user=" + device.authId() + ";auth_pass="
                + device.password() + ";outbound=\"sip:127.0.0.1:" + server.getPort() + ";transport=" + transport
                + "\";regint=300;answermode=manual\n");
        process = new ProcessBuilder("baresip", "-f", dir.toString()).redirectErrorStream(true).start();
        console = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        consoleAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), consolePort);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    unread.add(line);
                }
            } catch (IOException e) {
                lines.add("(output ended: " + e + ")");
            }
        }, "baresip-" + device.authId());
        reader.setDaemon(true);
        reader.start();
    }

    /** A console command, e.g. {@code /accept}, {@code /dial 201}. */
    void command(String command) {
        byte[] bytes = (command + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            console.send(new DatagramPacket(bytes, bytes.length, consoleAddress));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for a log line, after those an earlier wait passed, containing {@code fragment}. */
    String await(String fragment) {
        long end = System.nanoTime() + WAIT.toNanos();
        try {
            String line;
            while ((line = unread.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (line.contains(fragment)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fail("baresip waited " + WAIT + " for '" + fragment + "'; its output:\n" + log());
    }

    /** Everything it logged so far. */
    String log() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws IOException {
        command("/quit");
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process.destroyForcibly();
            console.close();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
