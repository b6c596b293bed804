package org.sca.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC side of the store: one table, {@code sca_state}, one row per {@link RowKey}. The
 * same SQL runs on SQLite (the embedded default) and PostgreSQL: {@code ON CONFLICT ... DO
 * UPDATE} is in both. Not thread-safe: the store's writer thread owns it after the load.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final String SQLITE = "jdbc:sqlite:";
    /**
     * Tomcat loads DriverManager before any web application, so its service lookup finds no
     * driver in WEB-INF/lib: the store makes the driver itself.
     */
    private static final List<String> DRIVERS = List.of("org.sqlite.JDBC", "org.postgresql.Driver");

    private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS sca_state ("
            + "line VARCHAR(200) NOT NULL, kind VARCHAR(20) NOT NULL, id VARCHAR(2000) NOT NULL, "
            + "data TEXT NOT NULL, expires_at BIGINT NOT NULL, PRIMARY KEY (line, kind, id))";
    private static final String UPSERT = "INSERT INTO sca_state (line, kind, id, data, expires_at) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT (line, kind, id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at";
    private static final String DELETE = "DELETE FROM sca_state WHERE line = ? AND kind = ? AND id = ?";
    private static final String DELETE_KIND = "DELETE FROM sca_state WHERE line = ? AND kind = ?";

    private final String url;
    private Connection connection;

    Database(String url) {
        this.url = url;
    }

    /** A change to apply: a row written or deleted, or every row of one kind on a line replaced. */
    sealed interface Change {
        record Put(Row row) implements Change {}

        record Delete(RowKey key) implements Change {}

        record ReplaceKind(String line, Kind kind, List<Row> rows) implements Change {}
    }

    /**
     * Every row still live at {@code now}; lapsed ones are deleted. An embedded file that cannot
     * be read as a database is moved aside (one log line) and the load starts from an empty one.
     */
    List<Row> load(Instant now) throws SQLException {
        try {
            return loadLive(now);
        } catch (SQLException unreadable) {
            Path file = sqliteFile();
            if (file == null || !Files.exists(file)) {
                throw unreadable;
            }
            close();
            Path aside = moveAside(file, now);
            LOG.severe(() -> "state store " + file + " is unreadable (" + unreadable.getMessage() + "): moved to "
                    + aside + ", starting with no stored state");
            return loadLive(now);
        }
    }

    void apply(Collection<Change> changes) throws SQLException {
        Connection c = connection();
        c.setAutoCommit(false);
        try (PreparedStatement upsert = c.prepareStatement(UPSERT);
             PreparedStatement delete = c.prepareStatement(DELETE);
             PreparedStatement deleteKind = c.prepareStatement(DELETE_KIND)) {
            for (Change change : changes) {
                if (change instanceof Change.Put put) {
                    put(upsert, put.row());
                } else if (change instanceof Change.Delete d) {
                    delete.setString(1, d.key().line());
                    delete.setString(2, d.key().kind().name());
                    delete.setString(3, d.key().id());
                    delete.executeUpdate();
                } else if (change instanceof Change.ReplaceKind r) {
                    deleteKind.setString(1, r.line());
                    deleteKind.setString(2, r.kind().name());
                    deleteKind.executeUpdate();
                    for (Row row : r.rows()) {
                        put(upsert, row);
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            close();
            throw e;
        }
    }

    /** Undeploy or reload: the drivers registered themselves as they loaded; they go, so this class loader can. */
    static void deregisterDrivers() {
        ClassLoader own = Database.class.getClassLoader();
        for (Driver d : Collections.list(DriverManager.getDrivers())) {
            if (d.getClass().getClassLoader() == own) {
                try {
                    DriverManager.deregisterDriver(d);
                } catch (SQLException ignored) {
                    // already gone
                }
            }
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing left to save
            }
            connection = null;
        }
    }

    private List<Row> loadLive(Instant now) throws SQLException {
        Connection c = connection();
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM sca_state WHERE expires_at <= " + now.toEpochMilli());
            try (ResultSet r = s.executeQuery("SELECT line, kind, id, data, expires_at FROM sca_state")) {
                while (r.next()) {
                    rows.add(new Row(new RowKey(r.getString(1), Kind.valueOf(r.getString(2)), r.getString(3)),
                            r.getString(4), Instant.ofEpochMilli(r.getLong(5))));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            close();
            throw e instanceof SQLException sql ? sql : new SQLException("unknown row kind: " + e.getMessage(), e);
        }
        return rows;
    }

    private static void put(PreparedStatement upsert, Row row) throws SQLException {
        upsert.setString(1, row.key().line());
        upsert.setString(2, row.key().kind().name());
        upsert.setString(3, row.key().id());
        upsert.setString(4, row.data());
        upsert.setLong(5, row.expiresAt().toEpochMilli());
        upsert.executeUpdate();
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Path file = sqliteFile();
            if (file != null && file.getParent() != null) {
                try {
                    Files.createDirectories(file.getParent());
                } catch (IOException e) {
                    throw new SQLException("cannot create " + file.getParent() + ": " + e, e);
                }
            }
            Connection c = connect(url);
            try (Statement s = c.createStatement()) {
                if (file != null) {
                    // WAL: a commit survives kill -9 and never leaves a half-written file; NORMAL
                    // syncs at checkpoints only, so a write costs no fsync on the SIP path.
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL");
                    s.execute("PRAGMA busy_timeout=5000");
                }
                s.execute(SCHEMA);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    private static Connection connect(String url) throws SQLException {
        for (String name : DRIVERS) {
            Driver driver;
            try {
                driver = (Driver) Class.forName(name).getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new SQLException("JDBC driver " + name + " missing from the application", e);
            }
            if (driver.acceptsURL(url)) {
                return driver.connect(url, new Properties());
            }
        }
        throw new SQLException("no JDBC driver in the application takes " + url.replaceFirst("\\?.*", "")
                + " (SQLite and PostgreSQL do)");
    }

    /** The file of an embedded SQLite URL, or null for a server database. */
    private Path sqliteFile() {
        if (!url.startsWith(SQLITE)) {
            return null;
        }
        String path = url.substring(SQLITE.length());
        int query = path.indexOf('?');
        return Path.of(query < 0 ? path : path.substring(0, query));
    }

    private static Path moveAside(Path file, Instant now) throws SQLException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + now.toEpochMilli());
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            for (String suffix : List.of("-wal", "-shm")) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
        } catch (IOException e) {
            throw new SQLException("cannot move the unreadable " + file + " aside: " + e, e);
        }
        return aside;
    }
}
