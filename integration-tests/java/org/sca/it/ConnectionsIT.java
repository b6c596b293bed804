package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What one peer may hold of the TCP and TLS listeners (org.sca.stack.ScaNetworkLayer): at most
 * 32 connections from one address, the excess closed as it is accepted, while other addresses
 * are served; a connection that carries no SIP message is closed once silent for the limit
 * (2 s in the test container, {@link Container#IDLE_CONNECTION}), while keep-alives keep one
 * open, and a registered phone's connection stays open however silent (its limit is a
 * registration's length); a message trickled a byte at a time is cut off at the read timeout.
 */
class ConnectionsIT extends DeployedSca {

    /** The shared container runs with the default cap. */
    private static final int PER_SOURCE = 32;
    /**
     * The address that fills its cap, and one that registers meanwhile: loopback addresses no
     * other test connects from, so that no connection of another test (closing while this
     * one starts) is counted with them.
     */
    private static final String CAPPED = "127.0.0.6";
    private static final String OTHER = "127.0.0.2";
    private static final byte[] KEEP_ALIVE = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** {@code gov.nist.javax.sip.READ_TIMEOUT} in conf/sip-stack.properties. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aSourceBeyondItsCapIsClosedWhileAnotherAddressRegisters() throws Exception {
        String console = SharedContainer.get().console();
        List<Connection> held = new ArrayList<>();
        try {
            // Each one a flow (it carried an OPTIONS), so none of them ends by the idle limit during the test.
            for (int i = 0; i < PER_SOURCE; i++) {
                Connection c = Connection.open(SharedContainer.get().sip(), CAPPED);
                held.add(c);
                assertEquals(200, c.options(), "connection " + (i + 1) + " of " + PER_SOURCE);
            }
            for (int i = 0; i < 5; i++) {
                try (Connection excess = Connection.open(SharedContainer.get().sip(), CAPPED)) {
                    assertTrue(excess.closedByServer(), "connection " + (PER_SOURCE + i + 1) + " from one address is closed");
                }
            }
            assertEquals(200, held.get(0).options(), "the admitted connections are served as before");

            try (TestPhone phone = new TestPhone(StreamLink.tcp(SharedContainer.get().sip(), InetAddress.getByName(OTHER)),
                    null, true, ItLines.REGISTRAR)) {
                assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.REGISTRAR.aor())).status(),
                        "another address is not affected");
            }
            String refusals = SharedContainer.get().console().substring(console.length());
            String line = "connection from " + CAPPED + " refused: " + PER_SOURCE + " TCP and TLS connections open";
            assertEquals(1, refusals.split(line, -1).length - 1,
                    "one log line for five refusals within the minute:\n" + refusals);
        } finally {
            held.forEach(Connection::close);
        }
    }

    @Test
    void aSilentConnectionIsClosedWhileKeepAlivesAndARegistrationKeepTheirsOpen() throws Exception {
        ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor();
        // Taken before the connect: the server's limit runs from its accept.
        long opened = System.nanoTime();
        try (Connection silent = Connection.open(SharedContainer.get().sip(), "127.0.0.1");
             Connection silentTls = Connection.open(SharedContainer.get().sipTls(), "127.0.0.1");
             Connection pinging = Connection.open(SharedContainer.get().sip(), "127.0.0.1");
             TestPhone phone = new TestPhone(StreamLink.tcp(SharedContainer.get().sip()), null, true, ItLines.REGISTRAR)) {
            long every = Container.IDLE_CONNECTION.toMillis() / 4;
            pinger.scheduleAtFixedRate(pinging::keepAlive, 0, every, TimeUnit.MILLISECONDS);
            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.REGISTRAR.aor())).status());

            assertTrue(silent.closedByServer(), "a TCP connection without a byte is closed");
            long silentFor = System.nanoTime() - opened;
            assertTrue(silentFor >= Container.IDLE_CONNECTION.toNanos(), "by the idle limit: " + silentFor / 1_000_000 + " ms");
            assertTrue(silentTls.closedByServer(), "a TLS connection without a handshake is closed");

            // A timer must pass: the kept connections go silent (or ping) for a whole limit more.
            Thread.sleep(Container.IDLE_CONNECTION.toMillis());
            pinger.shutdownNow();
            assertTrue(pinger.awaitTermination(5, TimeUnit.SECONDS));
            assertFalse(pinging.failedToPing, "the keep-alives were written");
            assertEquals(200, pinging.options(), "keep-alives kept the connection open");
            assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", ItLines.REGISTRAR.aor())).status(),
                    "the registered phone's connection is open after twice the limit in silence");
        } finally {
            pinger.shutdownNow();
        }
    }

    @Test
    void aMessageTrickledAByteAtATimeIsCutOffAtTheReadTimeout() throws Exception {
        try (Connection trickler = Connection.open(SharedContainer.get().sip(), "127.0.0.1")) {
            // The stack times a message from its first line on.
            trickler.send("OPTIONS sip:127.0.0.1 SIP/2.0\r\n");
            long started = System.nanoTime();
            String headers = "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-trickle\r\nX-Padding: " + "x".repeat(200);
            // Every byte comes well within the idle limit, so only the read timeout can end it.
            boolean closed = trickler.trickleUntilClosed(headers, Container.IDLE_CONNECTION.dividedBy(4), READ_TIMEOUT.multipliedBy(2));
            long after = System.nanoTime() - started;
            assertTrue(closed, "a message still incomplete after " + after / 1_000_000 + " ms is cut off");
            assertTrue(after >= READ_TIMEOUT.toNanos(), "by the read timeout: " + after / 1_000_000 + " ms");
        }
    }

    /** A TCP connection written and read as raw bytes, with a bounded wait for each answer. */
    private static final class Connection implements AutoCloseable {

        private final Socket socket;
        private final InputStream in;
        private int requests;
        private volatile boolean failedToPing;

        private Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        static Connection open(InetSocketAddress server, String from) throws IOException {
            Socket socket = new Socket(server.getAddress(), server.getPort(), InetAddress.getByName(from), 0);
            socket.setSoTimeout((int) TestPhone.WAIT.toMillis());
            return new Connection(socket);
        }

        /** Sends an OPTIONS and returns the status of the answer. */
        int options() throws IOException {
            int port = socket.getPort();
            String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
            String options = "OPTIONS sip:127.0.0.1:" + port + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + local + ";branch=z9hG4bK-conn" + System.nanoTime() + "\r\n"
                    + "From: <sip:probe@127.0.0.1>;tag=conn\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: conn-" + local + "-" + (++requests) + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                    + "Contact: <sip:probe@" + local + ";transport=tcp>\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(options.getBytes(StandardCharsets.US_ASCII));
            SipMessage answer = readMessage();
            return answer.status();
        }

        /** The head of the next message, and its body by Content-Length; CRLFs before it (pongs) are skipped. */
        private SipMessage readMessage() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("closed by the server");
                }
                if (head.size() > 0 || (c != '\r' && c != '\n')) {
                    head.write(c);
                }
            }
            SipMessage parsed = SipMessage.parse(head.toByteArray(), head.size());
            int length = Integer.parseInt(parsed.header("Content-Length").orElse("0").trim());
            byte[] all = head.toByteArray();
            byte[] body = in.readNBytes(length);
            byte[] whole = new byte[all.length + body.length];
            System.arraycopy(all, 0, whole, 0, all.length);
            System.arraycopy(body, 0, whole, all.length, body.length);
            return SipMessage.parse(whole, whole.length);
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        }

        /**
         * Writes {@code text} a byte every {@code every} until the server closes the connection
         * (true) or {@code atMost} has passed (false).
         */
        boolean trickleUntilClosed(String text, Duration every, Duration atMost) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
            long end = System.nanoTime() + atMost.toNanos();
            socket.setSoTimeout((int) every.toMillis());
            for (int i = 0; System.nanoTime() < end; i = (i + 1) % bytes.length) {
                try {
                    socket.getOutputStream().write(bytes[i]);
                    if (in.read() == -1) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // the pace of the trickle
                } catch (SocketException reset) {
                    return true;
                }
            }
            return false;
        }

        void keepAlive() {
            try {
                socket.getOutputStream().write(KEEP_ALIVE);
            } catch (IOException e) {
                failedToPing = true;
            }
        }

        /**
         * True once the server has closed the connection (end of input or a reset); false if it
         * is open after the wait. What comes before the end is read past: a TLS listener that
         * gives up on a handshake sends an alert as it closes.
         */
        boolean closedByServer() throws IOException {
            try {
                while (in.read() != -1) {
                    // not the end yet
                }
                return true;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
