package dev.k8sautopilot.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JDBC credential redaction")
class JdbcUrlsTest {

    @Test
    @DisplayName("passwords in query strings, property lists and user info are masked; the rest stays")
    void redact() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app?user=me&password=s3cr%40t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=me&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/app?password=x&sslpassword=y"))
                .isEqualTo("jdbc:postgresql://db/app?password=***&sslpassword=***");
        assertThat(JdbcUrls.redact("jdbc:sqlserver://db:1433;databaseName=app;user=me;Password=p;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;user=me;Password=***;encrypt=true");
        assertThat(JdbcUrls.redact("jdbc:mysql://me:pa55@db:3306/app")).isEqualTo("jdbc:mysql://me:***@db:3306/app");
        assertThat(JdbcUrls.redact("jdbc:oracle:thin:scott/tiger@db:1521/orcl")).isEqualTo("jdbc:oracle:thin:scott/***@db:1521/orcl");
        assertThat(JdbcUrls.redact("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1")).isEqualTo("jdbc:h2:mem:x;DB_CLOSE_DELAY=-1");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app")).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    @DisplayName("secrets are found as written and decoded, and scrubbed from any text")
    void scrub() {
        List<String> secrets = JdbcUrls.secretsIn("jdbc:postgresql://db/app?user=me&password=s3cr%40t");
        assertThat(secrets).contains("s3cr%40t", "s3cr@t");
        assertThat(JdbcUrls.scrub("login failed for s3cr@t on jdbc:postgresql://db/app?password=s3cr%40t", secrets))
                .isEqualTo("login failed for *** on jdbc:postgresql://db/app?password=***");
        assertThat(JdbcUrls.scrub(null, secrets)).isEmpty();
    }

    @Test
    @DisplayName("a URL no driver accepts fails with the fix and without the password")
    void noDriver() {
        assertThatThrownBy(() -> Checkpointers.open("jdbc:nosuchdb://db/app?password=hunter22"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no JDBC driver").hasMessageContaining("org.postgresql:postgresql")
                .hasMessageNotContaining("hunter22");
    }

    @Test
    @DisplayName("table names must be plain identifiers")
    void tableNames() {
        assertThatThrownBy(() -> new JdbcCheckpointer(() -> null, "runs; DROP TABLE x", "jdbc:x", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table name");
        assertThat(new JdbcCheckpointer(() -> null, "autopilot.runs_2", "jdbc:x", List.of()).table())
                .isEqualTo("autopilot.runs_2");
    }
}
