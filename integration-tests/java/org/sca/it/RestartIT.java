package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sca.it.LineFixture.CALLER;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.appearance;
import static org.sca.it.LineFixture.callInfo;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.sca.it.TestPhone.Request;

/**
 * A crash, a restart or a reload through the manager loses nothing: each scenario runs its
 * own container with the default embedded store (SQLite under the instance directory) and
 * the demo configuration's digest, and checks on the wire that the phones are served as if
 * nothing had happened. The scenarios run at the same time.
 */
@Execution(ExecutionMode.CONCURRENT)
class RestartIT {

    /** The promise: every subscriber hears the line in its old dialog this soon after a start. */
    static final Duration BACK_WITHIN = Duration.ofSeconds(10);
    /**
     * A phone that vanished is found by the probe (2 s here) and the OPTIONS transaction's
     * timeout (Timer F, 32 s over UDP): a wait that must let that SIP timer pass.
     */
    static final Duration PROBE_BOUND = Duration.ofSeconds(2 + 32 + 8);

    static final ItLines.Line A = new ItLines.Line("restart_line", "rs-a", "pw-rsa");
    static final ItLines.Line B = new ItLines.Line("restart_line", "rs-b", "pw-rsb");

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static String config(int trunkPort, String extra) {
        return """
                subscription.min-expires = 2
                registration.min-expires = 2
                %s
                line.restart.aor = sip:restart_line@127.0.0.1
                line.restart.credentials = rs-a:pw-rsa, rs-b:pw-rsb
                line.restart.trunks = 127.0.0.1:%d
                """.formatted(extra, trunkPort);
    }

    @Test
    void aKilledContainerComesBackWithItsPhonesAndEndsTheCallsItHad() throws Exception {
        int trunk = Container.freePort();
        Container first = open(Container.start(config(trunk, ""), List.of(SharedContainer.war())));
        TestPhone pbx = open(new TestPhone(first.sip(), "pbx", "pbx", "none", trunk));
        Subscribed a = onTheLine(first, A);
        Subscribed b = onTheLine(first, B);

        Request invite = pbxInvite(pbx);
        SipMessage atA = answeredByA(pbx, invite, a, b);
        awaitStored(first, "CALL", 2);
        first.kill();

        Container second = open(first.startAgain());
        SipMessage byeAtPbx = pbx.awaitRequest(m -> m.method().equals("BYE"), "BYE of the call the crash left", BACK_WITHIN);
        assertEquals(invite.callId(), byeAtPbx.callId(), "in the PBX's own dialog");
        assertEquals(tagOf(invite.get("From")), byeAtPbx.tag("To").orElseThrow(), "the PBX's tag of its dialog");
        pbx.reply(byeAtPbx, 200, "OK");
        SipMessage byeAtA = a.phone.awaitRequest(m -> m.method().equals("BYE"), "BYE of A's leg", BACK_WITHIN);
        assertEquals(atA.callId(), byeAtA.callId(), "in A's own dialog");
        a.phone.reply(byeAtA, 200, "OK");
        bothSee(a, b, IDLE);

        registeredAndSubscribedStill(second, pbx, a, b);
    }

    @Test
    void aReloadThroughTheManagerLosesNothing() throws Exception {
        int trunk = Container.freePort();
        Container container = open(Container.start(config(trunk, ""), List.of(SharedContainer.war())));
        TestPhone pbx = open(new TestPhone(container.sip(), "pbx", "pbx", "none", trunk));
        Subscribed a = onTheLine(container, A);
        Subscribed b = onTheLine(container, B);
        awaitStored(container, "SUBSCRIPTION", 2);

        assertTrue(container.manager("/reload?path=/sca").startsWith("OK"));
        bothSee(a, b, IDLE);
        registeredAndSubscribedStill(container, pbx, a, b);
    }

