package org.sca.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated SIP device on a {@link PhoneLink} of its own (UDP by default): builds requests as text, answers
 * NOTIFYs, and waits for messages. Credentials answer digest challenges the way a
 * Cisco SPA does (MD5, qop=auth).
 */
public final class TestPhone implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)[ \\t]*:[ \\t]*(\\S+)");

    private final PhoneLink link;
    /** host:port its Via and Contact name: its own, or a private address behind a NAT. */
    private final String advertised;
    private final boolean rport;
    private final String user;
    private final String authId;
    private final String password;
    private final LinkedBlockingQueue<SipMessage> responses = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<SipMessage> requests = new LinkedBlockingQueue<>();
    private final Set<String> seenRequests = ConcurrentHashMap.newKeySet();
    /**
     * The Call-IDs of this phone's dialogs: the ones it sent, and the server's out-of-dialog
     * requests to it. An in-dialog request of any other Call-ID is for an earlier phone that had
     * this port (a late ACK or retransmission of a finished test), and is dropped.
     */
    private final Set<String> callIds = ConcurrentHashMap.newKeySet();
    private final AtomicInteger branches = new AtomicInteger();
    private final AtomicInteger nonceCount = new AtomicInteger();
    private final Thread receiver;
    /**
     * Status the phone answers NOTIFYs with; a test sets 481 to play a vanished device, or
     * {@link #ANSWER_NOTIFIES_ITSELF} to answer them itself, when it chooses.
     */
    private volatile int notifyAnswer = 200;
    public static final int ANSWER_NOTIFIES_ITSELF = 0;

    public TestPhone(InetSocketAddress server, ItLines.Line line) {
        this(server, line.user(), line.authId(), line.password(), 0);
    }

    /** A device on a given local port (0: any), e.g. the PBX the configuration names. */
    public TestPhone(InetSocketAddress server, String user, String authId, String password, int localPort) {
        this(new UdpLink(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort)), null, true, user, authId,
                password);
    }

    /** A device at another loopback address (127.0.0.2 ...): the server tells sources apart by address. */
    public TestPhone(InetSocketAddress server, ItLines.Line line, InetAddress localAddress) {
        this(new UdpLink(server, new InetSocketAddress(localAddress, 0)), null, true, line.user(), line.authId(), line.password());
    }

    /**
     * A device on {@code link} whose Via and Contact say {@code advertised} (null: its own
     * address), with or without {@code ;rport} in its Via: a phone behind NAT.
     */
    public TestPhone(PhoneLink link, String advertised, boolean rport, ItLines.Line line) {
        this(link, advertised, rport, line.user(), line.authId(), line.password());
    }

    private TestPhone(PhoneLink link, String advertised, boolean rport, String user, String authId, String password) {
        this.link = link;
        this.advertised = advertised != null ? advertised : link.localHost() + ":" + link.localPort();
        this.rport = rport;
        this.user = user;
        this.authId = authId;
        this.password = password;
        this.receiver = new Thread(this::receive, "phone-" + user + "-" + port());
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    public int port() {
        return link.localPort();
    }

    public String contact() {
        return switch (link.transport()) {
            case "UDP" -> "<sip:" + user + "@" + advertised + ">";
            case "TLS" -> "<sips:" + user + "@" + advertised + ">";
            default -> "<sip:" + user + "@" + advertised + ";transport=" + link.transport().toLowerCase() + ">";
        };
    }

    public void answerNotifiesWith(int status) {
        notifyAnswer = status;
    }

    /** A new out-of-dialog request from this phone, with fresh Call-ID, tag and branch. */
    public Request request(String method, String requestUri) {
        String to = requestUri.replaceFirst(";.*$", "");
        return new Request(method, requestUri)
                .header("Via", via())
                .header("From", "<" + to + ">;tag=" + UUID.randomUUID().toString().substring(0, 8))
                .header("To", "<" + to + ">")
                .header("Call-ID", UUID.randomUUID() + "@127.0.0.1")
                .header("CSeq", "1 " + method)
                .header("Max-Forwards", "70")
                .header("Contact", contact())
                .header("User-Agent", "sca-it-phone");
    }

    /** The next request inside the dialog a 2xx to {@code previous} established. */
    public Request inDialog(Request previous, SipMessage answer) {
        Request next = previous.copy()
                .header("Via", via())
                .header("CSeq", (previous.cseq() + 1) + " " + previous.method)
                .remove("Authorization");
        answer.tag("To").ifPresent(tag -> next.header("To", previous.get("To").replaceFirst(";tag=.*$", "") + ";tag=" + tag));
        return next;
    }

    public String via() {
        // Unique across phones too: a reused port must not make a new request look like a retransmission.
        return "SIP/2.0/" + link.transport() + " " + advertised + ";branch=z9hG4bK-" + UUID.randomUUID().toString().substring(0, 13)
                + (rport ? ";rport" : "");
    }

    public void send(Request request) {
        sendRaw(request.toString());
    }

    /** Sends {@code text} as it is (CRLFs included): a message no well-behaved phone would write. */
    public void sendRaw(String text) {
        Matcher callId = CALL_ID.matcher(text);
        if (callId.find()) {
            callIds.add(callId.group(1));
        }
        try {
            link.send(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and waits for the final response to this request (provisional ones skipped). */
    public SipMessage call(Request request) {
        send(request);
        return awaitFinal(request);
    }

    /**
     * Sends; answers a 401 once with digest credentials (a new CSeq, as phones do);
     * returns the final response. The request passed in is updated to the one last sent.
     */
    public SipMessage callAuthenticated(Request request) {
        SipMessage response = call(request);
        if (response.status() != 401) {
            return response;
        }
        return call(withAuthorization(request, response));
    }

    /** Prepares the retry of a challenged request: new branch, next CSeq, digest credentials. */
    public Request withAuthorization(Request request, SipMessage challenge) {
        return request.header("Via", via())
                .header("CSeq", (request.cseq() + 1) + " " + request.method)
                .header("Authorization", authorization(challenge.headers("WWW-Authenticate").get(0), request));
    }

    public String authorization(String challenge, Request request) {
        return authorization(challenge, request, password);
    }

    public String authorization(String challenge, Request request, String secret) {
        int nc = nonceCount.incrementAndGet();
        return SipWriter.authorization(challenge, request.method, request.uri, authId, secret, nc,
                Integer.toHexString(port()) + String.format("%08x", nc));
    }

    public static Map<String, String> challengeParams(String challenge) {
        return SipWriter.challengeParams(challenge);
    }

    /** Waits for the final response; a non-2xx to an INVITE is ACKed, as RFC 3261 17.1.1.3 has every UAC do. */
    public SipMessage awaitFinal(Request request) {
        SipMessage response = await(responses, m -> m.callId().equals(request.get("Call-ID")) && m.cseq() == request.cseq()
                && m.cseqMethod().equals(request.method) && m.status() >= 200, "final response to " + request.startLine());
        if (request.method.equals("INVITE") && response.status() >= 300) {
            send(errorAck(request, response));
        }
        return response;
    }

    /** The ACK of a non-2xx answer to {@code invite}: part of the INVITE's transaction (RFC 3261 17.1.1.3). */
    public Request errorAck(Request invite, SipMessage response) {
        return new Request("ACK", invite.uri)
                .header("Via", invite.get("Via"))
                .header("From", invite.get("From"))
                .header("To", response.header("To").orElseThrow())
                .header("Call-ID", invite.get("Call-ID"))
                .header("CSeq", invite.cseq() + " ACK")
                .header("Max-Forwards", "70");
    }

    /** The final response to the request if one comes within {@code within}, else null. */
    public SipMessage awaitResponseOrNull(Request request, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        try {
            SipMessage m;
            while ((m = responses.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (m.callId().equals(request.get("Call-ID")) && m.status() >= 200) {
                    return m;
                }
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    public SipMessage awaitResponse(Predicate<SipMessage> match, String what) {
        return await(responses, match, what);
    }

    public SipMessage awaitRequest(String method) {
        return await(requests, m -> m.method().equals(method), method);
    }

    public SipMessage awaitRequest(Predicate<SipMessage> match, String what) {
        return await(requests, match, what);
    }

    /** As {@link #awaitRequest(Predicate, String)}, for a request that is due only after {@code within}. */
    public SipMessage awaitRequest(Predicate<SipMessage> match, String what, Duration within) {
        return await(requests, match, what, within);
    }

    /** Fails if a request of this method arrives within the given time. */
    public void assertNoRequest(String method, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        List<SipMessage> other = new ArrayList<>();
        try {
            SipMessage m;
            while ((m = requests.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                if (m.method().equals(method)) {
                    fail("unexpected " + method + " at phone " + user + ":\n" + m);
                }
                other.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            requests.addAll(other);
        }
    }

    private SipMessage await(LinkedBlockingQueue<SipMessage> queue, Predicate<SipMessage> match, String what) {
        return await(queue, match, what, WAIT);
    }

    private SipMessage await(LinkedBlockingQueue<SipMessage> queue, Predicate<SipMessage> match, String what, Duration within) {
        long end = System.nanoTime() + within.toNanos();
        List<SipMessage> skipped = new ArrayList<>();
        try {
            while (true) {
                SipMessage m = queue.poll(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    fail("phone " + user + ":" + port() + " waited " + within + " for " + what + "; got instead: " + skipped);
                }
                if (match.test(m)) {
                    return m;
                }
                skipped.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            // Messages that did not match stay for a later wait, in arrival order.
            List<SipMessage> rest = new ArrayList<>();
            queue.drainTo(rest);
            queue.addAll(skipped);
            queue.addAll(rest);
        }
    }

    private void receive() {
        while (true) {
            SipMessage m;
            try {
                m = link.receive();
            } catch (IOException e) {
                return;
            }
            if (m == null) {
                return;
            }
            if (m.isResponse()) {
                responses.add(m);
                continue;
            }
            if (m.tag("To").isEmpty()) {
                callIds.add(m.callId());
            } else if (!callIds.contains(m.callId())) {
                System.err.println("phone " + user + ":" + port() + " dropped a request of a dialog not its own: " + m.startLine()
                        + " Call-ID " + m.callId());
                continue;
            }
            if (m.method().equals("NOTIFY") && notifyAnswer != ANSWER_NOTIFIES_ITSELF) {
                reply(m, notifyAnswer, notifyAnswer == 200 ? "OK" : "Call/Transaction Does Not Exist");
            }
            if (m.method().equals("OPTIONS")) {
                // The server's probe of a call leg (call.probe-seconds): answered as a phone in the call does.
                reply(m, 200, "OK");
                continue;
            }
            // A retransmission (same Call-ID, CSeq and method) is answered but not queued twice.
            if (seenRequests.add(m.callId() + " " + m.header("CSeq").orElse("") + " " + m.header("Via").orElse(""))) {
                requests.add(m);
            }
        }
    }

    /** Answers a received request, echoing the headers RFC 3261 says a response copies. */
    public void reply(SipMessage request, int status, String reason, String... extraHeaders) {
        replyWithBody(request, status, reason, null, extraHeaders);
    }

    /** The To tag this phone puts on responses to dialog-creating requests. */
    public String tag() {
        return "ph" + port();
    }

    /** As {@link #reply}, with an SDP body (null: none) and this phone's Contact. */
    public void replyWithBody(SipMessage request, int status, String reason, String sdp, String... extraHeaders) {
        byte[] bytes = SipWriter.response(request, status, reason, tag(), contact(), sdp, extraHeaders).getBytes(StandardCharsets.UTF_8);
        try {
            link.send(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request inside a dialog this phone is in, as UAS (it answered {@code invite}) or as UAC
     * ({@code invite} is the 2xx it got): Request-URI the peer's Contact, tags as established.
     */
    public Request inDialogOf(SipMessage dialogMessage, boolean asUas, String method, long cseq) {
        String remoteTarget = dialogMessage.header("Contact").orElseThrow().replaceFirst("^.*<", "").replaceFirst(">.*$", "");
        String from = asUas ? dialogMessage.header("To").orElseThrow() : dialogMessage.header("From").orElseThrow();
        String to = asUas ? dialogMessage.header("From").orElseThrow() : dialogMessage.header("To").orElseThrow();
        if (asUas && !from.contains(";tag=")) {
            from = from + ";tag=" + tag();
        }
        return new Request(method, remoteTarget)
                .header("Via", via())
                .header("From", from)
                .header("To", to)
                .header("Call-ID", dialogMessage.callId())
                .header("CSeq", cseq + " " + method)
                .header("Max-Forwards", "70")
                .header("Contact", contact());
    }

    /** CANCEL of an INVITE this phone sent (RFC 3261 9.1: same branch, Call-ID, From, To, CSeq number). */
    public Request cancel(Request invite) {
        return new Request("CANCEL", invite.uri)
                .header("Via", invite.get("Via"))
                .header("From", invite.get("From"))
                .header("To", invite.get("To"))
                .header("Call-ID", invite.get("Call-ID"))
                .header("CSeq", invite.cseq() + " CANCEL")
                .header("Max-Forwards", "70");
    }

    /** ACK for a 2xx to an INVITE this phone sent. */
    public void ack(Request invite, SipMessage ok) {
        Request ack = inDialogOf(ok, false, "ACK", invite.cseq());
        ack.header("From", invite.get("From"));
        send(ack);
    }

    /**
     * Closes the socket and waits for the receiver to let go of it: the JDK releases a socket
     * closed under a blocked receive only when that thread wakes, and the fixed PBX ports are
     * bound again by the next test at once.
     */
    @Override
    public void close() {
        link.close();
        try {
            receiver.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A request under construction; headers keep their order, a header set twice is replaced. */
    public static final class Request {
        private final String method;
        private final String uri;
        private final List<String[]> headers = new ArrayList<>();
        private String body = "";

        public Request(String method, String uri) {
            this.method = method;
            this.uri = uri;
        }

        public Request header(String name, String value) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    h[1] = value;
                    return this;
                }
            }
            headers.add(new String[] {name, value});
            return this;
        }

        /** Adds another header line even if one of that name exists. */
        public Request add(String name, String value) {
            headers.add(new String[] {name, value});
            return this;
        }

        public Request remove(String name) {
            headers.removeIf(h -> h[0].equalsIgnoreCase(name));
            return this;
        }

        public Request body(String contentType, String content) {
            header("Content-Type", contentType);
            body = content;
            return this;
        }

        public String get(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        public long cseq() {
            return Long.parseLong(get("CSeq").split(" ")[0]);
        }

        public String callId() {
            return get("Call-ID");
        }

        public String method() {
            return method;
        }

        public String uri() {
            return uri;
        }

        public String startLine() {
            return method + " " + uri + " SIP/2.0";
        }

        public Request copy() {
            Request c = new Request(method, uri);
            headers.forEach(h -> c.headers.add(h.clone()));
            c.body = body;
            return c;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(1024).append(startLine()).append("\r\n");
            String contentType = null;
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase("Content-Type")) {
                    contentType = h[1];
                } else if (!h[0].equalsIgnoreCase("Content-Length")) {
                    b.append(h[0]).append(": ").append(h[1]).append("\r\n");
                }
            }
            return SipWriter.withBody(b, contentType, body);
        }
    }
}
