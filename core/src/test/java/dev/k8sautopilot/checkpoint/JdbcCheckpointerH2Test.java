package dev.k8sautopilot.checkpoint;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;

/** The contract on an in-memory H2 database: shows the SQL is not PostgreSQL-only. */
@DisplayName("JdbcCheckpointer on H2")
class JdbcCheckpointerH2Test extends JdbcCheckpointerContract {

    private static final JdbcDataSource H2 = new JdbcDataSource();

    static {
        H2.setURL("jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    protected DataSource dataSource() {
        return H2;
    }
}