    @Test
    void anUnreadableStoreIsMovedAsideAndTheServerStartsWithoutIt() throws Exception {
        int trunk = Container.freePort();
        Container first = open(Container.start(config(trunk, ""), List.of(SharedContainer.war())));
        Subscribed a = onTheLine(first, A);
        awaitStored(first, "SUBSCRIPTION", 1);
        first.close();
        Path db = first.base().resolve("data/sca.db");
        Files.write(db, "this is not a database, it is what a bad disk left".repeat(100).getBytes());
        Files.deleteIfExists(Path.of(db + "-wal"));
        Files.deleteIfExists(Path.of(db + "-shm"));

        Container second = open(first.startAgain());
        String console = second.console();
        assertEquals(1, console.lines().filter(l -> l.contains("is unreadable") && l.contains("moved to")).count(), console);
        try (Stream<Path> files = Files.list(db.getParent())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("sca.db.corrupt-")), "moved aside");
        }
        onTheLine(second, B);
        awaitStored(second, "SUBSCRIPTION", 1); // the new file takes writes
        // Nothing of the unreadable file came back: A's subscription is unknown to the new run.
        SipMessage refused = a.phone.call(a.phone.inDialog(a.subscribe, a.ok).header("Expires", "300"));
        assertEquals(481, refused.status());
    }

    @Test
    void aPhoneThatVanishesMidCallFreesItsAppearance() throws Exception {
        int trunk = Container.freePort();
        Container container = open(Container.start(config(trunk, "call.probe-seconds = 2"), List.of(SharedContainer.war())));
        TestPhone pbx = open(new TestPhone(container.sip(), "pbx", "pbx", "none", trunk));
        Subscribed a = onTheLine(container, A);
        Subscribed b = onTheLine(container, B);
        answeredByA(pbx, pbxInvite(pbx), a, b);

        a.phone.close(); // pulled from the wall: it answers nothing any more

        assertEquals(IDLE, callInfo(b.phone.awaitRequest(m -> m.method().equals("NOTIFY"), "the idle line", PROBE_BOUND)));
        SipMessage bye = pbx.awaitRequest(m -> m.method().equals("BYE"), "BYE for the PBX", TestPhone.WAIT);
        pbx.reply(bye, 200, "OK");
    }

    /**
     * After a restart: the operator's view has the line, the refresh in the old dialog is a
     * refresh, and a call rings both phones without a new REGISTER.
     */
    private static void registeredAndSubscribedStill(Container container, TestPhone pbx, Subscribed a, Subscribed b) {
        // Before any message reaches the line again: what the start restored is on view.
        JsonNode line = AdminClient.operatorOf(container).line("restart");
        assertEquals(2, line.get("registrations").size(), "the operator's view shows the restored phones: " + line);
        assertEquals(2, line.get("subscriptions").size(), line.toString());
        Request refresh = a.phone.inDialog(a.subscribe, a.ok).header("Expires", "300");
        assertEquals(200, a.phone.call(refresh).status(), "a refresh in the old dialog, not 481");
        a.seesInItsDialog(IDLE);
        Request again = a.phone.inDialog(refresh, a.ok).header("Expires", "300");
        assertEquals(200, a.phone.call(again).status(), "and the next one");
        a.seesInItsDialog(IDLE);

        Request invite = pbxInvite(pbx);
        pbx.send(invite);
        SipMessage atA = a.phone.awaitRequest("INVITE");
        SipMessage atB = b.phone.awaitRequest("INVITE");
        bothSee(a, b, appearance(1, "alerting"));
        a.phone.reply(atA, 486, "Busy Here");
        b.phone.reply(atB, 486, "Busy Here");
        assertEquals(486, pbx.awaitFinal(invite).status());
        bothSee(a, b, IDLE);
        assertTrue(container.console().contains("restored"), "the start said what it restored");
    }

    /** The PBX's {@code invite} rings both phones and A answers it: @return the INVITE A got */
    private static SipMessage answeredByA(TestPhone pbx, Request invite, Subscribed a, Subscribed b) {
        pbx.send(invite);
        SipMessage atA = a.phone.awaitRequest("INVITE");
        SipMessage atB = b.phone.awaitRequest("INVITE");
        bothSee(a, b, appearance(1, "alerting"));
        CallSteps.answer(pbx, invite, a.phone, atA, b.phone, atB);
        bothSee(a, b, appearance(1, "active"));
        return atA;
    }

    private static void bothSee(Subscribed a, Subscribed b, String state) {
        a.seesInItsDialog(state);
        b.seesInItsDialog(state);
    }

    /** A phone on the line: registered, subscribed to call-info through the digest challenge, the idle line seen. */
    private Subscribed onTheLine(Container container, ItLines.Line line) {
        TestPhone phone = open(new TestPhone(container.sip(), line));
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", line.aor()).header("Expires", "300")).status());
        Request subscribe = CallInfoSubscriptionIT.subscribe(phone, line, 300);
        SipMessage ok = phone.callAuthenticated(subscribe);
        assertEquals(200, ok.status());
        Subscribed s = new Subscribed(phone, subscribe, ok);
        s.seesInItsDialog(IDLE);
        return s;
    }

    /** A phone's call-info subscription: the SUBSCRIBE that was granted and its 200. */
    record Subscribed(TestPhone phone, Request subscribe, SipMessage ok) {

        /** The next call-info NOTIFY is in this subscription's dialog and shows {@code state}. */
        void seesInItsDialog(String state) {
            SipMessage notify = phone.awaitRequest(m -> m.method().equals("NOTIFY"), "call-info NOTIFY", BACK_WITHIN);
            assertEquals(subscribe.callId(), notify.callId(), notify.toString());
            assertEquals(ok.tag("To"), notify.tag("From"), "the server's tag of the dialog");
            assertEquals(tagOf(subscribe.get("From")), notify.tag("To").orElseThrow(), "the phone's tag of the dialog");
            assertEquals(state, callInfo(notify));
        }
    }

    private static String tagOf(String header) {
        return header.substring(header.indexOf(";tag=") + 5).split(";")[0];
    }

    private static Request pbxInvite(TestPhone pbx) {
        return pbx.request("INVITE", "sip:restart_line@127.0.0.1")
                .header("From", CALLER + ";tag=pbx" + System.nanoTime())
                .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
    }

    /**
     * Waits until the container's store holds {@code count} rows of {@code kind}: the store
     * writes behind the SIP thread, and a crash test must crash after the write it tests.
     */
    static void awaitStored(Container container, String kind, int count) throws SQLException, InterruptedException {
        String url = "jdbc:sqlite:" + container.base().resolve("data/sca.db");
        long end = System.nanoTime() + TestPhone.WAIT.toNanos();
        int rows = -1;
        while (System.nanoTime() < end) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM sca_state WHERE kind = '" + kind + "'")) {
                r.next();
                rows = r.getInt(1);
            } catch (SQLException notYet) {
                rows = -1; // the table is created at the first start
            }
            if (rows == count) {
                return;
            }
            Thread.sleep(20); // polling a file another process writes: there is no message to wait for
        }
        throw new AssertionError("store has " + rows + " " + kind + " rows, want " + count);
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }
}
