package org.sca.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.sca.it.SipMessage;

/**
 * Every simulated device's UDP socket on one selector, served by the one thread that calls
 * {@link #runUntil}: the generator's whole state is touched by that thread only, so it needs
 * no locks, and a receive is timestamped the moment it is read.
 */
final class Wire implements AutoCloseable {

    /** What a device does with a datagram it received. */
    interface Receiver {
        void receive(SipMessage message, long arrivedNanos);
    }

    /** Larger than any SIP message of the cycle: a NOTIFY with a full line stays well under 2 KiB. */
    private static final int MAX_DATAGRAM = 65_536;
    /** Granularity of pacing and retransmission timers; the offered rates need no finer. */
    private static final long SELECT_MILLIS = 1;

    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final byte[] bytes = new byte[MAX_DATAGRAM];
    private final List<DatagramChannel> channels = new ArrayList<>();
    long sent;
    long received;
    long sendFailures;
    long retransmissions;

    Wire() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A socket on 127.0.0.1 ({@code port} 0: any free port). */
    Port open(int port, Receiver receiver) {
        try {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            channel.configureBlocking(false);
            channels.add(channel);
            Port p = new Port(channel, ((InetSocketAddress) channel.getLocalAddress()).getPort());
            channel.register(selector, SelectionKey.OP_READ, receiver);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Receives and dispatches until {@code done} or the deadline; {@code tick} runs after every
     * wake-up (at least every millisecond) for pacing and timers. Returns whether done.
     */
    boolean runUntil(BooleanSupplier done, long deadlineNanos, Runnable tick) {
        try {
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadlineNanos) {
                    return false;
                }
                selector.select(SELECT_MILLIS);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    drain((DatagramChannel) key.channel(), (Receiver) key.attachment());
                }
                tick.run();
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain(DatagramChannel channel, Receiver receiver) throws IOException {
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
                return;
            }
            long now = System.nanoTime();
            buffer.flip();
            int length = buffer.remaining();
            buffer.get(bytes, 0, length);
            received++;
            receiver.receive(SipMessage.parse(bytes, length), now);
        }
    }

    @Override
    public void close() {
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a datagram channel of our own: nothing to recover
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // as above
        }
    }

    /** One socket; sends never block (a full send buffer counts as a failure, the peer retransmits). */
    final class Port {
        private final DatagramChannel channel;
        final int number;

        private Port(DatagramChannel channel, int number) {
            this.channel = channel;
            this.number = number;
        }

        void send(String text, InetSocketAddress to) {
            try {
                if (channel.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), to) == 0) {
                    sendFailures++;
                } else {
                    sent++;
                }
            } catch (IOException e) {
                sendFailures++;
            }
        }
    }
}
