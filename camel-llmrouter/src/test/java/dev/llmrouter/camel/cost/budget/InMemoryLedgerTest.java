package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.llmrouter.camel.cost.PricingCatalogTest;
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

    /** An external ledger that implements only the required methods, so it gets the SPI's default reserveAll. */
    private static BudgetLedger external(InMemoryLedger store) {
        return new BudgetLedger() {
            @Override
            public Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit,
                                       BigDecimal amount) {
                return store.reserve(budget, scopeKey, windowStart, limit, amount);
            }

            @Override
            public void settle(Reservation reservation, BigDecimal actual) {
                store.settle(reservation, actual);
            }

            @Override
            public void release(Reservation reservation) {
                store.release(reservation);
            }

            @Override
            public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
                return store.spent(budget, scopeKey, windowStart);
            }

            @Override
            public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
                return store.reserved(budget, scopeKey, windowStart);
            }

            @Override
            public java.util.List<LedgerRow> snapshot() {
                return store.snapshot();
            }
        };
    }

    @Test
    void theSpiDefaultReleasesTheLevelsItTookWhenALaterLevelRefuses() {
        BudgetLedger l = external(ledger);
        java.util.List<BudgetLevel> levels = java.util.List.of(new BudgetLevel("a", "x", W, LIMIT),
                new BudgetLevel("b", "", W, new BigDecimal("0.5")), new BudgetLevel("c", "", W, LIMIT));
        java.util.List<Reservation> ok = l.reserveAll(levels, new BigDecimal("0.3"));
        assertEquals(3, ok.size());
        assertEquals(java.util.List.of("a", "b", "c"), ok.stream().map(Reservation::budget).toList());

        // level b has 0.2 left: a (reserved before it) is given back, c is never asked
        java.util.List<Reservation> refused = l.reserveAll(levels, new BigDecimal("0.3"));
        assertEquals(1, refused.size());
        assertEquals("b", refused.get(0).budget());
        PricingCatalogTest.assertDecimal("0.2", refused.get(0).remaining());
        PricingCatalogTest.assertDecimal("0.3", l.reserved("a", "x", W));
        PricingCatalogTest.assertDecimal("0.3", l.reserved("b", "", W));
        PricingCatalogTest.assertDecimal("0.3", l.reserved("c", "", W));

        ok.forEach(r -> l.settle(r, new BigDecimal("0.1")));
        PricingCatalogTest.assertDecimal("0.1", l.spent("a", "x", W));
        PricingCatalogTest.assertDecimal("0", l.reserved("c", "", W));
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
