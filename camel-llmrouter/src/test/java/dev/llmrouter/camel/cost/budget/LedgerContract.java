package dev.llmrouter.camel.cost.budget;

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

import dev.llmrouter.camel.cost.PricingCatalogTest;
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
    void aNestedReservationIsAllOrNoneAndARefusalNamesItsLevel() {
        BudgetLedger l = ledger();
        BigDecimal tenantLimit = LIMIT;
        BigDecimal globalLimit = new BigDecimal("1.5");
        BigDecimal amount = new BigDecimal("0.6");
        List<Reservation> first = l.reserveAll(levels("t1", tenantLimit, globalLimit), amount);
        assertEquals(2, first.size());
        assertTrue(first.get(0).isGranted() && first.get(1).isGranted());
        assertEquals("tenant", first.get(0).budget());
        assertEquals("global", first.get(1).budget());
        assertDecimal("0.4", first.get(0).remaining());
        assertDecimal("0.9", first.get(1).remaining());

        // tenant t1 has 0.4 left: refused there, and the global level holds no more than before
        List<Reservation> byTenant = l.reserveAll(levels("t1", tenantLimit, globalLimit), new BigDecimal("0.5"));
        assertEquals(1, byTenant.size());
        assertFalse(byTenant.get(0).isGranted());
        assertEquals("tenant", byTenant.get(0).budget());
        assertEquals("t1", byTenant.get(0).scopeKey());
        assertDecimal("0.4", byTenant.get(0).remaining());
        assertDecimal("0.6", l.reserved("global", "", W));
        assertDecimal("0.6", otherLedger().reserved("tenant", "t1", W));

        assertTrue(l.reserveAll(levels("t2", tenantLimit, globalLimit), amount).stream()
                .allMatch(Reservation::isGranted));
        // the global level has 0.3 left: refused there, and nothing is held on tenant t3
        List<Reservation> byGlobal = l.reserveAll(levels("t3", tenantLimit, globalLimit), amount);
        assertEquals(1, byGlobal.size());
        assertFalse(byGlobal.get(0).isGranted());
        assertEquals("global", byGlobal.get(0).budget());
        assertDecimal("0.3", byGlobal.get(0).remaining());
        assertDecimal("0", l.reserved("tenant", "t3", W));

        // every level is settled at the real cost
        first.forEach(r -> l.settle(r, new BigDecimal("0.5")));
        assertDecimal("0.5", l.spent("tenant", "t1", W));
        assertDecimal("0.5", l.spent("global", "", W));
        assertDecimal("0.6", l.reserved("global", "", W));
        assertDecimal("0", l.reserved("tenant", "t1", W));

        assertThrows(IllegalArgumentException.class, () -> l.reserveAll(List.of(), amount));
        BudgetLevel dup = new BudgetLevel("global", "", W, LIMIT);
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> l.reserveAll(List.of(dup, dup), amount));
        assertTrue(twice.getMessage().contains("'global'"), twice.getMessage());
    }

    private static List<BudgetLevel> levels(String tenant, BigDecimal tenantLimit, BigDecimal globalLimit) {
        return List.of(new BudgetLevel("tenant", tenant, W, tenantLimit), new BudgetLevel("global", "", W, globalLimit));
    }

    /**
     * 64 nested reservations over 16 tenant keys from two ledgers at once, half listing the levels tenant first and
     * half global first: no level goes over its limit, the global level fills exactly (a refusal by a tenant level
     * holds nothing there), and no two reservations deadlock (each finishes within the timeout).
     */
    @Test
    void concurrentNestedReserversNeverExceedAnyLevelNorDeadlock() throws Exception {
        int calls = 64;
        BigDecimal amount = new BigDecimal("0.1");
        BigDecimal tenantLimit = new BigDecimal("0.35");
        BigDecimal globalLimit = new BigDecimal("2.0");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < Math.min(5, rounds()); round++) {
                Instant window = W.plusSeconds(86_400L * (round + 100));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<Reservation>>> results = new ArrayList<>();
                for (int i = 0; i < calls; i++) {
                    BudgetLedger l = i % 2 == 0 ? ledger() : otherLedger();
                    BudgetLevel tenant = new BudgetLevel("tenant", "k" + (i % 16), window, tenantLimit);
                    BudgetLevel global = new BudgetLevel("global", "", window, globalLimit);
                    List<BudgetLevel> levels = i % 4 < 2 ? List.of(tenant, global) : List.of(global, tenant);
                    results.add(pool.submit(() -> {
                        start.await();
                        return l.reserveAll(levels, amount);
                    }));
                }
                start.countDown();
                int granted = 0;
                for (Future<List<Reservation>> f : results) {
                    List<Reservation> r = f.get(60, TimeUnit.SECONDS);
                    if (r.size() == 2) {
                        assertTrue(r.get(0).isGranted() && r.get(1).isGranted());
                        granted++;
                    } else {
                        assertFalse(r.get(0).isGranted());
                        assertTrue(List.of("tenant", "global").contains(r.get(0).budget()), r.get(0).toString());
                    }
                }
                assertEquals(20, granted, "round " + round + ": the global level holds exactly 2.0 / 0.1 calls");
                assertDecimal("2.0", ledger().reserved("global", "", window));
                BigDecimal tenants = BigDecimal.ZERO;
                for (int k = 0; k < 16; k++) {
                    BigDecimal held = otherLedger().reserved("tenant", "k" + k, window);
                    assertTrue(held.compareTo(tenantLimit) <= 0, "tenant k" + k + " holds " + held);
                    tenants = tenants.add(held);
                }
                assertDecimal("2.0", tenants);
            }
        } finally {
            pool.shutdownNow();
        }
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
