package org.sca.stack;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The connections the server's TCP and TLS listeners accepted, counted together per source
 * address: one more than {@link ConnectionLimits#maxPerSource()} is closed as soon as it is
 * accepted. A refusal is logged once per source and minute, with the count of those that
 * followed it: a flood from one address is one line a minute, not one per connection.
 * Connections that have carried no SIP message yet can be found again by their peer, to be made
 * flows.
 */
final class SourceConnections {

    private static final Logger LOG = Logger.getLogger(SourceConnections.class.getName());

    /** One line a minute per refused address: enough for fail2ban and an operator, too few to flood the journal. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    /** How the listeners accept into a socket of ours: {@code ServerSocket.implAccept}, protected. */
    @FunctionalInterface
    interface Acceptor {
        void accept(Socket into) throws IOException;
    }

    /** A connection as the stack's channel names it: the peer's address and port, and our port. */
    record Peer(String address, int port, int localPort) {
        static Peer of(Socket socket) {
            return new Peer(socket.getInetAddress().getHostAddress(), socket.getPort(), socket.getLocalPort());
        }
    }

    /** One address's open connections and the refusals not logged yet; guarded by the SourceConnections. */
    private static final class Source {
        int open;
        boolean logged;
        long loggedAt;
        int unlogged;
    }

    private final ConnectionLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, Source> sources = new HashMap<>();
    private final Map<Peer, GuardedSocket> beforeFirstMessage = new ConcurrentHashMap<>();

    SourceConnections(ConnectionLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    /**
     * The next connection within its source's cap; the ones beyond are closed here, unseen by
     * the stack. Only the listening socket's own failures leave this method: what goes wrong
     * with one accepted connection ends that connection.
     */
    GuardedSocket accept(Acceptor acceptor) throws IOException {
        while (true) {
            GuardedSocket socket = new GuardedSocket(this, limits);
            acceptor.accept(socket);
            try {
                if (admitted(socket)) {
                    socket.startIdleLimit();
                    return socket;
                }
                socket.refuse();
            } catch (IOException e) {
                LOG.fine(() -> "accepted connection " + socket + " dropped: " + e);
                socket.close();
            }
        }
    }

    private boolean admitted(GuardedSocket socket) {
        Peer peer = Peer.of(socket);
        String logLine;
        synchronized (this) {
            Source source = sources.computeIfAbsent(peer.address(), a -> new Source());
            if (source.open < limits.maxPerSource()) {
                source.open++;
                beforeFirstMessage.put(peer, socket);
                socket.admitted(peer);
                return true;
            }
            logLine = refusal(peer.address(), source);
        }
        if (logLine != null) {
            LOG.info(logLine);
        }
        return false;
    }

    /** The line to log for this refusal, or null while the source's minute since its last line runs. */
    private String refusal(String address, Source source) {
        long now = nanoTime.getAsLong();
        if (source.logged && now - source.loggedAt < LOG_INTERVAL.toNanos()) {
            source.unlogged++;
            return null;
        }
        String earlier = source.unlogged == 0 ? "" : "; " + source.unlogged + " more refused since the last such line";
        source.logged = true;
        source.loggedAt = now;
        source.unlogged = 0;
        return "connection from " + address + " refused: " + source.open + " TCP and TLS connections open from that"
                + " address, at most " + limits.maxPerSource() + " (" + ConnectionLimits.MAX_PER_SOURCE_KEY + ")" + earlier;
    }

    /** An admitted connection closed: its place goes back to its source. */
    void released(GuardedSocket socket, Peer peer) {
        beforeFirstMessage.remove(peer, socket);
        String logLine = null;
        synchronized (this) {
            Source source = sources.get(peer.address());
            if (source != null && --source.open == 0) {
                sources.remove(peer.address());
                if (source.unlogged > 0) {
                    logLine = source.unlogged + " more connections from " + peer.address() + " refused since the last such line";
                }
            }
        }
        if (logLine != null) {
            LOG.info(logLine);
        }
    }

    /** The connection of {@code peer} carried a SIP message: it is a flow now (nothing if it already was, or is not ours). */
    void carriedSip(Peer peer) {
        GuardedSocket socket = beforeFirstMessage.remove(peer);
        if (socket != null) {
            socket.becomeFlow();
        }
    }

    /** Connections open from {@code address} now. */
    synchronized int open(String address) {
        Source source = sources.get(address);
        return source == null ? 0 : source.open;
    }
}
