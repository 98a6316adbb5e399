package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpointer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;

/** The contract for {@link JdbcCheckpointer} on one database; each test gets its own table. */
abstract class JdbcCheckpointerContract extends CheckpointerContract {

    protected String table;
    private final List<String> tables = new ArrayList<>();

    /** Connections to the database under test. */
    protected abstract DataSource dataSource();

    protected String newTableName() {
        String name = "cp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        tables.add(name);
        return name;
    }

    @Override
    protected Checkpointer newStore() {
        table = newTableName();
        return new JdbcCheckpointer(dataSource(), table);
    }

    @Override
    protected Checkpointer secondHandle() {
        return new JdbcCheckpointer(dataSource(), table);
    }

    /** Rows are checked when read: a version below 1 cannot come from a save. */
    @Override
    protected void corrupt(String runId) throws Exception {
        execute("UPDATE " + table + " SET version = 0 WHERE run_id = ?", runId);
    }

    /** A table left by another (newer) layout: the store must refuse it rather than guess. */
    @Override
    protected Checkpointer storeWithNewerLayout(String runId) throws Exception {
        String other = newTableName();
        execute("CREATE TABLE " + other + " (run_id VARCHAR(128) PRIMARY KEY, revision BIGINT, body TEXT)");
        execute("INSERT INTO " + other + " (run_id, revision, body) VALUES (?, 1, 'x')", runId);
        return new JdbcCheckpointer(dataSource(), other);
    }

    @Override
    protected void writeOlderLayout(String runId, String stage, String stateJson, long updatedAt) {
        Assumptions.abort("the JDBC table has a single layout so far: there is nothing older to migrate");
    }

    @AfterEach
    void dropTables() throws Exception {
        for (String t : tables) {
            execute("DROP TABLE IF EXISTS " + t);
        }
    }

    protected void execute(String sql, Object... args) throws Exception {
        try (Connection c = dataSource().getConnection()) {
            if (args.length == 0) {
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.execute();
            }
        }
    }
}
