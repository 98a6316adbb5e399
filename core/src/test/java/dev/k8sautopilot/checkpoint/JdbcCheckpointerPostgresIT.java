package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.k8sautopilot.spi.Checkpoint;
import dev.k8sautopilot.spi.CheckpointConflictException;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The contract against a real PostgreSQL server: {@code K8S_AUTOPILOT_TEST_JDBC_URL}, by default the
 * local test database that {@code .ci/postgres.sh} sets up. Fails when no server answers, unless
 * {@code -Dk8sautopilot.skipPostgres=true}.
 */
@DisplayName("JdbcCheckpointer on PostgreSQL")
class JdbcCheckpointerPostgresIT extends JdbcCheckpointerContract {

    static final String URL = System.getenv().getOrDefault("K8S_AUTOPILOT_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/autopilot_test?user=autopilot&password=autopilot");
    private static final PGSimpleDataSource POSTGRES = new PGSimpleDataSource();

    static {
        POSTGRES.setURL(URL);
        POSTGRES.setConnectTimeout(5);
        POSTGRES.setLoginTimeout(5);
    }

    /** Pooled, as a host application would run it; the provider tests below use the DriverManager. */
    private static HikariDataSource pooled;

    @BeforeAll
    static void serverReachable() {
        try (Connection c = POSTGRES.getConnection()) {
            assertThat(c.isValid(5)).isTrue();
            HikariConfig config = new HikariConfig();
            config.setDataSource(POSTGRES);
            config.setMaximumPoolSize(20);
            config.setPoolName("checkpointer-it");
            pooled = new HikariDataSource(config);
        } catch (Exception e) {
            String why = "PostgreSQL for the JDBC checkpointer tests is not reachable at " + JdbcUrls.redact(URL) + " ("
                    + JdbcUrls.scrub(e.getMessage(), JdbcUrls.secretsIn(URL)) + ")";
            if (Boolean.getBoolean("k8sautopilot.skipPostgres")) {
                Assumptions.abort(why + "; skipped because -Dk8sautopilot.skipPostgres=true");
            }
            fail(why + " (fix: run .ci/postgres.sh to install and start it, set K8S_AUTOPILOT_TEST_JDBC_URL to another"
                    + " server, or skip with -Dk8sautopilot.skipPostgres=true)");
        }
    }

    @AfterAll
    static void closePool() {
        if (pooled != null) {
            pooled.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return pooled;
    }

    @Nested
    @DisplayName("PostgreSQL specifics")
    class Specifics {

        @Test
        @DisplayName("jdbc: URIs open through the provider on the default table; describe() hides the password")
        void provider() {
            String runId = "it-" + UUID.randomUUID();
            try (Checkpointer viaUri = Checkpointers.open(URL)) {
                assertThat(viaUri).isInstanceOf(JdbcCheckpointer.class);
                assertThat(((JdbcCheckpointer) viaUri).table()).isEqualTo(JdbcCheckpointer.DEFAULT_TABLE);
                assertThat(viaUri.describe()).startsWith("jdbc:postgresql://").contains("password=***")
                        .doesNotContain("password=autopilot").endsWith("(table k8s_autopilot_runs)");
                viaUri.save(new Checkpoint(runId, 1, "A", 1, "{\"via\":\"uri\"}", 1));
                assertThat(viaUri.load(runId).orElseThrow().state()).isEqualTo("{\"via\":\"uri\"}");
                assertThat(viaUri.delete(runId)).isTrue();
            }
        }

        @Test
        @DisplayName("user and password can come from K8S_AUTOPILOT_JDBC_USER / _PASSWORD")
        void environmentCredentials() {
            String bare = URL.replaceAll("[?&](user|password)=[^&]*", "");
            Map<String, String> env = new LinkedHashMap<>();
            env.put(JdbcCheckpointerProvider.USER_ENV, "autopilot");
            env.put(JdbcCheckpointerProvider.PASSWORD_ENV, passwordOf(URL));
            Checkpointer viaEnv = new JdbcCheckpointerProvider(env::get).open(bare);
            String runId = "env-" + UUID.randomUUID();
            viaEnv.save(new Checkpoint(runId, 1, "A", 1, "{}", 1));
            assertThat(viaEnv.delete(runId)).isTrue();
            assertThat(viaEnv.describe()).doesNotContain(passwordOf(URL) + "@").doesNotContain("password=");
        }

        @Test
        @DisplayName("a wrong password fails clearly and never shows up in the message or the causes")
        void wrongPasswordIsNotLeaked() {
            String secret = "Wr0ng-s3kret-4711";
            String bad = URL.replaceAll("password=[^&]*", "password=" + secret);
            Checkpointer store = Checkpointers.open(bad);

            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> store.load("any"));

            assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot load run any")
                    .hasMessageContaining("fix:");
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("password=***").doesNotContain(secret);
            assertThat(store.describe()).doesNotContain(secret);
        }

        @Test
        @DisplayName("eight stores racing to create the same new table all succeed")
        void concurrentTableCreation() throws Exception {
            String fresh = newTableName();
            CyclicBarrier start = new CyclicBarrier(8);
            runAll(8, i -> {
                Checkpointer mine = new JdbcCheckpointer(POSTGRES, fresh);
                start.await();
                mine.save(new Checkpoint("run-" + i, 1, "A", 1, "{}", i));
            });
            assertThat(new JdbcCheckpointer(POSTGRES, fresh).list()).hasSize(8);
        }

        @Test
        @DisplayName("the table is created with the documented columns")
        void tableLayout() throws Exception {
            store.save(new Checkpoint("r", 1, "A", 1, "{}", 1));
            Map<String, String> columns = new LinkedHashMap<>();
            try (Connection c = POSTGRES.getConnection();
                 ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
                while (rs.next()) {
                    columns.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                }
            }
            assertThat(columns).containsExactly(Map.entry("run_id", "varchar"), Map.entry("version", "int8"),
                    Map.entry("stage", "varchar"), Map.entry("schema_version", "int4"), Map.entry("state", "text"),
                    Map.entry("updated_at", "int8"));
        }

        @Test
        @DisplayName("a conflict leaves the stored row untouched; a too long stage is refused before SQL")
        void conflictsAndLimits() {
            Checkpoint v1 = new Checkpoint("r", 1, "A", 1, "{\"a\":1}", 1);
            store.save(v1);
            store.save(v1.next("B", "{\"b\":2}", 2));
            assertThatThrownBy(() -> store.save(v1.next("C", "{}", 3))).isInstanceOf(CheckpointConflictException.class);
            assertThat(store.load("r").orElseThrow().stage()).isEqualTo("B");
            assertThatThrownBy(() -> store.save(new Checkpoint("long", 1, "S".repeat(256), 1, "{}", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255");
        }
    }

    private static String passwordOf(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("password=([^&]*)").matcher(url);
        return m.find() ? m.group(1) : "";
    }
}
