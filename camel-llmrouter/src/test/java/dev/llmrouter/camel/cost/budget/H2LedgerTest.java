package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JdbcLedger} on embedded H2, two ledgers on two separate DataSources of one in-memory database. */
public class H2LedgerTest extends LedgerContract {

    private JdbcLedger first;
    private JdbcLedger second;
    private String db;

    public static DataSource h2(String db) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + db + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    @BeforeEach
    void setUp() {
        db = "ledger_" + UUID.randomUUID().toString().replace("-", "");
        first = new JdbcLedger(h2(db), "budget_ledger").start();
        second = new JdbcLedger(h2(db), "budget_ledger").start();
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
        return new JdbcLedger(h2(db), "budget_ledger", lease, null, clock).start();
    }

    @Override
    int rounds() {
        return 10;
    }

    @Test
    void tableNameIsValidated() {
        DataSource ds = h2("names");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JdbcLedger(ds, "ledger; DROP TABLE x"));
        assertTrue(e.getMessage().contains("[A-Za-z_][A-Za-z0-9_]*"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new JdbcLedger(ds, "1abc"));
        assertEquals(JdbcLedger.DEFAULT_TABLE, new JdbcLedger(ds).start().table());
    }

    @Test
    void deletesOldIdleWindows() {
        first.settle(first.reserve("d", "", W, LIMIT, new BigDecimal("0.1")), new BigDecimal("0.1"));
        first.reserve("d", "", W.plusSeconds(86_400 * 40), LIMIT, new BigDecimal("0.1"));
        assertEquals(1, first.deleteWindowsBefore(W.plusSeconds(86_400 * 50)));
        assertEquals(1, second.snapshot().size());
    }
}
