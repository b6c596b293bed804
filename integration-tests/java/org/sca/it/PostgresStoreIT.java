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
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sca.it.TestPhone.Request;

/**
 * The state store on PostgreSQL instead of the embedded file: {@code store.url} names a real
 * server (Debian's, started here on loopback with a throw-away data directory), and a phone's
 * registration and subscription survive a {@code kill -9} of the container through it.
 */
class PostgresStoreIT {

    @Test
    void aKilledContainerComesBackFromPostgres() throws Exception {
        Optional<Path> bin = PostgresServer.binaries();
        if (bin.isEmpty()) {
            System.out.println("PostgresStoreIT SKIPPED: PostgreSQL is not installed (integration-tests/tools/install-test-tools.sh)");
        }
        assumeTrue(bin.isPresent(), "PostgreSQL is not installed");
        int trunk = Container.freePort();
        try (PostgresServer pg = PostgresServer.start(bin.get())) {
            Container first = Container.start(RestartIT.config(trunk, "store.url = " + pg.jdbcUrl()),
                    List.of(SharedContainer.war()));
            try (TestPhone phone = new TestPhone(first.sip(), RestartIT.A);
                 TestPhone pbx = new TestPhone(first.sip(), "pbx", "pbx", "none", trunk)) {
                assertEquals(200, phone.callAuthenticated(phone.request("REGISTER", RestartIT.A.aor()).header("Expires", "300")).status());
                Request subscribe = CallInfoSubscriptionIT.subscribe(phone, RestartIT.A, 300);
                SipMessage ok = phone.callAuthenticated(subscribe);
                assertEquals(200, ok.status());
                RestartIT.Subscribed a = new RestartIT.Subscribed(phone, subscribe, ok);
                a.seesInItsDialog(IDLE);
                awaitRows(pg, 2);
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
    }

    /** The registration and the subscription are in PostgreSQL before the crash. */
    private static void awaitRows(PostgresServer pg, int count) throws Exception {
        long end = System.nanoTime() + TestPhone.WAIT.toNanos();
        int rows = -1;
        while (rows != count && System.nanoTime() < end) {
            try (Connection c = pg.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM sca_state")) {
                r.next();
                rows = r.getInt(1);
            } catch (java.sql.SQLException notYet) {
                rows = -1; // the table is created by the container's first write
            }
            if (rows != count) {
                Thread.sleep(20); // polling another process's writes: there is no message to wait for
            }
        }
        assertEquals(count, rows, "rows in PostgreSQL");
    }
}
