package org.sca.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP port that drops every SYN, as a firewall that lets only UDP in does, without root: a
 * listener that never accepts, its accept queue filled; Linux drops a SYN to a listener whose
 * queue is full ({@code ListenOverflows}), so a connect waits for its timeout.
 */
final class FullBacklog implements AutoCloseable {

    /** Linux queues backlog + 1 connections; a few more tries prove the queue full. */
    private static final int MAX_QUEUED = 8;
    /** A queued connect completes in microseconds on loopback; a dropped SYN is retried only after 1 s. */
    private static final int CONNECT_MILLIS = 300;

    private final ServerSocket listener;
    private final List<Socket> queued = new ArrayList<>();

    FullBacklog(int port) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        listener = new ServerSocket(port, 1, loopback);
        for (int i = 0; i < MAX_QUEUED; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(loopback, port), CONNECT_MILLIS);
                queued.add(socket);
            } catch (SocketTimeoutException full) {
                socket.close();
                return;
            }
        }
        close();
        throw new IllegalStateException("the accept queue of port " + port + " never filled");
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : queued) {
            socket.close();
        }
        listener.close();
    }
}
