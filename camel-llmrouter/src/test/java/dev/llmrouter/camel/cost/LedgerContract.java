package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.cost.PricingCatalogTest.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour every {@link BudgetLedger} must show; subclasses provide two ledgers on the same store. */
abstract class LedgerContract {

    static final Instant W = Instant.parse("2026-05-01T00:00:00Z");
    static final BigDecimal LIMIT = new BigDecimal("1.00");

    /** The ledger under test. */
    abstract BudgetLedger ledger();

    /** A second ledger on the same store (another connection pool / JVM stand-in); may be the same instance. */
    abstract BudgetLedger otherLedger();

    /** A further ledger on the same store whose leases last {@code lease} by {@code clock}. */
    abstract BudgetLedger leased(Clock clock, Duration lease);

    /** How many concurrent rounds to run. */
    int rounds() {
        return 20;
    }

    @Test
    void reserveRefuseSettleRelease() {
        BudgetLedger l = ledger();
        Reservation a = l.reserve("b", "s", W, LIMIT, new BigDecimal("0.6"));
        assertTrue(a.isGranted());
        assertDecimal("0.4", a.remaining());
        Reservation refused = l.reserve("b", "s", W, LIMIT, new BigDecimal("0.5"));
        assertFalse(refused.isGranted());
        assertDecimal("0.4", refused.remaining());
        assertDecimal("0.6", l.reserved("b", "s", W));

        l.settle(a, new BigDecimal("0.75"));
        assertDecimal("0.75", l.spent("b", "s", W));
        assertDecimal("0", l.reserved("b", "s", W));
        assertDecimal("0.25", l.remaining("b", "s", W, LIMIT));

        l.settle(a, new BigDecimal("0.75"));
        l.release(a);
        assertDecimal("0.75", l.spent("b", "s", W));

        Reservation c = l.reserve("b", "s", W, LIMIT, new BigDecimal("0.25"));
        assertTrue(c.isGranted(), "exactly up to the limit is allowed");
        assertDecimal("0", c.remaining());
        l.release(c);
        assertDecimal("0", l.reserved("b", "s", W));
        assertDecimal("0.75", l.spent("b", "s", W));
        l.release(refused);
        l.settle(refused, BigDecimal.ONE);
        assertDecimal("0.75", l.spent("b", "s", W));
    }

    @Test
    void actualAboveTheReservationIsRecordedTruthfully() {
        BudgetLedger l = ledger();
        Reservation a = l.reserve("over", "", W, LIMIT, new BigDecimal("0.9"));
        l.settle(a, new BigDecimal("1.5"));
        assertDecimal("1.5", l.spent("over", "", W));
        assertDecimal("0", l.remaining("over", "", W, LIMIT));
        Reservation r = l.reserve("over", "", W, LIMIT, BigDecimal.ZERO);
        assertFalse(r.isGranted(), "nothing fits once overspent");
        assertDecimal("0", r.remaining());
    }

    @Test
    void keysAreIndependentAndListedInTheSnapshot() {
        BudgetLedger l = ledger();
        Instant w2 = W.plusSeconds(3600);
        l.settle(l.reserve("snap", "x", W, LIMIT, new BigDecimal("0.1")), new BigDecimal("0.05"));
        l.reserve("snap", "x", w2, LIMIT, new BigDecimal("0.2"));
        l.reserve("snap", "y", W, LIMIT, new BigDecimal("0.3"));
        List<LedgerRow> rows = otherLedger().snapshot().stream().filter(r -> r.budget().equals("snap")).toList();
        assertEquals(3, rows.size());
        assertEquals("x", rows.get(0).scopeKey());
        assertEquals(W, rows.get(0).windowStart());
        assertDecimal("0.05", rows.get(0).spent());
        assertDecimal("0", rows.get(0).reserved());
        assertEquals(w2, rows.get(1).windowStart());
        assertDecimal("0.2", rows.get(1).reserved());
        assertEquals("y", rows.get(2).scopeKey());
        assertDecimal("0.3", rows.get(2).reserved());
    }

