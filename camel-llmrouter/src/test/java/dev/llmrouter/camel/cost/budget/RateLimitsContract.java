package dev.llmrouter.camel.cost.budget;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The behaviour every {@link RateLimits} must show, reached through {@link BudgetLedger#rateLimits()}; subclasses
 * give two ledgers on one store (two DataSources of one database for JDBC).
 */
abstract class RateLimitsContract {

    static final Instant M = Instant.parse("2026-05-01T10:15:00Z");
    static final long NONE = RateLimits.UNLIMITED;

    abstract BudgetLedger ledger();

    abstract BudgetLedger otherLedger();

    @Test
    void rpmAdmitsExactlyTheLimitUnderConcurrencyAcrossTwoLedgers() throws Exception {
        List<RateGrant> grants = race(40, "rpm", "tenant", 10, NONE, 0);
        assertEquals(10, grants.stream().filter(RateGrant::isGranted).count());
        assertArrayEquals(new long[] {10, 0}, ledger().rateLimits().usage("rpm", "tenant", M));
        assertArrayEquals(new long[] {10, 0}, otherLedger().rateLimits().usage("rpm", "tenant", M));
        RateGrant refused = grants.stream().filter(g -> !g.isGranted()).findFirst().orElseThrow();
        assertEquals(10, refused.requestsUsed(), "a refusal carries the count that refused it");
    }

    @Test
    void tpmAdmitsExactlyTheLimitUnderConcurrencyAcrossTwoLedgers() throws Exception {
        List<RateGrant> grants = race(40, "tpm", "", NONE, 1000, 100);
        assertEquals(10, grants.stream().filter(RateGrant::isGranted).count());
        assertArrayEquals(new long[] {10, 1000}, ledger().rateLimits().usage("tpm", "", M));
    }

    @Test
    void freshKeysAreNeverRefusedWhileTheLimitHolds() throws Exception {
        // every thread races for a row nobody has inserted yet: a lost insert must retry, not refuse
        for (int round = 0; round < 4; round++) {
            String key = "fresh-" + round;
            List<RateGrant> grants = race(32, "fresh", key, 32, 32 * 10, 10);
            assertEquals(32, grants.stream().filter(RateGrant::isGranted).count(), "key " + key);
            assertArrayEquals(new long[] {32, 320}, ledger().rateLimits().usage("fresh", key, M));
        }
    }

    @Test
    void settleReplacesTheWorstCaseByTheActualTokensAndKeepsTheRequest() {
        RateLimits r = ledger().rateLimits();
        RateGrant a = r.acquire("s", "k", M, 5, 1000, 600);
        assertTrue(a.isGranted());
        assertFalse(r.acquire("s", "k", M, 5, 1000, 401).isGranted(), "600 + 401 > 1000");
        r.settle(a, 250);
        assertArrayEquals(new long[] {1, 250}, r.usage("s", "k", M));
        r.settle(a, 900);
        r.release(a);
        assertArrayEquals(new long[] {1, 250}, r.usage("s", "k", M), "a grant is booked once");
        RateGrant b = r.acquire("s", "k", M, 5, 1000, 750);
        assertTrue(b.isGranted(), "exactly up to the limit is allowed");
        assertEquals(1000, b.tokensUsed());
        RateGrant c = r.acquire("s", "k", M, 5, 1000, 1);
        assertFalse(c.isGranted());
        assertEquals(1000, c.tokensUsed());
        r.settle(b, 1200);
        assertArrayEquals(new long[] {2, 1450}, otherLedger().rateLimits().usage("s", "k", M),
                "more than the worst case is recorded as it is");
        RateGrant d = r.acquire("s", "other", M, 5, 1000, 300);
        r.release(d);
        assertArrayEquals(new long[] {0, 0}, r.usage("s", "other", M), "a release gives request and tokens back");
    }

    @Test
    void theNextMinuteStartsAfresh() {
        RateLimits r = ledger().rateLimits();
        assertTrue(r.acquire("m", "", M, 1, NONE, 0).isGranted());
        assertFalse(otherLedger().rateLimits().acquire("m", "", M, 1, NONE, 0).isGranted());
        assertTrue(otherLedger().rateLimits().acquire("m", "", M.plusSeconds(60), 1, NONE, 0).isGranted());
        assertArrayEquals(new long[] {1, 0}, r.usage("m", "", M.plusSeconds(60)));
    }

    /** {@code n} threads acquire at once, alternating between the two ledgers; returns every answer. */
    private List<RateGrant> race(int n, String budget, String key, long rpm, long tpm, long tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 16));
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<RateGrant>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                RateLimits store = (i % 2 == 0 ? ledger() : otherLedger()).rateLimits();
                futures.add(pool.submit(() -> {
                    go.await();
                    return store.acquire(budget, key, M, rpm, tpm, tokens);
                }));
            }
            go.countDown();
            List<RateGrant> grants = new ArrayList<>();
            for (Future<RateGrant> f : futures) {
                grants.add(f.get());
            }
            return grants;
        } finally {
            pool.shutdownNow();
        }
    }
}
