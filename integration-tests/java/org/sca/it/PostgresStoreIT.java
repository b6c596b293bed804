package org.sca.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.sca.it.LineFixture.CALLER;
import static org.sca.it.LineFixture.IDLE;
import static org.sca.it.LineFixture.appearance;
import static org.sca.it.LineFixture.callInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * The state store on PostgreSQL instead of the embedded file: {@code store.url} names a real
 * server (Debian's, started here on loopback with a throw-away data directory). A phone's
 * registration and subscription survive a {@code kill -9} of the container through it, and
 * a database that goes away meanwhile is caught up once it is back.
 */
class PostgresStoreIT {

    /** The store retries a failed write every 5 s; the catch-up shows within two tries. */
    private static final Duration CATCH_UP = Duration.ofSeconds(12);

    private static PostgresServer pg;

    @BeforeAll
    static void startPostgres() throws Exception {
        Optional<Path> bin = PostgresServer.binaries();
        if (bin.isEmpty()) {
            System.out.println("PostgresStoreIT SKIPPED: PostgreSQL is not installed (integration-tests/tools/install-test-tools.sh)");
        }
        assumeTrue(bin.isPresent(), "PostgreSQL is not installed");
        pg = PostgresServer.start(bin.get());
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void aKilledContainerComesBackFromPostgres() throws Exception {
        String db = "killed";
        int trunk = Container.freePort();
        Container first = Container.start(RestartIT.config(trunk, "store.url = " + pg.createDatabase(db)),
                List.of(SharedContainer.war()));
        try (TestPhone phone = new TestPhone(first.sip(), RestartIT.A);
             TestPhone pbx = new TestPhone(first.sip(), "pbx", "pbx", "none", trunk)) {
            RestartIT.Subscribed a = registeredAndSubscribed(phone);
            awaitRows(db, 2, TestPhone.WAIT);
            first.kill();

            try (Container second = first.startAgain()) {
                a.seesInItsDialog(IDLE);
                Request invite = pbx.request("INVITE", "sip:restart_line@127.0.0.1")
                        .header("From", CALLER + ";tag=pbx" + System.nanoTime())
                        .body("application/sdp", Sdp.of("pbx", 100, 100, 40000, "sendrecv"));
                pbx.send(invite);
                SipMessage rung = phone.awaitRequest("INVITE");
                a.seesInItsDialog(appearance(1, "alerting"));
                phone.reply(rung, 486, "Busy Here");
                assertEquals(486, pbx.awaitFinal(invite).status());
                assertEquals(IDLE, callInfo(phone.awaitRequest("NOTIFY")));
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aDatabaseThatGoesAwayIsCaughtUpWhenItIsBack() throws Exception {
        String db = "away";
        int trunk = Container.freePort();
        try (Container container = Container.start(RestartIT.config(trunk, "store.url = " + pg.createDatabase(db)),
                List.of(SharedContainer.war()));
             TestPhone a = new TestPhone(container.sip(), RestartIT.A);
             TestPhone b = new TestPhone(container.sip(), RestartIT.B)) {
            registeredAndSubscribed(a);
            awaitRows(db, 2, TestPhone.WAIT);
            pg.stop();
            try {
                registeredAndSubscribed(b); // served from memory meanwhile
            } finally {
                pg.startAgain();
            }
            awaitRows(db, 4, CATCH_UP);
            String console = container.awaitConsole(0, l -> l.contains("is writable again"));
            assertEquals(1, console.lines().filter(l -> l.contains("cannot be written")).count(), "one line, not one per write");
            assertEquals(1, console.lines().filter(l -> l.contains("is writable again")).count(), console);
        }
    }

    private static RestartIT.Subscribed registeredAndSubscribed(TestPhone phone) {
        assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", RestartIT.A.aor()).header("Expires", "300")).status());
        Request subscribe = CallInfoSubscriptionIT.subscribe(phone, RestartIT.A, 300);
        SipMessage ok = phone.callAuthenticated(subscribe);
        assertEquals(200, ok.status());
        RestartIT.Subscribed s = new RestartIT.Subscribed(phone, subscribe, ok);
        s.seesInItsDialog(IDLE);
        return s;
    }

    /** Waits until the store's table in {@code database} has {@code count} rows. */
    private static void awaitRows(String database, int count, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        int rows = -1;
        while (rows != count && System.nanoTime() < end) {
            try (Connection c = pg.connect(database); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM sca_state")) {
                r.next();
                rows = r.getInt(1);
            } catch (SQLException notYet) {
                rows = -1; // the table is created by the container's first write
            }
            if (rows != count) {
                Thread.sleep(20); // polling another process's writes: there is no message to wait for
            }
        }
        assertEquals(count, rows, "rows in PostgreSQL");
    }
}
