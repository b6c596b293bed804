package org.sca.sip;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.sca.core.TcpReach;

/**
 * Probes, off the SIP threads, whether a UDP target takes a TCP connection: a connect, closed at
 * once, the first time the server sends the target anything and then every hour
 * ({@link TcpReach}). A request over RFC 3261 18.1.1's limit then goes by TCP or by UDP at once,
 * instead of waiting on the SIP thread for the stack's 10 s connect timeout at a target whose
 * firewall drops the SYN (JAIN SIP's {@code CONNECTION_TIMEOUT} is one for all connections:
 * lowering it would cut short a slow TCP PBX too).
 */
final class TcpProbes {

    private static final Logger LOG = Logger.getLogger(TcpProbes.class.getName());
    /** PROBE_THREADS = 2: a probe waits at most 2 s; two at a time clear a thousand phones' probes within a second when they answer. */
    private static final int PROBE_THREADS = 2;
    /** QUEUED = 4,096: the phones a restart brings back at once; beyond that a target is probed at its next request. */
    private static final int QUEUED = 4_096;

    private final TcpReach reach;
    private final ThreadPoolExecutor probes = new ThreadPoolExecutor(PROBE_THREADS, PROBE_THREADS, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), runnable -> {
                Thread thread = new Thread(runnable, "sca-tcp-probe");
                thread.setDaemon(true);
                return thread;
            });

    TcpProbes(Clock clock) {
        this.reach = new TcpReach(clock);
    }

    /** What a large request to {@code host:port} does; a probe of it starts if one is due. */
    TcpReach.Verdict verdict(String host, int port) {
        String target = host + ":" + port;
        if (reach.startProbe(target)) {
            try {
                probes.execute(() -> probe(target, host, port));
            } catch (RejectedExecutionException stoppedOrFull) {
                reach.probeNotMade(target);
            }
        }
        return reach.verdict(target);
    }

    /** A request's own TCP connection to {@code host:port} failed. */
    void failed(String host, int port) {
        reach.learned(host + ":" + port, false);
    }

    void stop() {
        probes.shutdownNow();
    }

    private void probe(String target, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) TcpReach.PROBE_TIMEOUT.toMillis());
            reach.learned(target, true);
        } catch (IOException e) {
            reach.learned(target, false);
            LOG.fine(() -> "no TCP to " + target + " (" + e.getMessage() + "): requests over 1300 bytes go there by UDP for an hour");
        }
    }
}
