package org.sca.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device that listens on UDP and on TCP at one port, as RFC 3261 18 has every SIP element do:
 * it sends its requests by UDP, takes the server's requests from either, and answers a request
 * on the connection it came on (RFC 3261 18.2.2).
 */
public final class DualLink implements PhoneLink {

    private static final Pattern BRANCH = Pattern.compile("(?i)branch=([^;,\\s]+)");

    private final UdpLink udp;
    private final ServerSocket listener;
    private final LinkedBlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    /** The connection each request that came by TCP came on, by its top Via branch. */
    private final Map<String, StreamLink> connectionOf = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean closed;

    public DualLink(InetSocketAddress server) {
        UdpLink.Twins<ServerSocket> twins = UdpLink.withTcpTwin(server,
                port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress()));
        this.udp = twins.udp();
        this.listener = twins.tcp();
        daemon(this::readUdp, "dual-udp-" + localPort());
        daemon(this::accept, "dual-tcp-" + localPort());
    }

    /** How many connections the server opened to this device. */
    public int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public String transport() {
        return "UDP";
    }

    @Override
    public String localHost() {
        return udp.localHost();
    }

    @Override
    public int localPort() {
        return udp.localPort();
    }

    @Override
    public void send(byte[] message) throws IOException {
        String text = new String(message, StandardCharsets.UTF_8);
        StreamLink connection = text.startsWith("SIP/2.0 ") ? connectionOf.get(branch(text)) : null;
        if (connection != null) {
            connection.send(message);
        } else {
            udp.send(message);
        }
    }

    @Override
    public SipMessage receive() throws IOException {
        try {
            while (!closed) {
                SipMessage m = received.poll(100, TimeUnit.MILLISECONDS);
                if (m != null) {
                    return m;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
        udp.close();
        try {
            listener.close();
        } catch (IOException e) {
            // closing anyway
        }
        connectionOf.values().forEach(StreamLink::close);
    }

    private void readUdp() {
        try {
            SipMessage m;
            while ((m = udp.receive()) != null) {
                received.add(m);
            }
        } catch (IOException e) {
            // the socket is closed
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                accepted.incrementAndGet();
                StreamLink connection = StreamLink.accepted(socket);
                daemon(() -> readStream(connection), "dual-conn-" + socket.getPort());
            } catch (IOException e) {
                return;
            }
        }
    }

    private void readStream(StreamLink connection) {
        try {
            SipMessage m;
            while ((m = connection.receive()) != null) {
                if (!m.isResponse()) {
                    connectionOf.put(branch(m.header("Via").orElse("")), connection);
                }
                received.add(m);
            }
        } catch (IOException e) {
            // the connection is gone
        }
    }

    private static String branch(String text) {
        Matcher m = BRANCH.matcher(text);
        return m.find() ? m.group(1) : "";
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
