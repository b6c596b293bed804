package org.sca.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.sca.it.SipMessage;

/**
 * The baseline server, run in a JVM of its own like the container: one thread, one socket.
 * Answers each request 200 and sends a call-info NOTIFY with the state the request names to
 * each port the request lists; NOTIFY answers are read and dropped. Prints its port, then
 * serves until killed or idle for two minutes.
 */
public final class Reflector {

    /** Request header: the phones' ports to NOTIFY, comma-separated. */
    static final String NOTIFY_PORTS = "X-Notify-Ports";
    /** Request header: the appearance state the NOTIFYs show. */
    static final String STATE = "X-State";

    /** The benchmark kills the reflector when done; this ends one it left behind. */
    private static final int IDLE_EXIT_MILLIS = 120_000;

    private Reflector() {}

    public static void main(String[] args) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            socket.setSoTimeout(IDLE_EXIT_MILLIS);
            System.out.println(socket.getLocalPort());
            System.out.flush();
            byte[] buffer = new byte[65_536];
            Map<Integer, Long> cseqs = new HashMap<>();
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    return;
                }
                SipMessage m = SipMessage.parse(packet.getData(), packet.getLength());
                if (m.isResponse()) {
                    continue;
                }
                send(socket, ok(m), packet.getSocketAddress());
                String state = m.header(STATE).orElse("idle");
                for (String port : m.header(NOTIFY_PORTS).orElse("").split(",")) {
                    int p = Integer.parseInt(port.trim());
                    send(socket, notify(p, state, cseqs.merge(p, 1L, Long::sum)), new InetSocketAddress(loopback, p));
                }
            }
        }
    }

    private static String ok(SipMessage request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        for (String via : request.headers("Via")) {
            b.append("Via: ").append(via).append("\r\n");
        }
        return b.append("From: ").append(request.header("From").orElseThrow()).append("\r\n")
                .append("To: ").append(request.header("To").orElseThrow()).append(";tag=reflector\r\n")
                .append("Call-ID: ").append(request.callId()).append("\r\n")
                .append("CSeq: ").append(request.header("CSeq").orElseThrow()).append("\r\n")
                .append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String notify(int port, String state, long cseq) {
        String appearance = state.equals("idle") ? "" : "<sip:127.0.0.1>;appearance-index=1;appearance-state=" + state
                + ";appearance-uri=\"\\\"Bench Caller\\\" <sip:1000@pbx.test>\",";
        return "NOTIFY sip:phone@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-r" + port + "-" + cseq + "\r\n"
                + "From: <sip:line@127.0.0.1>;tag=reflector\r\n"
                + "To: <sip:line@127.0.0.1>;tag=t" + port + "\r\n"
                + "Call-ID: sub-" + port + "@reflector\r\n"
                + "CSeq: " + cseq + " NOTIFY\r\n"
                + "Max-Forwards: 70\r\n"
                + "Event: call-info\r\n"
                + "Subscription-State: active;expires=3600\r\n"
                + "Call-Info: " + appearance + "<sip:127.0.0.1>;appearance-index=*;appearance-state=idle\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket socket, String text, SocketAddress to) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
