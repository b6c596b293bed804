package org.sca.stack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An accepted TCP connection (under TLS too: the TLS socket is layered over it) that ends its
 * reads with a {@link SocketTimeoutException} once it has been silent longer than its limits
 * allow, and tells its {@link SourceConnections} when it closes.
 *
 * <p>JAIN SIP's blocking reader ({@code ConnectionOrientedMessageChannel.run}) closes the
 * connection on any IOException from a read, the timeout included; the stack sets no read
 * timeout of its own on these sockets. The socket's read timeout only wakes the reader: a
 * read already under way keeps the timeout it started with, so when a connection becomes a
 * flow while its reader waits, the wake-up finds the longer limit not reached and reads on.
 */
final class GuardedSocket extends Socket {

    private final SourceConnections owner;
    private final ConnectionLimits limits;
    private final AtomicBoolean released = new AtomicBoolean();
    /** Set once admitted: counted by its source under this peer from then on. */
    private volatile SourceConnections.Peer peer;
    private volatile boolean flow;
    /** When the last byte came, or when the connection was admitted. */
    private volatile long lastByteNanos;

    /** Unconnected, for {@code ServerSocket.implAccept}. */
    GuardedSocket(SourceConnections owner, ConnectionLimits limits) {
        this.owner = owner;
        this.limits = limits;
    }

    /** Counted by its source from now on, as {@code peer}: its close gives the place back. */
    void admitted(SourceConnections.Peer peer) {
        this.peer = peer;
    }

    /** From now on, reads wait at most the limit of a connection that has carried nothing yet. */
    void startIdleLimit() throws IOException {
        lastByteNanos = System.nanoTime();
        setSoTimeout(millis(limits.idleConnection().toNanos()));
    }

    /** The connection carried a SIP message: from now on it may be silent as long as a flow. */
    void becomeFlow() {
        flow = true;
    }

    /** Refused: closed at once with a reset (no TIME_WAIT kept for a flood), and never counted. */
    void refuse() throws IOException {
        setSoLinger(true, 0);
        super.close();
    }

    /** What silence is still allowed, in nanoseconds; zero or less: none. */
    long silenceLeftNanos() {
        long limit = (flow ? limits.idleFlow() : limits.idleConnection()).toNanos();
        return limit - (System.nanoTime() - lastByteNanos);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return new SilenceLimited(super.getInputStream());
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            super.close();
        } finally {
            if (peer != null && released.compareAndSet(false, true)) {
                owner.released(this, peer);
            }
        }
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)));
    }

    /** The socket's input, read on after a timeout while the connection's limit is not reached. */
    private final class SilenceLimited extends FilterInputStream {

        SilenceLimited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            while (true) {
                try {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        lastByteNanos = System.nanoTime();
                    }
                    return n;
                } catch (SocketTimeoutException wakeUp) {
                    long left = silenceLeftNanos();
                    if (left <= 0) {
                        throw wakeUp;
                    }
                    setSoTimeout(millis(left));
                }
            }
        }
    }
}
