package org.sca.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sca.it.Container;

/** The process under load: the SCA container or the baseline reflector, and what it costs. */
final class Server implements AutoCloseable {

    /** /proc/PID/stat counts CPU time in clock ticks; Linux has used 100 per second on every common platform. */
    private static final double CLOCK_TICKS_PER_SECOND = 100;

    private final InetSocketAddress sip;
    private final long pid;
    private final AutoCloseable stop;
    /** What the server wrote to its console so far. */
    private final Supplier<String> console;
    private int histogramCount;

    private Server(InetSocketAddress sip, long pid, AutoCloseable stop, Supplier<String> console) {
        this.sip = sip;
        this.pid = pid;
        this.stop = stop;
        this.console = console;
    }

    static Server sca(String linesConfig) {
        Container container = Container.start(linesConfig, List.of(Container.home().resolve("webapps/sca.war")));
        return new Server(container.sip(), container.pid(), container::close, container::console);
    }

    String console() {
        return console.get();
    }

    /** The reflector in a JVM of its own, on this JVM's class path, with the container's heap limit. */
    static Server reflector() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    Reflector.class.getName()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
            int port = Integer.parseInt(out.readLine().trim());
            return new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), p.pid(), () -> {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }, () -> "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress sip() {
        return sip;
    }

    int sipPort() {
        return sip.getPort();
    }

    /** User plus system CPU time of the server process so far. */
    double cpuSeconds() {
        return cpuSecondsOf(pid);
    }

    /** User plus system CPU time of a process so far; 0 for one that is gone. */
    static double cpuSecondsOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLOCK_TICKS_PER_SECOND;
        } catch (NoSuchFileException gone) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Bytes of live objects: {@code jcmd GC.class_histogram} collects fully before it counts,
     * so its total is the heap after GC without the collector's own slack. The histogram is
     * kept in {@code histograms} as {@code PID-N.txt}, to see what the heap holds.
     */
    long heapAfterGcBytes(Path histograms) {
        return heapAfterGc(histograms).bytes();
    }

    /** The heap after a full collection: its bytes, and the live instances of each class by name. */
    record Heap(long bytes, String histogram) {
        long instancesOf(String className) {
            for (String line : histogram.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[3].equals(className)) {
                    return Long.parseLong(f[1]);
                }
            }
            return 0;
        }
    }

    Heap heapAfterGc(Path histograms) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS)) {
                jcmd.destroyForcibly();
                throw new IllegalStateException("jcmd did not finish");
            }
            Files.createDirectories(histograms);
            Files.writeString(histograms.resolve(pid + "-" + ++histogramCount + ".txt"), out);
            for (String line : out.split("\n")) {
                if (line.startsWith("Total")) {
                    String[] f = line.trim().split("\\s+");
                    return new Heap(Long.parseLong(f[2]), out);
                }
            }
            throw new IllegalStateException("no Total in jcmd output:\n" + out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
