package org.sca.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.sca.it.Container;
import org.sca.it.SipMessage;
import org.sca.it.TestPhone;

/**
 * The flood (not a test): unauthenticated REGISTERs for one line at {@code bench.flood-rate}
 * per second for {@code bench.flood-seconds}, while a phone of the line registers through the
 * challenge every {@link #LEGIT_INTERVAL_MILLIS} ms; reports the phone's REGISTER-to-200 latency
 * during the flood and the container's live SIP sessions and heap after a full collection
 * before, right after, and once every transaction of the flood has ended (Timer J, 32 s).
 * Bounded: it stops by itself.
 */
final class Flood {

    private static final String LINE = "flood_line";
    private static final String SESSION_CLASS = "org.mobicents.servlet.sip.core.session.SipSessionImpl";
    private static final int LEGIT_INTERVAL_MILLIS = 100;
    /** Timer J (64 x T1) over UDP and a margin: every transaction of the flood is gone. */
    private static final long TRANSACTIONS_GONE_MILLIS = 40_000;

    private final LoadBenchmark.Settings settings;
    private final int rate;
    private final int seconds;

    Flood(LoadBenchmark.Settings settings, int rate, int seconds) {
        this.settings = settings;
        this.rate = rate;
        this.seconds = seconds;
    }

    String run(String started) throws Exception {
        String config = BenchLines.config(List.of(LINE), Container.freePort(), BenchLines.Auth.DIGEST, 60, settings.store());
        try (Server server = Server.sca(config); DatagramSocket flood = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Server.Heap before = server.heapAfterGc(settings.histograms());
            AtomicLong answered = new AtomicLong();
            Thread counter = new Thread(() -> countAnswers(flood, answered), "flood-answers");
            counter.setDaemon(true);
            counter.start();
            List<Double> legit = Collections.synchronizedList(new ArrayList<>());
            AtomicLong legitFailed = new AtomicLong();
            Thread phone = new Thread(() -> registerRepeatedly(server.sip(), legit, legitFailed), "flood-legit-phone");
            long sent = send(flood, server.sip(), phone);
            phone.join();
            Server.Heap after = server.heapAfterGc(settings.histograms());
            Thread.sleep(TRANSACTIONS_GONE_MILLIS);
            Server.Heap settled = server.heapAfterGc(settings.histograms());
            return report(started, sent, answered.get(), legit, legitFailed.get(), before, after, settled);
        }
    }

    /** Paced in 1 ms slices, so the offered rate holds even when a slice runs late. */
    private long send(DatagramSocket socket, InetSocketAddress server, Thread phone) throws IOException {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        String via = "SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";rport;branch=z9hG4bK-flood-";
        phone.start();
        for (long now = start; now < end; now = System.nanoTime()) {
            long due = (now - start) * rate / 1_000_000_000L;
            for (; sent < due; sent++) {
                byte[] bytes = register(via, sent).getBytes(StandardCharsets.US_ASCII);
                socket.send(new DatagramPacket(bytes, bytes.length, server));
            }
            Thread.onSpinWait();
        }
        return sent;
    }

    private static String register(String via, long n) {
        String aor = "sip:" + LINE + "@127.0.0.1";
        return "REGISTER " + aor + " SIP/2.0\r\nVia: " + via + n + "\r\nFrom: <" + aor + ">;tag=f" + n + "\r\nTo: <" + aor
                + ">\r\nCall-ID: flood-" + n + "@127.0.0.1\r\nCSeq: 1 REGISTER\r\nMax-Forwards: 70\r\nContact: <sip:"
                + LINE + "@127.0.0.1:9>\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n";
    }

    private static void countAnswers(DatagramSocket socket, AtomicLong answered) {
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout(1000);
            while (!socket.isClosed()) {
                try {
                    socket.receive(new DatagramPacket(buffer, buffer.length));
                    answered.incrementAndGet();
                } catch (SocketTimeoutException e) {
                    // keep listening until the socket closes
                }
            }
        } catch (IOException e) {
            if (!socket.isClosed()) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A phone of the line registering through the challenge for as long as the flood lasts. */
    private void registerRepeatedly(InetSocketAddress server, List<Double> latencies, AtomicLong failed) {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        try (TestPhone phone = new TestPhone(server, LINE, LINE, ScaLine.PASSWORD, 0)) {
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                try {
                    SipMessage ok = phone.callAuthenticated(phone.request("REGISTER", "sip:" + LINE + "@127.0.0.1"));
                    if (ok.status() == 200) {
                        latencies.add((System.nanoTime() - t0) / 1e6);
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (AssertionError timedOut) {
                    failed.incrementAndGet();
                }
                Thread.sleep(LEGIT_INTERVAL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String report(String started, long sent, long answered, List<Double> legit, long legitFailed, Server.Heap before,
            Server.Heap after, Server.Heap settled) {
        List<Double> sorted = new ArrayList<>(legit);
        Collections.sort(sorted);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Flood started %s: unauthenticated REGISTERs for one line, %d/s offered for %d s;"
                + " a phone of the line registers through the challenge every %d ms meanwhile.%n%n", started, rate, seconds,
                LEGIT_INTERVAL_MILLIS));
        b.append(String.format(Locale.ROOT, "REGISTERs sent %d (%.0f/s), answered %d (%.1f%%).%n", sent, sent / (double) seconds,
                answered, 100.0 * answered / Math.max(1, sent)));
        b.append(String.format(Locale.ROOT, "The phone: %d registrations, %d failed; REGISTER to 200 (challenge included) p50 %.2f ms,"
                + " p99 %.2f ms, max %.2f ms.%n%n", sorted.size(), legitFailed, percentile(sorted, 50), percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
        b.append("| | live SIP sessions | heap after GC MiB |\n|---|---:|---:|\n");
        b.append(row("before the flood", before)).append(row("right after it", after))
                .append(row(TRANSACTIONS_GONE_MILLIS / 1000 + " s later (Timer J passed)", settled));
        return b.toString();
    }

    private static String row(String when, Server.Heap heap) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f |%n", when, heap.instancesOf(SESSION_CLASS), heap.bytes() / 1048576.0);
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
