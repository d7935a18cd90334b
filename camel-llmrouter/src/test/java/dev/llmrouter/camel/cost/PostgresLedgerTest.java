package dev.llmrouter.camel.cost;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@link JdbcLedger} on a real PostgreSQL, two ledgers on two separate DataSources. Needs
 * {@code LLMROUTER_PG_URL}, {@code LLMROUTER_PG_USER}, {@code LLMROUTER_PG_PASSWORD} (env or system properties
 * {@code llmrouter.pg.url/user/password}; {@code .ci/postgres.sh} prints them); skipped without them unless
 * {@code LLMROUTER_REQUIRE_PG=1}.
 */
class PostgresLedgerTest extends LedgerContract {

    private String table;
    private JdbcLedger first;
    private JdbcLedger second;

    /** A DataSource for the configured server, or a skipped/failed test when none is configured. */
    static DataSource postgres() {
        String url = setting("llmrouter.pg.url", "LLMROUTER_PG_URL");
        boolean required = "1".equals(System.getenv("LLMROUTER_REQUIRE_PG"))
                || "1".equals(System.getProperty("llmrouter.require.pg"));
        if (url == null || url.isBlank()) {
            if (required) {
                throw new IllegalStateException("LLMROUTER_REQUIRE_PG=1 but LLMROUTER_PG_URL is not set;"
                        + " run .ci/postgres.sh and source its output");
            }
            org.junit.jupiter.api.Assumptions.abort("LLMROUTER_PG_URL not set: PostgreSQL tests skipped");
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(setting("llmrouter.pg.user", "LLMROUTER_PG_USER"));
        ds.setPassword(setting("llmrouter.pg.password", "LLMROUTER_PG_PASSWORD"));
        return ds;
    }

    private static String setting(String property, String env) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(env);
    }

    static void drop(DataSource ds, String table) throws Exception {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
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
    int rounds() {
        return 5;
    }
}
