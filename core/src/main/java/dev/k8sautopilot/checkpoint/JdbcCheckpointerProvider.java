package dev.k8sautopilot.checkpoint;

import dev.k8sautopilot.spi.Checkpointer;
import dev.k8sautopilot.spi.CheckpointerProvider;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * {@code jdbc:...}: a {@link JdbcCheckpointer} on the database the whole JDBC URL names, through
 * {@link DriverManager}, in table {@value JdbcCheckpointer#DEFAULT_TABLE}. User and password come from
 * the URL (e.g. {@code ?user=app&password=...} for PostgreSQL) or from the environment variables
 * {@code K8S_AUTOPILOT_JDBC_USER} and {@code K8S_AUTOPILOT_JDBC_PASSWORD}; what the URL says wins for
 * drivers that let URL parameters override connection properties (PostgreSQL does).
 *
 * <p>The JDBC driver is not a dependency of k8s-autopilot: add it to the application, e.g.
 * {@code org.postgresql:postgresql}.
 */
public final class JdbcCheckpointerProvider implements CheckpointerProvider {

    /** Environment variable with the database user. */
    public static final String USER_ENV = "K8S_AUTOPILOT_JDBC_USER";
    /** Environment variable with the database password. */
    public static final String PASSWORD_ENV = "K8S_AUTOPILOT_JDBC_PASSWORD";

    private final UnaryOperator<String> environment;

    /** The provider ServiceLoader creates; reads the process environment. */
    public JdbcCheckpointerProvider() {
        this(System::getenv);
    }

    JdbcCheckpointerProvider(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    public String scheme() {
        return "jdbc";
    }

    @Override
    public Checkpointer open(String uri) {
        String url = uri.strip();
        List<String> secrets = new ArrayList<>(JdbcUrls.secretsIn(url));
        Properties properties = new Properties();
        String user = environment.apply(USER_ENV);
        String password = environment.apply(PASSWORD_ENV);
        if (user != null && !user.isBlank()) {
            properties.setProperty("user", user.strip());
        }
        if (password != null && !password.isEmpty()) {
            properties.setProperty("password", password);
            secrets.add(password);
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            throw new IllegalArgumentException("no JDBC driver on the classpath accepts " + JdbcUrls.scrub(url, secrets)
                    + " (fix: add the database's JDBC driver to the application, e.g. org.postgresql:postgresql,"
                    + " or check the URL's spelling)");
        }
        return new JdbcCheckpointer(() -> DriverManager.getConnection(url, properties), JdbcCheckpointer.DEFAULT_TABLE,
                url, secrets);
    }
}
