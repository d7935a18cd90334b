package dev.llmrouter.camel.cost.budget;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

import dev.llmrouter.camel.cost.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link JdbcLedger} on a real PostgreSQL, two ledgers on two separate DataSources: the server {@link TestPostgres}
 * gives (a configured one, else an embedded one), never skipped.
 */
public class PostgresLedgerTest extends LedgerContract {

    private String table;
    private JdbcLedger first;
    private JdbcLedger second;

    /** A DataSource on the PostgreSQL of {@link TestPostgres}: a configured server, else an embedded one. */
    public static DataSource postgres() {
        return TestPostgres.dataSource();
    }

    public static void drop(DataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("DROP TABLE IF EXISTS " + table + "_settled");
        }
    }

    @BeforeEach
    void setUp() {
        table = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        first = new JdbcLedger(postgres(), table).start();
        second = new JdbcLedger(postgres(), table).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (first != null) {
            drop(postgres(), table + "_reservation");
            drop(postgres(), table);
        }
    }

    @Override
    BudgetLedger ledger() {
        return first;
    }

    @Override
    BudgetLedger otherLedger() {
        return second;
    }

    @Override
    BudgetLedger leased(Clock clock, Duration lease) {
        return new JdbcLedger(postgres(), table, lease, null, clock).start();
    }

    @Override
    int rounds() {
        return 5;
    }
}
