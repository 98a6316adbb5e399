package dev.k8sautopilot.a2a;

import dev.k8sautopilot.checkpoint.Checkpointers;
import dev.k8sautopilot.checkpoint.JdbcCheckpointer;
import dev.k8sautopilot.checkpoint.JdbcCheckpointerProvider;
import dev.k8sautopilot.spi.Checkpointer;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where the server keeps its state, both opened from one checkpointer URI: the pipeline's runs, and the A2A
 * tasks beside them.
 *
 * <ul>
 *   <li>{@code file:DIR}: runs in {@code DIR} (the command line's {@code runs} and {@code resume} see them),
 *       tasks in {@code DIR/a2a-tasks};</li>
 *   <li>{@code jdbc:URL}: runs in table {@value JdbcCheckpointer#DEFAULT_TABLE}, tasks in table
 *       {@value #TASK_TABLE} of the same database, so several server instances can share both;</li>
 *   <li>{@code memory:}: both in memory (lost on exit; for tests).</li>
 * </ul>
 *
 * @param runs  the pipeline's checkpointer
 * @param tasks the A2A task store
 */
record Stores(Checkpointer runs, CheckpointTaskStore tasks) implements AutoCloseable {

    /** The table holding A2A tasks in a {@code jdbc:} store. */
    static final String TASK_TABLE = "k8s_autopilot_a2a_tasks";

    /** Sub-directory holding A2A tasks in a {@code file:} store. */
    static final String TASK_DIRECTORY = "a2a-tasks";

    /**
     * Opens both stores.
     *
     * @throws IllegalArgumentException when the URI is unusable (the message says why and how to fix it)
     */
    static Stores open(String uri) {
        String u = uri == null ? "" : uri.strip();
        int colon = u.indexOf(':');
        String scheme = colon > 0 ? u.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        Checkpointer runs = Checkpointers.open(u);
        try {
            Checkpointer tasks = switch (scheme) {
                case "memory" -> Checkpointers.open("memory:");
                case "file" -> Checkpointers.open(u.replaceAll("/+$", "") + "/" + TASK_DIRECTORY);
                case "jdbc" -> new JdbcCheckpointer(new UrlDataSource(u), TASK_TABLE);
                default -> throw new IllegalArgumentException("--checkpointer: the A2A server keeps tasks only in file:, jdbc: or"
                        + " memory: stores, not " + scheme + ": (fix: use file:DIR or jdbc:URL)");
            };
            return new Stores(runs, new CheckpointTaskStore(tasks));
        } catch (RuntimeException e) {
            runs.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            tasks.close();
        } finally {
            runs.close();
        }
    }

    /**
     * Connections from {@link DriverManager} for a JDBC URL, with user and password from the same environment
     * variables as the {@code jdbc:} checkpointer provider (what the URL says wins).
     */
    private static final class UrlDataSource implements DataSource {
        private final String url;
        private final Properties properties = new Properties();

        UrlDataSource(String url) {
            this.url = url;
            String user = System.getenv(JdbcCheckpointerProvider.USER_ENV);
            String password = System.getenv(JdbcCheckpointerProvider.PASSWORD_ENV);
            if (user != null && !user.isBlank()) {
                properties.setProperty("user", user.strip());
            }
            if (password != null && !password.isEmpty()) {
                properties.setProperty("password", password);
            }
        }

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, properties);
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            Properties p = new Properties();
            p.putAll(properties);
            p.setProperty("user", username);
            p.setProperty("password", password);
            return DriverManager.getConnection(url, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return DriverManager.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // DriverManager's log writer is global; leave it alone.
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // DriverManager's login timeout is global; leave it alone.
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException("no parent logger");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (type.isInstance(this)) {
                return type.cast(this);
            }
            throw new SQLException("not a wrapper of " + type.getName());
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return type.isInstance(this);
        }

        @Override
        public String toString() {
            return "DriverManager data source";
        }
    }
}
