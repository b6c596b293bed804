package org.sca.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.logging.Logger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS listener: a plain TCP listener that accepts through {@link SourceConnections}, as
 * the TCP one does, and layers a server-mode TLS socket over each admitted connection (autoClose:
 * closing the TLS socket closes ours, which gives its place back). The handshake is JAIN SIP's,
 * on the connection's own thread ({@code TLSMessageChannel.run}), so a silent client is ended by
 * the same read timeout. The processor configures the listener as an {@link SSLServerSocket}
 * (protocols, suites, client authentication); those settings are kept here and given to each
 * connection. Keys and trust are the JVM's default context, as JAIN SIP's default network
 * layer has them.
 */
final class GuardedTlsServerSocket extends SSLServerSocket {

    private static final Logger LOG = Logger.getLogger(GuardedTlsServerSocket.class.getName());

    private final SourceConnections connections;
    private final SSLContext context;
    private final SSLSocketFactory layering;
    private final SSLParameters parameters;
    private boolean sessionCreation = true;

    GuardedTlsServerSocket(int port, int backlog, InetAddress bindAddress, SourceConnections connections, SSLContext context)
            throws IOException {
        this.connections = connections;
        this.context = context;
        this.layering = context.getSocketFactory();
        this.parameters = context.getDefaultSSLParameters();
        bind(new InetSocketAddress(bindAddress, port), backlog);
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            GuardedSocket connection = connections.accept(this::implAccept);
            try {
                SSLSocket tls = (SSLSocket) layering.createSocket(connection, null, true);
                synchronized (this) {
                    tls.setSSLParameters(parameters);
                    tls.setEnableSessionCreation(sessionCreation);
                }
                return tls;
            } catch (IOException | RuntimeException e) {
                // This connection's fault, not the listener's: an SSLException here would stop JAIN SIP's TLS listener.
                LOG.fine(() -> "TLS not layered over " + connection + ": " + e);
                connection.close();
            }
        }
    }

    @Override
    public synchronized String[] getEnabledCipherSuites() {
        return parameters.getCipherSuites();
    }

    @Override
    public synchronized void setEnabledCipherSuites(String[] suites) {
        parameters.setCipherSuites(suites);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return context.getSupportedSSLParameters().getCipherSuites();
    }

    @Override
    public String[] getSupportedProtocols() {
        return context.getSupportedSSLParameters().getProtocols();
    }

    @Override
    public synchronized String[] getEnabledProtocols() {
        return parameters.getProtocols();
    }

    @Override
    public synchronized void setEnabledProtocols(String[] protocols) {
        parameters.setProtocols(protocols);
    }

    @Override
    public synchronized void setNeedClientAuth(boolean need) {
        parameters.setNeedClientAuth(need);
    }

    @Override
    public synchronized boolean getNeedClientAuth() {
        return parameters.getNeedClientAuth();
    }

    @Override
    public synchronized void setWantClientAuth(boolean want) {
        parameters.setWantClientAuth(want);
    }

    @Override
    public synchronized boolean getWantClientAuth() {
        return parameters.getWantClientAuth();
    }

    /** A listener's connections are servers: the processor sets false, and true cannot be honoured. */
    @Override
    public void setUseClientMode(boolean clientMode) {
        if (clientMode) {
            throw new IllegalArgumentException("a TLS listener's connections are in server mode");
        }
    }

    @Override
    public boolean getUseClientMode() {
        return false;
    }

    @Override
    public synchronized void setEnableSessionCreation(boolean enabled) {
        sessionCreation = enabled;
    }

    @Override
    public synchronized boolean getEnableSessionCreation() {
        return sessionCreation;
    }
}