    @Test
    void rejectsBadArguments() {
        BudgetLedger l = ledger();
        assertThrows(IllegalArgumentException.class, () -> l.reserve("b", "s", W, LIMIT, new BigDecimal("-1")));
        assertThrows(IllegalArgumentException.class, () -> l.reserve("", "s", W, LIMIT, BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> l.reserve("b", null, W, LIMIT, BigDecimal.ONE));
        assertThrows(IllegalArgumentException.class, () -> l.reserve("b", "s", null, LIMIT, BigDecimal.ONE));
    }

    @Test
    void concurrentReserversNeverExceedTheLimit() throws Exception {
        int threads = 64;
        BigDecimal amount = new BigDecimal("0.07");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < rounds(); round++) {
                Instant window = W.plusSeconds(86_400L * (round + 1));
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    BudgetLedger l = t % 2 == 0 ? ledger() : otherLedger();
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        start.await();
                        return l.reserve("race", "s", window, LIMIT, amount).isGranted();
                    }));
                }
                assertTrue(ready.await(30, TimeUnit.SECONDS));
                start.countDown();
                int granted = 0;
                for (Future<Boolean> f : results) {
                    granted += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(14, granted, "round " + round + ": floor(1.00 / 0.07) reservations fit");
                assertDecimal("0.98", ledger().reserved("race", "s", window));
                assertDecimal("0.98", otherLedger().reserved("race", "s", window));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Many first reservations on keys (and a window) that have no row yet: the budget holds them all, so none may be
     * refused; an insert that loses the race to create the row must retry the reservation, not refuse it.
     */
    @Test
    void concurrentFirstReservationsOnFreshKeysAreNeverRefused() throws Exception {
        int threads = 48;
        int keys = 20;
        BigDecimal amount = new BigDecimal("0.001013");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            Instant window = W.plusSeconds(86_400L * 400);
            List<String> refusedKeys = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String scope = "tenant-" + k;
                CountDownLatch ready = new CountDownLatch(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Reservation>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    BudgetLedger l = t % 2 == 0 ? ledger() : otherLedger();
                    results.add(pool.submit(() -> {
                        ready.countDown();
                        start.await();
                        return l.reserve("fresh", scope, window, LIMIT, amount);
                    }));
                }
                assertTrue(ready.await(30, TimeUnit.SECONDS));
                start.countDown();
                int refused = 0;
                for (Future<Reservation> f : results) {
                    refused += f.get(60, TimeUnit.SECONDS).isGranted() ? 0 : 1;
                }
                if (refused > 0) {
                    refusedKeys.add(scope + " (" + refused + " refused)");
                }
            }
            assertEquals(List.of(), refusedKeys, refusedKeys.size() + " of " + keys + " keys had spurious refusals");
            BigDecimal held = amount.multiply(BigDecimal.valueOf(threads));
            for (int k = 0; k < keys; k++) {
                assertDecimal(held.toPlainString(), otherLedger().reserved("fresh", "tenant-" + k, window));
                assertDecimal("0", otherLedger().spent("fresh", "tenant-" + k, window));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredLeaseStopsHoldingAndALateSettleBooksTheCostOnce() {
        PricingCatalogTest.MutableClock clock = new PricingCatalogTest.MutableClock();
        BudgetLedger l = leased(clock, Duration.ofSeconds(30));
        Reservation a = l.reserve("lease", "", W, LIMIT, new BigDecimal("0.6"));
        assertTrue(a.isGranted());
        assertFalse(l.reserve("lease", "", W, LIMIT, new BigDecimal("0.5")).isGranted());
        clock.now = clock.now.plusSeconds(31);
        assertDecimal("0", l.reserved("lease", "", W));
        l.renew(List.of(a));
        assertDecimal("0", l.reserved("lease", "", W));
        Reservation b = l.reserve("lease", "", W, LIMIT, new BigDecimal("0.9"));
        assertTrue(b.isGranted(), "the expired lease no longer holds its amount");

        l.settle(a, new BigDecimal("0.05"));
        l.settle(a, new BigDecimal("0.05"));
        l.release(a);
        assertDecimal("0.05", l.spent("lease", "", W));
        assertDecimal("0.9", l.reserved("lease", "", W));
        assertDecimal("0.05", l.remaining("lease", "", W, LIMIT));
    }

    @Test
    void renewalKeepsALongCallsLeaseAlive() {
        PricingCatalogTest.MutableClock clock = new PricingCatalogTest.MutableClock();
        BudgetLedger l = leased(clock, Duration.ofSeconds(30));
        Reservation a = l.reserve("renew", "k", W, LIMIT, new BigDecimal("0.6"));
        Reservation unrenewed = l.reserve("renew", "k", W, LIMIT, new BigDecimal("0.1"));
        for (int i = 0; i < 6; i++) {
            clock.now = clock.now.plusSeconds(20);
            l.renew(List.of(a));
            // the unrenewed 0.1 lapses 30 s in; the renewed 0.6 stays
            assertDecimal(i == 0 ? "0.7" : "0.6", l.reserved("renew", "k", W));
        }
        assertFalse(l.reserve("renew", "k", W, LIMIT, new BigDecimal("0.5")).isGranted(),
                "120 s into a 30 s lease, the renewed reservation still holds");
        l.settle(a, new BigDecimal("0.4"));
        l.renew(List.of(a, unrenewed));
        assertDecimal("0.4", l.spent("renew", "k", W));
        assertDecimal("0", l.reserved("renew", "k", W));
    }
}
