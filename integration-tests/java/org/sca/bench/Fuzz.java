package org.sca.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sca.it.Container;

/**
 * The fuzz run (not a test): {@code bench.fuzz-messages} SIP requests, each a valid seed with
 * random mutations (bytes changed, lines dropped or repeated, cut short), sent to one line at
 * {@code bench.fuzz-rate} per second from a fixed seed, so a run can be repeated. Reports the
 * answers by status, the 500s, the stack traces the server logged, and the heap after a full
 * collection before and once every transaction has ended. Bounded: it stops by itself.
 */
final class Fuzz {

    private static final String LINE = "fuzz_line";
    private static final long SEED = 17;
    /**
     * Timer H and J (64 x T1) over UDP and a margin, counted from the server's last answer to a
     * new message: at 2000/s on 2 cores it answers the last ones about 10 s after they were
     * sent, and 40 s after the last send still held 270 INVITE server transactions (2.7 MiB).
     */
    private static final long TRANSACTIONS_GONE_MILLIS = 40_000;
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S+)");

    private final LoadBenchmark.Settings settings;
    /** When the server last answered a message it had not answered before (a retransmitted answer does not count). */
    private volatile long lastNewAnswerAt = System.nanoTime();
    private final Set<String> answeredCallIds = ConcurrentHashMap.newKeySet();
    private final int messages;
    private final int rate;

    Fuzz(LoadBenchmark.Settings settings, int messages, int rate) {
        this.settings = settings;
        this.messages = messages;
        this.rate = rate;
    }

    String run(String started) throws Exception {
        String config = BenchLines.config(List.of(LINE), Container.freePort(), BenchLines.Auth.DIGEST, 60, settings.store());
        try (Server server = Server.sca(config); DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Server.Heap before = server.heapAfterGc(settings.histograms());
            long tracesBefore = stackTraceLines(server.console());
            Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
            Thread counter = new Thread(() -> countAnswers(socket, answers), "fuzz-answers");
            counter.setDaemon(true);
            counter.start();
            send(socket, server.sip());
            long sentAt = System.nanoTime();
            while (System.nanoTime() - lastNewAnswerAt < TRANSACTIONS_GONE_MILLIS * 1_000_000) {
                Thread.sleep(1000);
            }
            long waited = (System.nanoTime() - sentAt) / 1_000_000_000L;
            Server.Heap after = server.heapAfterGc(settings.histograms());
            long traces = stackTraceLines(server.console()) - tracesBefore;
            return report(started, answers, traces, before, after, waited);
        }
    }

    private void send(DatagramSocket socket, InetSocketAddress server) throws IOException {
        Random random = new Random(SEED);
        List<String> seeds = seeds(socket.getLocalPort());
        long start = System.nanoTime();
        for (int sent = 0; sent < messages;) {
            long due = Math.min(messages, (System.nanoTime() - start) * rate / 1_000_000_000L);
            for (; sent < due; sent++) {
                byte[] bytes = mutate(seeds.get(random.nextInt(seeds.size())).replace("$N", Integer.toString(sent)), random);
                socket.send(new DatagramPacket(bytes, bytes.length, server));
            }
            Thread.onSpinWait();
        }
    }

    private static List<String> seeds(int port) {
        String aor = "sip:" + LINE + "@127.0.0.1";
        String common = "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";rport;branch=z9hG4bK-fuzz-$N\r\nFrom: <" + aor
                + ">;tag=f$N\r\nTo: <" + aor + ">\r\nCall-ID: fuzz-$N@127.0.0.1\r\nMax-Forwards: 70\r\nContact: <sip:"
                + LINE + "@127.0.0.1:" + port + ">\r\n";
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n";
        return List.of(
                "OPTIONS " + aor + " SIP/2.0\r\n" + common + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n",
                "REGISTER " + aor + " SIP/2.0\r\n" + common + "CSeq: 1 REGISTER\r\nExpires: 60\r\nContent-Length: 0\r\n\r\n",
                "SUBSCRIBE " + aor + " SIP/2.0\r\n" + common + "CSeq: 1 SUBSCRIBE\r\nEvent: call-info\r\nExpires: 60\r\n"
                        + "Content-Length: 0\r\n\r\n",
                "INVITE " + aor + " SIP/2.0\r\n" + common + "CSeq: 1 INVITE\r\nCall-Info: <sip:127.0.0.1>;appearance-index=1\r\n"
                        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
    }

    /** One to four mutations of the text: a byte changed, a line dropped or repeated, or the message cut short. */
    static byte[] mutate(String seed, Random random) {
        StringBuilder text = new StringBuilder(seed);
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            int at = random.nextInt(text.length());
            switch (random.nextInt(4)) {
                case 0 -> text.setCharAt(at, (char) random.nextInt(256));
                case 1 -> {
                    int end = text.indexOf("\r\n", at);
                    int begin = text.lastIndexOf("\r\n", at);
                    if (end > begin && begin >= 0) {
                        text.delete(begin, end);
                    }
                }
                case 2 -> {
                    int end = text.indexOf("\r\n", at);
                    int begin = text.lastIndexOf("\r\n", at);
                    if (end > begin && begin >= 0) {
                        text.insert(end, text.substring(begin, end));
                    }
                }
                default -> text.setLength(Math.max(1, at));
            }
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void countAnswers(DatagramSocket socket, Map<String, AtomicLong> answers) {
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout(1000);
            while (!socket.isClosed()) {
                try {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    String first = new String(buffer, 0, Math.min(packet.getLength(), 12), StandardCharsets.ISO_8859_1);
                    String key = first.startsWith("SIP/2.0 ") && first.length() >= 11 ? first.substring(8, 11) : "request";
                    answers.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                    Matcher callId = CALL_ID.matcher(new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1));
                    if (callId.find() && answeredCallIds.add(callId.group(1))) {
                        lastNewAnswerAt = System.nanoTime();
                    }
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

    private static long stackTraceLines(String console) {
        return console.lines().filter(l -> l.startsWith("\tat ")).count();
    }

    private String report(String started, Map<String, AtomicLong> answers, long traces, Server.Heap before, Server.Heap after,
            long waited) {
        Map<String, Long> sorted = new TreeMap<>();
        answers.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "Fuzz started %s: %d mutated requests (seed %d) to one line at %d/s.%n%n", started, messages, SEED, rate));
        b.append("| answer | count |\n|---|---:|\n");
        sorted.forEach((status, n) -> b.append("| ").append(status).append(" | ").append(n).append(" |\n"));
        b.append(String.format(Locale.ROOT, "%n500s: %d. Stack trace lines the server logged: %d. Heap after GC: %.1f MiB before,"
                + " %.1f MiB %d s after the last answer to a new message (%d s after the last message).%n",
                sorted.getOrDefault("500", 0L), traces, before.bytes() / 1048576.0, after.bytes() / 1048576.0,
                TRANSACTIONS_GONE_MILLIS / 1000, waited));
        return b.toString();
    }
}
