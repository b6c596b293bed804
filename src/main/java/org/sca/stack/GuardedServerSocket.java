package org.sca.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.ServerSocket;

/**
 * The TCP listener: accepts through {@link SourceConnections}, which closes what is over its
 * source's cap. {@code accept} returns only admitted connections and throws only what the
 * listening socket throws: JAIN SIP's {@code TCPMessageProcessor.run} stops listening for
 * good on a {@code SocketException} from it.
 */
final class GuardedServerSocket extends ServerSocket {

    private final SourceConnections connections;

    GuardedServerSocket(int port, int backlog, InetAddress bindAddress, SourceConnections connections) throws IOException {
        super(port, backlog, bindAddress);
        this.connections = connections;
    }

    @Override
    public Socket accept() throws IOException {
        return connections.accept(this::implAccept);
    }
}
