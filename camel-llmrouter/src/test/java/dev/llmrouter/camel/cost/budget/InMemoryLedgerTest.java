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

    /**
     * The running total of reserved amounts stays the sum of the live leases through any mix of reservations,
     * settlements, releases, renewals and expiries: checked against a model of the leases after every step.
     */
    @Test
    void theReservedTotalFollowsEveryLeaseChangeAndExpiry() {
        Instant t0 = Instant.parse("2026-12-06T12:00:00Z");
        long[] now = {t0.toEpochMilli()};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        InMemoryLedger l = new InMemoryLedger(Duration.ofSeconds(30), clock);
        Instant w = Instant.EPOCH;
        BigDecimal limit = new BigDecimal("1000000");
        java.util.Random random = new java.util.Random(14);
        java.util.Map<Reservation, Long> live = new java.util.LinkedHashMap<>(); // reservation -> expires at
        BigDecimal spent = BigDecimal.ZERO;
        for (int step = 0; step < 2000; step++) {
            int op = random.nextInt(10);
            if (op < 4 || live.isEmpty()) {
                BigDecimal amount = BigDecimal.valueOf(random.nextInt(1000) + 1, 3);
                Reservation r = l.reserve("run", "k", w, limit, amount);
                assertEquals(true, r.isGranted());
                live.put(r, now[0] + 30_000);
            } else {
                Reservation r = live.keySet().stream().skip(random.nextInt(live.size())).findFirst().orElseThrow();
                boolean expired = live.get(r) <= now[0];
                if (op < 6) {
                    BigDecimal actual = BigDecimal.valueOf(random.nextInt(500), 3);
                    l.settle(r, actual);
                    spent = spent.add(actual); // a late settle still books its cost once
                    live.remove(r);
                } else if (op < 7) {
                    l.release(r);
                    live.remove(r);
                } else if (op < 9) {
                    l.renew(java.util.List.of(r));
                    if (!expired) {
                        live.put(r, now[0] + 30_000);
                    }
                } else {
                    now[0] += random.nextInt(20_000); // some leases lapse
                }
            }
            BigDecimal expected = BigDecimal.ZERO;
            for (java.util.Map.Entry<Reservation, Long> e : live.entrySet()) {
                if (e.getValue() > now[0]) {
                    expected = expected.add(e.getKey().amount());
                }
            }
            assertEquals(0, expected.compareTo(l.reserved("run", "k", w)), "reserved after step " + step);
            assertEquals(0, spent.compareTo(l.spent("run", "k", w)), "spent after step " + step);
        }
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
