package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps runs in a relational database table through JDBC: PostgreSQL first of all, and any database
 * whose driver accepts plain SQL ({@code CREATE TABLE IF NOT EXISTS}, {@code INSERT}, {@code UPDATE},
 * {@code VARCHAR}, {@code BIGINT}, {@code INTEGER}, {@code TEXT}).
 *
 * <pre>{@code
 * // from a URI (the driver must be on the classpath, e.g. org.postgresql:postgresql):
 * Checkpointer store = Checkpointers.open("jdbc:postgresql://db:5432/autopilot?user=app");
 * // inside a host application that has a (pooled) DataSource:
 * Checkpointer store = new JdbcCheckpointer(dataSource);
 * }</pre>
 *
 * <p>The table ({@value #DEFAULT_TABLE} unless named) is created on first use:
 *
 * <pre>{@code
 * CREATE TABLE IF NOT EXISTS k8s_autopilot_runs (
 *     run_id         VARCHAR(128) NOT NULL PRIMARY KEY,
 *     version        BIGINT       NOT NULL,
 *     stage          VARCHAR(255) NOT NULL,
 *     schema_version INTEGER      NOT NULL,
 *     state          TEXT         NOT NULL,
 *     updated_at     BIGINT       NOT NULL)
 * }</pre>
 *
 * <p>Concurrency is optimistic and left to the database: version 1 is an {@code INSERT} (the primary
 * key rejects a second one), version n an {@code UPDATE ... WHERE run_id = ? AND version = n-1}; when
 * no row changed, the save lost and {@link CheckpointConflictException} names the version found. So
 * two workers, in any number of processes, cannot both resume one run.
 *
 * <p>Each operation takes a connection and gives it back (auto-commit); bring a pooling
 * {@link DataSource} for heavy use. Credentials never appear in {@link #describe()}, logs or
 * exception messages. Thread-safe.
 */
public final class JdbcCheckpointer implements Checkpointer {

    /** The table used unless another is named. */
    public static final String DEFAULT_TABLE = "k8s_autopilot_runs";

    /** The longest stage name the table holds. */
    static final int MAX_STAGE_LENGTH = 255;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCheckpointer.class);
    private static final Pattern TABLE_NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final String COLUMNS = "run_id, version, stage, schema_version, state, updated_at";

    /** Opens connections; a {@link DataSource} or the {@link java.sql.DriverManager}. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final String table;
    private final String description;
    private final List<String> secrets;
    private final Object tableLock = new Object();
    private volatile boolean tableReady;

    /**
     * A store in table {@value #DEFAULT_TABLE} of {@code dataSource}.
     *
     * @param dataSource where connections come from; pooling is up to it
     */
    public JdbcCheckpointer(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE);
    }

    /**
     * A store in {@code table} of {@code dataSource}.
     *
     * @param dataSource where connections come from; pooling is up to it
     * @param table      table name, optionally with a schema ({@code autopilot.runs}); letters, digits, {@code _}
     * @throws IllegalArgumentException when the table name is not a plain SQL identifier
     */
    public JdbcCheckpointer(DataSource dataSource, String table) {
        this(Objects.requireNonNull(dataSource, "dataSource")::getConnection, table,
                "jdbc:" + dataSource.getClass().getName(), List.of());
    }

    JdbcCheckpointer(ConnectionSource connections, String table, String description, List<String> secrets) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name '" + table
                    + "' is invalid (fix: letters, digits and '_', optionally schema.table, e.g. " + DEFAULT_TABLE + ")");
        }
        this.connections = connections;
        this.table = table;
        this.secrets = List.copyOf(secrets);
        this.description = JdbcUrls.scrub(description, this.secrets) + " (table " + table + ")";
        LOG.debug("Opened checkpointer {}", this.description);
    }

    /** The table holding the runs. */
    public String table() {
        return table;
    }

    @Override
    public void save(Checkpoint checkpoint) {
        String runId = RunIds.check(checkpoint.runId());
        if (checkpoint.stage().length() > MAX_STAGE_LENGTH) {
            throw new IllegalArgumentException("stage of run " + runId + " is longer than " + MAX_STAGE_LENGTH
                    + " characters (fix: use a short stage name)");
        }
        try (Connection c = connect()) {
            if (checkpoint.version() == 1) {
                insert(c, checkpoint);
            } else {
                update(c, checkpoint);
            }
        } catch (SQLException e) {
            throw failure("cannot save run " + runId, e);
        }
    }

    private void insert(Connection c, Checkpoint cp) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, cp.runId());
            insert.setLong(2, cp.version());
            insert.setString(3, cp.stage());
            insert.setInt(4, cp.schemaVersion());
            insert.setString(5, cp.state());
            insert.setLong(6, cp.updatedAt());
            insert.executeUpdate();
        } catch (SQLException e) {
            // A duplicate key says "the run exists"; any other integrity error is a real failure.
            if (isIntegrityViolation(e)) {
                OptionalLong stored = storedVersion(c, cp.runId());
                if (stored.isPresent()) {
                    throw new CheckpointConflictException(cp.runId(), 0, stored.getAsLong());
                }
            }
            throw e;
        }
    }

    private void update(Connection c, Checkpoint cp) throws SQLException {
        int changed;
        try (PreparedStatement update = c.prepareStatement("UPDATE " + table
                + " SET version = ?, stage = ?, schema_version = ?, state = ?, updated_at = ? WHERE run_id = ? AND version = ?")) {
            update.setLong(1, cp.version());
            update.setString(2, cp.stage());
            update.setInt(3, cp.schemaVersion());
            update.setString(4, cp.state());
            update.setLong(5, cp.updatedAt());
            update.setString(6, cp.runId());
            update.setLong(7, cp.version() - 1);
            changed = update.executeUpdate();
        }
        if (changed == 0) {
            throw new CheckpointConflictException(cp.runId(), cp.version() - 1, storedVersion(c, cp.runId()).orElse(0));
        }
    }

    private OptionalLong storedVersion(Connection c, String runId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT version FROM " + table + " WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    public Optional<Checkpoint> load(String runId) {
        RunIds.check(runId);
        try (Connection c = connect();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot load run " + runId, e);
        }
    }

    @Override
    public List<Checkpoint> list() {
        List<Checkpoint> runs = new ArrayList<>();
        try (Connection c = connect();
             PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                     + " ORDER BY updated_at DESC, run_id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                try {
                    runs.add(row(rs));
                } catch (IllegalStateException e) {
                    LOG.warn("Skipping a checkpoint that cannot be read: {}", e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw failure("cannot list runs", e);
        }
        return List.copyOf(runs);
    }

    @Override
    public boolean delete(String runId) {
        RunIds.check(runId);
        try (Connection c = connect();
             PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE run_id = ?")) {
            delete.setString(1, runId);
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure("cannot delete run " + runId, e);
        }
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }

    private Checkpoint row(ResultSet rs) throws SQLException {
        String runId = rs.getString(1);
        try {
            return new Checkpoint(runId, rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getLong(6));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("run '" + runId + "' in table " + table + " of " + descriptionWithoutTable()
                    + " is corrupt: " + e.getMessage() + " (fix: delete the row to discard that run: DELETE FROM "
                    + table + " WHERE run_id = '" + String.valueOf(runId).replace("'", "''") + "')");
        }
    }

    private String descriptionWithoutTable() {
        return description.substring(0, description.length() - (" (table " + table + ")").length());
    }

    // ---------------------------------------------------------------- connections and the table

    private Connection connect() throws SQLException {
        Connection c = connections.open();
        try {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            ensureTable(c);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void ensureTable(Connection c) throws SQLException {
        if (tableReady) {
            return;
        }
        synchronized (tableLock) {
            if (tableReady) {
                return;
            }
            SQLException createFailure = null;
            try (Statement create = c.createStatement()) {
                create.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                        + "run_id VARCHAR(128) NOT NULL PRIMARY KEY, "
                        + "version BIGINT NOT NULL, "
                        + "stage VARCHAR(" + MAX_STAGE_LENGTH + ") NOT NULL, "
                        + "schema_version INTEGER NOT NULL, "
                        + "state TEXT NOT NULL, "
                        + "updated_at BIGINT NOT NULL)");
            } catch (SQLException e) {
                // Another process may have created it at the same moment (PostgreSQL then reports a
                // duplicate type); the layout check below tells whether the table is usable.
                createFailure = e;
            }
            try (Statement probe = c.createStatement()) {
                probe.executeQuery("SELECT " + COLUMNS + " FROM " + table + " WHERE 1 = 0").close();
                tableReady = true;
            } catch (SQLException e) {
                String why = createFailure == null ? "" : "creating it failed: "
                        + JdbcUrls.scrub(createFailure.getMessage(), secrets) + "; ";
                throw new IllegalStateException("table " + table + " of " + descriptionWithoutTable()
                        + " cannot be created or does not have the layout this version needs (columns " + COLUMNS
                        + "): " + why + "reading it failed: " + JdbcUrls.scrub(e.getMessage(), secrets)
                        + " (fix: grant CREATE on the schema, or drop or rename that table, or use another table name)",
                        sanitized(e));
            }
        }
    }

    // ---------------------------------------------------------------- errors

    private static boolean isIntegrityViolation(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || e.getSQLState() != null && e.getSQLState().startsWith("23")
                // SQLite reports constraint errors without a standard SQLState.
                || String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT).contains("CONSTRAINT");
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(what + " in " + description + ": " + JdbcUrls.scrub(e.getMessage(), secrets)
                + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]")
                + " (fix: check that the database is reachable and the URL, user and password are right)", sanitized(e));
    }

    /** A copy of {@code e} without anything that could echo a password: message scrubbed, no causes. */
    private SQLException sanitized(SQLException e) {
        SQLException copy = new SQLException(e.getClass().getName() + ": " + JdbcUrls.scrub(e.getMessage(), secrets),
                e.getSQLState(), e.getErrorCode());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
