package org.sca.it;

import java.io.IOException;

/** How a test device talks to the server: a UDP socket of its own, or a TCP/TLS connection it opened. */
public interface PhoneLink extends AutoCloseable {

    /** {@code UDP}, {@code TCP} or {@code TLS}: what the device writes in its Via. */
    String transport();

    /** The address it sends from, e.g. {@code 127.0.0.1}. */
    String localHost();

    int localPort();

    void send(byte[] message) throws IOException;

    /** The next message from the server; null once the link is closed. */
    SipMessage receive() throws IOException;

    @Override
    void close();
}
