package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** reservationLease end to end: a call in flight far longer than the lease keeps its reservation (renewed). */
class CostGovernanceLeaseTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";

    @ParameterizedTest
    @ValueSource(strings = {"memory", "h2"})
    void aCallLongerThanItsLeaseKeepsItsReservationUntilSettled(String ledger) throws Exception {
        Probe p = probe(camel, OPTIONS);
        // room for one call's worst case, not two
        BigDecimal amount = p.estimate().multiply(new BigDecimal("1.5"));
        useHarness(c -> {
            c.setReservationLease(300);
            if (ledger.equals("h2")) {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:mem:lease_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
                ds.setUser("sa");
                c.setLedgerDataSource(ds);
            }
            c.addBudget("slow", new LlmRouterBudget(amount, "none"));
        }, null, EMULATOR.baseUrl());
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(2_000)));
        String uri = camel.chat(OPTIONS + "&budget=slow");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Exchange> first = pool.submit(() -> camel.send(uri, PROMPT));
            await(() -> {
                LedgerRow r = row(camel.component, "slow", "");
                return r != null && r.reserved().signum() > 0;
            }, "the first call's reservation");
            Thread.sleep(1_000);
            LedgerRow during = row(camel.component, "slow", "");
            assertEquals(0, p.estimate().compareTo(during.reserved()),
                    "three leases into the call its worst case is still held: " + during);
            Exchange second = camel.send(uri, PROMPT);
            assertInstanceOf(BudgetExceededException.class, second.getException());
            assertEquals(PROMPT, second.getMessage().getBody(String.class));

            Exchange done = first.get(30, TimeUnit.SECONDS);
            assertNull(done.getException());
            BigDecimal cost = done.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
            // a JDBC ledger is written on the ledger threads, a moment after the exchange completes
            await(() -> row(camel.component, "slow", "").spent().signum() > 0, "the settlement written");
            LedgerRow after = row(camel.component, "slow", "");
            assertEquals(0, cost.compareTo(after.spent()), "booked once at its cost: " + after);
            assertEquals(0, after.reserved().signum(), after.toString());
        } finally {
            pool.shutdownNow();
        }
    }
}
