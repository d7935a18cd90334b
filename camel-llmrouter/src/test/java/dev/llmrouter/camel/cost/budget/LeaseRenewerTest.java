package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.cost.PricingCatalogTest.assertDecimal;
import static dev.llmrouter.camel.cost.budget.LedgerContract.LIMIT;
import static dev.llmrouter.camel.cost.budget.LedgerContract.W;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LeaseRenewer} on a real timer: a tracked call outlives its lease many times over; one never tracked, or
 * untracked when its call ended, does not.
 */
class LeaseRenewerTest {

    @Test
    void renewsTrackedReservationsUntilTheyFinishOnOneTimerTask() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        AtomicInteger armed = new AtomicInteger();
        try {
            InMemoryLedger ledger = new InMemoryLedger(Duration.ofMillis(600), Clock.systemUTC());
            LeaseRenewer renewer = new LeaseRenewer(ledger, Duration.ofMillis(600), (task, delay) -> {
                armed.incrementAndGet();
                timer.schedule(task, delay, TimeUnit.MILLISECONDS);
            }, worker);
            assertEquals(200, renewer.periodMillis());
            Reservation longCall = ledger.reserve("r", "", W, LIMIT, new BigDecimal("0.5"));
            Reservation otherLongCall = ledger.reserve("r", "", W, LIMIT, new BigDecimal("0.2"));
            Reservation crashed = ledger.reserve("r", "", W, LIMIT, new BigDecimal("0.1"));
            Reservation endedUnsettled = ledger.reserve("r", "", W, LIMIT, new BigDecimal("0.1"));
            renewer.track(longCall);
            renewer.track(otherLongCall);
            renewer.track(endedUnsettled);
            // its call ended but the ledger could not take the settlement: no longer renewed, so its lease runs out
            renewer.untrack(endedUnsettled);
            Thread.sleep(2_000);
            assertDecimal("0.7", ledger.reserved("r", "", W));
            int armings = armed.get();
            assertTrue(armings >= 3 && armings <= 12, "one timer task per period, not per call: " + armings);

            ledger.settle(longCall, new BigDecimal("0.3"));
            ledger.release(otherLongCall);
            Thread.sleep(500);
            assertEquals(0, renewer.tracked());
            int idle = armed.get();
            Thread.sleep(700);
            assertEquals(idle, armed.get(), "nothing tracked: the timer is not armed again");
            assertDecimal("0.3", ledger.spent("r", "", W));
            assertDecimal("0", ledger.reserved("r", "", W));
            ledger.settle(crashed, new BigDecimal("0.1"));
            assertDecimal("0.4", ledger.spent("r", "", W));
        } finally {
            timer.shutdownNow();
            worker.shutdownNow();
        }
    }
}
