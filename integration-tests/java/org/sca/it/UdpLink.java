package org.sca.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A UDP socket on loopback, sending to the server. */
public final class UdpLink implements PhoneLink {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final byte[] buffer = new byte[65536];

    /** {@code localPort} 0: any. */
    public UdpLink(InetSocketAddress server, int localPort) {
        this(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort));
    }

    public UdpLink(InetSocketAddress server, InetSocketAddress local) {
        try {
            this.socket = new DatagramSocket(local);
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
        this.server = server;
    }

    /** What listens by TCP on a UDP link's port number. */
    @FunctionalInterface
    public interface TcpTwin<T> {
        T listen(int port) throws IOException;
    }

    public record Twins<T>(UdpLink udp, T tcp) {}

    private static final int TWIN_TRIES = 20;

    /** A UDP link and, at the same port number, {@code twin}: the kernel picks the UDP port; its TCP twin may be taken, then another pair is tried. */
    public static <T> Twins<T> withTcpTwin(InetSocketAddress server, TcpTwin<T> twin) {
        for (int i = 0; i < TWIN_TRIES; i++) {
            UdpLink udp = new UdpLink(server, 0);
            try {
                return new Twins<>(udp, twin.listen(udp.localPort()));
            } catch (IOException taken) {
                udp.close();
            }
        }
        throw new IllegalStateException("no port free for both UDP and TCP");
    }

    @Override
    public String transport() {
        return "UDP";
    }

    @Override
    public String localHost() {
        return socket.getLocalAddress().getHostAddress();
    }

    @Override
    public int localPort() {
        return socket.getLocalPort();
    }

    @Override
    public void send(byte[] message) throws IOException {
        socket.send(new DatagramPacket(message, message.length, server));
    }

    @Override
    public SipMessage receive() throws IOException {
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return null;
                }
                throw e;
            }
            return SipMessage.parse(packet.getData(), packet.getLength());
        }
        return null;
    }

    @Override
    public void close() {
        socket.close();
    }
}
