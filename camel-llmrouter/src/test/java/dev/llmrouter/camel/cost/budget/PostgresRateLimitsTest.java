package dev.llmrouter.camel.cost.budget;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link JdbcRateLimits} on the PostgreSQL of {@link TestPostgres}, through two ledgers on two DataSources. */
class PostgresRateLimitsTest extends RateLimitsContract {

    private String table;
    private JdbcLedger first;
    private JdbcLedger second;

    @BeforeEach
    void setUp() {
        table = "rate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        first = new JdbcLedger(PostgresLedgerTest.postgres(), table).start();
        second = new JdbcLedger(PostgresLedgerTest.postgres(), table).start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (first != null) {
            PostgresLedgerTest.drop(PostgresLedgerTest.postgres(), table);
            PostgresLedgerTest.drop(PostgresLedgerTest.postgres(), table + "_rate");
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
}
