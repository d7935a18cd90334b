package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InMemoryLedgerTest extends LedgerContract {

    private final InMemoryLedger ledger = new InMemoryLedger();

    @Override
    BudgetLedger ledger() {
        return ledger;
    }

    @Override
    BudgetLedger otherLedger() {
        return ledger;
    }

    @Override
    BudgetLedger leased(Clock clock, Duration lease) {
        return new InMemoryLedger(lease, clock);
    }

    @Override
    int rounds() {
        return 200;
    }

    @Test
    void evictsOldIdleWindowsOnly() {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        ledger.settle(ledger.reserve("e", "", old, LIMIT, new BigDecimal("0.1")), new BigDecimal("0.1"));
        ledger.reserve("e", "open", old, LIMIT, new BigDecimal("0.1"));
        ledger.reserve("e", "", W, LIMIT, new BigDecimal("0.1"));
        ledger.evictBefore(W);
        assertEquals(2, ledger.snapshot().size());
    }
}
