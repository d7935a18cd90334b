package dev.llmrouter.camel.cost.budget;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@link JdbcRateLimits} on embedded H2 through two {@link JdbcLedger}s on two DataSources of one database. */
class H2RateLimitsTest extends RateLimitsContract {

    private JdbcLedger first;
    private JdbcLedger second;

    @BeforeEach
    void setUp() {
        String db = "rate_" + UUID.randomUUID().toString().replace("-", "");
        first = new JdbcLedger(H2LedgerTest.h2(db), "budget_ledger").start();
        second = new JdbcLedger(H2LedgerTest.h2(db), "budget_ledger").start();
    }

    @Override
    BudgetLedger ledger() {
        return first;
    }

    @Override
    BudgetLedger otherLedger() {
        return second;
    }

    @Test
    void keepsItsOwnTableNextToTheLedgers() {
        JdbcRateLimits r = assertInstanceOf(JdbcRateLimits.class, first.rateLimits());
        assertEquals("budget_ledger_rate", r.table());
    }
}
