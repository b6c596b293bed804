package org.sca.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded TCP listener on loopback, with a reader per connection that closes it on any
 * IOException and at the end of input, as JAIN SIP's blocking channel does.
 */
class SourceConnectionsTest {

    private static final Duration IDLE = Duration.ofMillis(300);
    private static final Duration FLOW_IDLE = Duration.ofMillis(1200);
    /** Far beyond every limit here: a read that waits this long means the server kept the connection. */
    private static final int CLIENT_WAIT_MILLIS = 5000;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> clients = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private SourceConnections connections;
    private ServerSocket server;

    private void listen(int maxPerSource) throws IOException {
        connections = new SourceConnections(new ConnectionLimits(maxPerSource, IDLE, FLOW_IDLE), clock::get);
        server = new GuardedServerSocket(0, 50, InetAddress.getLoopbackAddress(), connections);
        threads.submit(() -> {
            while (!server.isClosed()) {
                Socket accepted = server.accept();
                threads.submit(() -> readUntilEnd(accepted));
            }
            return null;
        });
    }

    private static void readUntilEnd(Socket accepted) {
        try (accepted; InputStream in = accepted.getInputStream()) {
            byte[] buffer = new byte[64];
            while (in.read(buffer) >= 0) {
                // read on, as the stack's reader does
            }
        } catch (IOException closedOrSilent) {
            // the stack closes the connection on any IOException
        }
    }

    private Socket connectFrom(String local) throws IOException {
        Socket client = new Socket(server.getInetAddress(), server.getLocalPort(), InetAddress.getByName(local), 0);
        client.setSoTimeout(CLIENT_WAIT_MILLIS);
        clients.add(client);
        return client;
    }

    /** The server closed it: end of input, or a reset. */
    private static boolean closedByServer(Socket client) throws IOException {
        try {
            return client.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        server.close();
        threads.shutdownNow();
    }

    @Test
    void aSourceBeyondItsCapIsClosedWhileAnotherIsAdmitted() throws Exception {
        listen(2);
        Socket first = connectFrom("127.0.0.1");
        connectFrom("127.0.0.1");
        Socket third = connectFrom("127.0.0.1");
        assertTrue(closedByServer(third));
        Socket other = connectFrom("127.0.0.2");
        other.getOutputStream().write("\r\n".getBytes());
        assertEquals(1, awaitOpen("127.0.0.2", 1));
        assertEquals(2, connections.open("127.0.0.1"));

        first.close();
        assertEquals(1, awaitOpen("127.0.0.1", 1), "a closed connection gives its place back");
        connectFrom("127.0.0.1");
        assertEquals(2, awaitOpen("127.0.0.1", 2));
    }

    @Test
    void aSilentConnectionIsClosedAndKeepAlivesKeepOneOpen() throws Exception {
        listen(4);
        Socket silent = connectFrom("127.0.0.1");
        Socket pinging = connectFrom("127.0.0.1");
        for (int i = 0; i < 6; i++) {
            pinging.getOutputStream().write("\r\n\r\n".getBytes());
            Thread.sleep(IDLE.toMillis() / 3); // keep-alives more often than the limit, for twice the limit
        }
        assertTrue(closedByServer(silent));
        assertEquals(1, connections.open("127.0.0.1"), "the pinging connection is open");
    }

    @Test
    void aFlowMaySitSilentLongerThanAConnection() throws Exception {
        listen(4);
        Socket flow = connectFrom("127.0.0.1");
        flow.getOutputStream().write("OPTIONS".getBytes());
        awaitOpen("127.0.0.1", 1);
        connections.carriedSip(new SourceConnections.Peer("127.0.0.1", flow.getLocalPort(), server.getLocalPort()));
        long start = System.nanoTime();
        assertTrue(closedByServer(flow));
        long silent = System.nanoTime() - start;
        assertTrue(silent >= FLOW_IDLE.toNanos() - IDLE.toNanos(), "kept past the connection limit: " + silent / 1_000_000 + " ms");
    }

    @Test
    void refusalsAreLoggedOncePerSourceAndMinuteWithTheirCount() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(SourceConnections.class.getName());
        log.addHandler(handler);
        try {
            listen(1);
            Socket kept = connectFrom("127.0.0.1");
            for (int i = 0; i < 3; i++) {
                assertTrue(closedByServer(connectFrom("127.0.0.1")));
            }
            clock.addAndGet(SourceConnections.LOG_INTERVAL.toNanos());
            assertTrue(closedByServer(connectFrom("127.0.0.1")));
            assertTrue(closedByServer(connectFrom("127.0.0.1")));
            kept.close();
            awaitOpen("127.0.0.1", 0);
            assertEquals(List.of(
                    "connection from 127.0.0.1 refused: 1 TCP and TLS connections open from that address, at most 1"
                            + " (org.sca.stack.MAX_CONNECTIONS_PER_SOURCE)",
                    "connection from 127.0.0.1 refused: 1 TCP and TLS connections open from that address, at most 1"
                            + " (org.sca.stack.MAX_CONNECTIONS_PER_SOURCE); 2 more refused since the last such line",
                    "1 more connections from 127.0.0.1 refused since the last such line"), lines);
        } finally {
            log.removeHandler(handler);
        }
    }

    /** Waits for the server to count {@code expected} connections from {@code address} (it counts as it accepts and closes). */
    private int awaitOpen(String address, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (connections.open(address) != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return connections.open(address);
    }
}
