package org.sca.stack;

import gov.nist.core.net.DefaultNetworkLayer;
import gov.nist.core.net.NetworkLayer;
import gov.nist.javax.sip.SipStackImpl;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * JAIN SIP's network layer ({@code gov.nist.javax.sip.NETWORK_LAYER}) with guarded TCP and TLS
 * listeners: the connections they accept are capped per source address and closed when silent
 * ({@link ConnectionLimits}, read from the stack's properties). Everything else is
 * {@link DefaultNetworkLayer}'s: UDP, and the connections the stack opens itself (to a PBX, to
 * a phone whose connection is gone), which no cap or timeout touches.
 */
public final class ScaNetworkLayer implements NetworkLayer {

    private static final NetworkLayer DEFAULT = DefaultNetworkLayer.SINGLETON;

    private volatile SourceConnections connections = new SourceConnections(ConnectionLimits.DEFAULTS, System::nanoTime);

    /** Called by the stack right after it made this layer, before any listener exists. */
    @Override
    public void setSipStack(SipStackImpl sipStack) {
        connections = new SourceConnections(ConnectionLimits.from(sipStack.getConfigurationProperties()), System::nanoTime);
    }

    /** The accepted connection of this peer carried a SIP message (see {@link SipFlows}). */
    void carriedSip(SourceConnections.Peer peer) {
        connections.carriedSip(peer);
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        return new GuardedServerSocket(port, backlog, bindAddress, connections);
    }

    @Override
    public SSLServerSocket createSSLServerSocket(int port, int backlog, InetAddress bindAddress) throws IOException {
        try {
            return new GuardedTlsServerSocket(port, backlog, bindAddress, connections, SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IOException("no default TLS context: " + e.getMessage(), e);
        }
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return DEFAULT.createSocket(address, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return DEFAULT.createSocket(address, port, localAddress);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress myAddress, int myPort) throws IOException {
        return DEFAULT.createSocket(address, port, myAddress, myPort);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port) throws IOException {
        return DEFAULT.createSSLSocket(address, port);
    }

    @Override
    public SSLSocket createSSLSocket(InetAddress address, int port, InetAddress localAddress) throws IOException {
        return DEFAULT.createSSLSocket(address, port, localAddress);
    }

    @Override
    public DatagramSocket createDatagramSocket() throws SocketException {
        return DEFAULT.createDatagramSocket();
    }

    @Override
    public DatagramSocket createDatagramSocket(int port, InetAddress laddr) throws SocketException {
        return DEFAULT.createDatagramSocket(port, laddr);
    }
}
