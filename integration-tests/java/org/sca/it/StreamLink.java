package org.sca.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One TCP or TLS connection the device opens to the server and keeps, as a phone behind NAT
 * must: the server can reach it only on this connection. Messages are framed by
 * Content-Length (RFC 3261 18.3); the single CRLF that answers a keep-alive (RFC 5626 4.4.1)
 * is what {@link #ping} waits for.
 */
public final class StreamLink implements PhoneLink {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:content-length|l)\\s*:\\s*(\\d+)\\s*$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String transport;
    private final Semaphore pongs = new Semaphore(0);

    private StreamLink(Socket socket, String transport) throws IOException {
        this.socket = socket;
        this.transport = transport;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static StreamLink tcp(InetSocketAddress server) {
        return tcp(server, InetAddress.getLoopbackAddress());
    }

    /** A connection from {@code local} (any port): a device the server tells apart by address. */
    public static StreamLink tcp(InetSocketAddress server, InetAddress local) {
        try {
            return new StreamLink(new Socket(server.getAddress(), server.getPort(), local, 0), "TCP");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP connection the server opened to a device that listens (see {@link DualLink}). */
    static StreamLink accepted(Socket socket) throws IOException {
        return new StreamLink(socket, "TCP");
    }

    /** TLS trusting whatever certificate the server shows: the test container's is self-signed, made at its start. */
    public static StreamLink tls(InetSocketAddress server) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(server.getAddress(), server.getPort());
            socket.startHandshake();
            return new StreamLink(socket, "TLS");
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TLS version and suite the server agreed to, e.g. {@code TLSv1.3 TLS_AES_128_GCM_SHA256}. */
    public String negotiated() {
        var session = ((SSLSocket) socket).getSession();
        return session.getProtocol() + " " + session.getCipherSuite();
    }

    @Override
    public String transport() {
        return transport;
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
    public synchronized void send(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    /** Sends a keep-alive (CRLF CRLF, RFC 5626 4.4.1); true if the server's CRLF comes back within {@code within}. */
    public boolean ping(Duration within) throws IOException, InterruptedException {
        send("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return pongs.tryAcquire(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public SipMessage receive() throws IOException {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                head.write(c);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n == 2 && h[0] == '\r' && h[1] == '\n') {
                    pongs.release();
                    head.reset();
                } else if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return withBody(h);
                }
            }
            return null;
        } catch (IOException e) {
            if (socket.isClosed()) {
                return null;
            }
            throw e;
        }
    }

    private SipMessage withBody(byte[] head) throws IOException {
        Matcher length = CONTENT_LENGTH.matcher(new String(head, StandardCharsets.UTF_8));
        byte[] body = in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return SipMessage.parse(all, all.length);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static final class TrustingAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the server does not ask for one
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // self-signed test certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
