package dev.llmrouter.camel;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.sql.DataSource;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.observability.BudgetLevelBoard;
import dev.llmrouter.camel.observability.BudgetLevelGauges;
import dev.llmrouter.test.EmulatorFault;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21, "visible per level": a nested budget (a level per tenant and a global one) shows, per level and scope
 * key, its reserved and remaining amounts as gauges and its spent, reserved, remaining, amount and window in the
 * {@code llmrouter-budgets} health check, equal to the ledger's rows, in memory and on H2; stopping the component
 * removes both.
 */
class CostGovernanceBudgetLevelsTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";
    private static final String RESERVED = BudgetLevelGauges.RESERVED;
    private static final String REMAINING = BudgetLevelGauges.REMAINING;

    private SimpleMeterRegistry meters;

    private static LlmRouterBudget budget(BigDecimal amount, String scope) {
        LlmRouterBudget b = new LlmRouterBudget(amount, "daily");
        b.setScope(scope);
        return b;
    }

    /** A harness with the MeterRegistry {@link #meters} bound, replacing the default one. */
    private void start(Consumer<LlmRouterComponent> setup) {
        start(setup, new SimpleMeterRegistry());
    }

    private void start(Consumer<LlmRouterComponent> setup, SimpleMeterRegistry registry) {
        camel.close();
        meters = registry;
        camel = new CamelHarness(EMULATOR.baseUrl(), setup, null, beans -> beans.bind("meters", registry));
    }

    private Gauge gauge(String name, String budget, String key) {
        return meters.find(name).tag("budget", budget).tag("scope.key", key).gauge();
    }

    private HealthCheck budgetCheck() {
        return HealthCheckRegistry.get(camel.context).getCheck(LlmRouterBudgetHealthCheck.ID).orElseThrow();
    }

    private static void assertUsd(BigDecimal expected, double actual, String what) {
        assertEquals(expected.doubleValue(), actual, 1e-12, what);
    }

    /** Whether the two gauges of the level show the ledger's row of the level's current window. */
    private boolean gaugesMatchLedger(String budget, String key, BigDecimal amount) {
        LedgerRow r = row(camel.component, budget, key);
        Gauge reserved = gauge(RESERVED, budget, key.isEmpty() ? "none" : key);
        Gauge remaining = gauge(REMAINING, budget, key.isEmpty() ? "none" : key);
        if (r == null || reserved == null || remaining == null) {
            return false;
        }
        double left = amount.subtract(r.spent()).subtract(r.reserved()).max(BigDecimal.ZERO).doubleValue();
        return Math.abs(reserved.value() - r.reserved().doubleValue()) < 1e-12
               && Math.abs(remaining.value() - left) < 1e-12;
    }

    /** The health check's details of a level against the ledger's row. */
    private void assertDetails(Map<String, Object> details, String level, LedgerRow r, BigDecimal amount) {
        String p = "budget." + level;
        assertNotNull(r, level + " has a ledger row");
        assertEquals(0, r.spent().compareTo((BigDecimal) details.get(p + ".spent")), p + ".spent " + details);
        assertEquals(0, r.reserved().compareTo((BigDecimal) details.get(p + ".reserved")), p + ".reserved");
        assertEquals(0, amount.compareTo((BigDecimal) details.get(p + ".amount")), p + ".amount");
        assertEquals(0, amount.subtract(r.spent()).subtract(r.reserved()).max(BigDecimal.ZERO)
                .compareTo((BigDecimal) details.get(p + ".remaining")), p + ".remaining");
        assertEquals("daily from " + r.windowStart(), details.get(p + ".window"), p + ".window");
    }

    @Test
    void inMemoryTheGaugesAndTheHealthCheckShowEveryLevelAsTheLedgerHoldsIt() throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal tenantAmount = p.estimate().multiply(BigDecimal.TEN);
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.valueOf(100));
        start(c -> {
            c.addBudget("perTenant", budget(tenantAmount, "${header.tenant}"));
            c.addBudget("global", budget(globalAmount, "global"));
        });
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        assertEquals(List.of(), meters.find(RESERVED).gauges().stream().toList(), "no level booked yet");
        assertEquals("No budget level booked yet", budgetCheck().call().getMessage().orElse(""));

        for (String tenant : List.of("acme", "acme", "zeta")) {
            Exchange ex = camel.send(uri, PROMPT, Map.of("tenant", tenant));
            assertNull(ex.getException());
        }
        assertEquals(3, meters.find(RESERVED).gauges().size(), "one gauge per level and key");
        assertEquals(3, meters.find(REMAINING).gauges().size());
        for (String[] level : new String[][] {{"perTenant", "acme"}, {"perTenant", "zeta"}, {"global", ""}}) {
            BigDecimal amount = level[0].equals("global") ? globalAmount : tenantAmount;
            assertTrue(gaugesMatchLedger(level[0], level[1], amount), level[0] + "/" + level[1]);
        }
        LedgerRow acme = row(camel.component, "perTenant", "acme");
        assertTrue(acme.spent().signum() > 0, "acme spent something");
        assertUsd(tenantAmount.subtract(acme.spent()), gauge(REMAINING, "perTenant", "acme").value(),
                "acme's remaining is the amount less what it spent");
        assertUsd(globalAmount.subtract(row(camel.component, "global", "").spent()),
                gauge(REMAINING, "global", "none").value(), "the global level is tagged none");

        // while a call is in flight its worst case shows as reserved on both of its levels
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(1500)));
        Future<Exchange> slow = camel.template.asyncSend(uri, e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("tenant", "zeta");
        });
        await(() -> row(camel.component, "perTenant", "zeta").reserved().signum() > 0, "the reservation");
        LedgerRow zeta = row(camel.component, "perTenant", "zeta");
        assertUsd(zeta.reserved(), gauge(RESERVED, "perTenant", "zeta").value(), "zeta's reservation");
        assertUsd(zeta.reserved(), gauge(RESERVED, "global", "none").value(), "held on the global level too");
        assertUsd(BigDecimal.ZERO, gauge(RESERVED, "perTenant", "acme").value(), "acme holds nothing");
        assertTrue(gaugesMatchLedger("perTenant", "zeta", tenantAmount));
        Map<String, Object> inFlight = budgetCheck().call().getDetails();
        assertDetails(inFlight, "perTenant[zeta]", zeta, tenantAmount);
        assertTrue(((BigDecimal) inFlight.get("budget.perTenant[zeta].reserved")).signum() > 0);
        assertNull(slow.get(30, TimeUnit.SECONDS).getException());
        assertUsd(BigDecimal.ZERO, gauge(RESERVED, "perTenant", "zeta").value(), "settled: nothing held");

        HealthCheck.Result result = budgetCheck().call();
        assertEquals(HealthCheck.State.UP, result.getState());
        assertTrue(budgetCheck().isReadiness());
        assertFalse(budgetCheck().isLiveness());
        Map<String, Object> details = result.getDetails();
        assertEquals(3, details.get("budget.levels"));
        assertDetails(details, "perTenant[acme]", row(camel.component, "perTenant", "acme"), tenantAmount);
        assertDetails(details, "perTenant[zeta]", row(camel.component, "perTenant", "zeta"), tenantAmount);
        assertDetails(details, "global", row(camel.component, "global", ""), globalAmount);
        assertEquals("3 budget levels", result.getMessage().orElse(""));

        camel.component.stop();
        assertTrue(meters.find(RESERVED).gauges().isEmpty(), "stopping the component removes the gauges");
        assertTrue(meters.find(REMAINING).gauges().isEmpty());
        assertTrue(HealthCheckRegistry.get(camel.context).getCheck(LlmRouterBudgetHealthCheck.ID).isEmpty(),
                "and the health check");
    }

    @Test
    void anExhaustedLevelIsNamedWhileTheCheckStaysUp() {
        start(c -> {
            c.addBudget("perTenant", budget(new BigDecimal("5"), "header"));
            c.addBudget("tight", budget(BigDecimal.ZERO, "global"));
        });
        int before = EMULATOR.emulator().chatRequests().size();
        Exchange refused = camel.send(camel.chat(OPTIONS + "&budget=perTenant,tight"), PROMPT,
                Map.of(LlmRouterConstants.BUDGET_KEY, "acme"));
        BudgetExceededException e = assertInstanceOf(BudgetExceededException.class, refused.getException());
        assertEquals("tight", e.getLevel());
        assertEquals(before, EMULATOR.emulator().chatRequests().size(), "nothing sent");

        HealthCheck.Result result = budgetCheck().call();
        assertEquals(HealthCheck.State.UP, result.getState(), "a spent budget is not an unhealthy application");
        assertEquals("tight", result.getDetails().get("budget.exhausted"));
        assertEquals(1, result.getDetails().get("budget.exhaustedCount"));
        assertEquals("2 budget levels, nothing left on tight", result.getMessage().orElse(""));
        assertEquals(0, BigDecimal.ZERO.compareTo((BigDecimal) result.getDetails().get("budget.tight.remaining")));
        assertEquals(0, new BigDecimal("5").compareTo(
                (BigDecimal) result.getDetails().get("budget.perTenant[acme].remaining")), "refused: nothing held");
        assertUsd(BigDecimal.ZERO, gauge(REMAINING, "tight", "none").value(), "the gauge says so too");
        assertUsd(new BigDecimal("5"), gauge(REMAINING, "perTenant", "acme").value(), "the refused call's tenant");
    }

    @Test
    void onH2TheGaugesAndTheHealthCheckShowEveryLevelAsTheLedgerHoldsIt() {
        onJdbc(h2(), "llmrouter_budget");
    }

    @Test
    void onPostgresTheGaugesAndTheHealthCheckShowEveryLevelAsTheLedgerHoldsIt() throws Exception {
        DataSource pg = dev.llmrouter.camel.cost.TestPostgres.dataSource();
        String table = "it_levels_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            onJdbc(pg, table);
        } finally {
            try (java.sql.Connection c = pg.getConnection(); java.sql.Statement st = c.createStatement()) {
                for (String suffix : List.of("_reservation", "_settled", "_rate", "")) {
                    st.execute("DROP TABLE IF EXISTS " + table + suffix);
                }
            }
        }
    }

    /**
     * Three calls over two tenants under a tenant and a global level on a JDBC ledger: the gauges and the health
     * check come to show the ledger's rows (read on the ledger threads, never by the scrape), and stopping the
     * component removes the gauges.
     */
    private void onJdbc(DataSource dataSource, String table) {
        Probe p = probe(camel, OPTIONS);
        BigDecimal tenantAmount = p.estimate().multiply(BigDecimal.TEN);
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.valueOf(100));
        start(c -> {
            c.setLedgerDataSource(dataSource);
            c.setLedgerTable(table);
            c.addBudget("perTenant", budget(tenantAmount, "${header.tenant}"));
            c.addBudget("global", budget(globalAmount, "global"));
        });
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        for (String tenant : List.of("acme", "acme", "zeta")) {
            assertNull(camel.send(uri, PROMPT, Map.of("tenant", tenant)).getException());
        }
        await(() -> camel.component.ledger().snapshot().size() == 3
                    && camel.component.ledger().snapshot().stream().allMatch(r -> r.reserved().signum() == 0),
                "every settlement written");
        assertEquals(3, meters.find(REMAINING).gauges().size(), "one gauge per level and key");
        // the gauges read the rows the board last read from the database; a read asks for a fresh one when old
        await(() -> gaugesMatchLedger("perTenant", "acme", tenantAmount)
                    && gaugesMatchLedger("perTenant", "zeta", tenantAmount)
                    && gaugesMatchLedger("global", "", globalAmount), "the gauges to show the ledger's rows");
        assertTrue(gauge(REMAINING, "perTenant", "acme").value() < tenantAmount.doubleValue(), "acme spent");

        await(() -> {
            Object spent = budgetCheck().call().getDetails().get("budget.perTenant[acme].spent");
            return spent instanceof BigDecimal b && b.compareTo(row(camel.component, "perTenant", "acme").spent()) == 0;
        }, "the health check to read the settled rows");
        HealthCheck.Result result = budgetCheck().call();
        assertEquals(HealthCheck.State.UP, result.getState());
        assertDetails(result.getDetails(), "perTenant[acme]", row(camel.component, "perTenant", "acme"),
                tenantAmount);
        assertDetails(result.getDetails(), "perTenant[zeta]", row(camel.component, "perTenant", "zeta"),
                tenantAmount);
        assertDetails(result.getDetails(), "global", row(camel.component, "global", ""), globalAmount);

        camel.component.stop();
        assertTrue(meters.find(RESERVED).gauges().isEmpty(), "stopping the component removes the gauges");
        assertTrue(meters.find(REMAINING).gauges().isEmpty());
    }

    @Test
    void aHealthCheckOnAStuckLedgerAnswersInTimeWithTheRowsLastRead() throws Exception {
        AtomicBoolean stuck = new AtomicBoolean();
        CountDownLatch unstick = new CountDownLatch(1);
        DataSource h2 = h2();
        DataSource blocking = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && stuck.get()) {
                        unstick.await(60, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        start(c -> {
            c.setLedgerDataSource(blocking);
            c.addBudget("perTenant", budget(new BigDecimal("5"), "header"));
        });
        try {
            String uri = camel.chat(OPTIONS + "&budget=perTenant");
            assertNull(camel.send(uri, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "acme")).getException());
            await(() -> row(camel.component, "perTenant", "acme").spent().signum() > 0, "the settlement");
            LedgerRow settled = row(camel.component, "perTenant", "acme");

            // a board whose rows are always old, so that every check asks the ledger again
            BudgetLevelBoard board = new BudgetLevelBoard(camel.component, Clock.systemUTC(), Duration.ZERO, 10);
            board.track("perTenant", "acme");
            LlmRouterBudgetHealthCheck check = new LlmRouterBudgetHealthCheck(board, Duration.ofMillis(300));
            await(() -> check.call().getDetails().get("budget.perTenant[acme].spent") instanceof BigDecimal b
                        && b.compareTo(settled.spent()) == 0, "a first read");

            stuck.set(true);
            long t0 = System.nanoTime();
            HealthCheck.Result result = check.call();
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(tookMs < 10_000, "the check did not wait for the stuck database: " + tookMs + " ms");
            assertEquals(HealthCheck.State.UP, result.getState());
            assertEquals(true, result.getDetails().get("budget.stale"), result.getDetails().toString());
            assertEquals(0, settled.spent().compareTo((BigDecimal) result.getDetails()
                    .get("budget.perTenant[acme].spent")), "the amounts as last read");
            assertTrue(result.getMessage().orElse("").contains("the ledger did not answer within 300 ms"),
                    result.getMessage().orElse(""));
            // a second check does not start a second read while the first is stuck, nor wait for it longer
            HealthCheck.Result again = check.call();
            assertEquals(true, again.getDetails().get("budget.stale"));
        } finally {
            stuck.set(false);
            unstick.countDown();
        }
    }

    @Test
    void aMeterFilterCapsTheScopeKeysOfTheBudgetMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // doc: docs/cost-governance.md
        // at most 100 scope keys on the llmrouter.budget.* meters: further tenants get none (the ledger still counts)
        registry.config().meterFilter(
                MeterFilter.maximumAllowableTags("llmrouter.budget", "scope.key", 100, MeterFilter.deny()));
        // end doc
        // the same filter with a cap of 3 keys: "none" (the global level) and two tenants
        registry.config().meterFilter(
                MeterFilter.maximumAllowableTags("llmrouter.budget", "scope.key", 3, MeterFilter.deny()));
        start(c -> {
            c.addBudget("perTenant", budget(new BigDecimal("5"), "header"));
            c.addBudget("global", budget(new BigDecimal("50"), "global"));
        }, registry);
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        for (String tenant : List.of("t1", "t2", "t3", "t4")) {
            assertNull(camel.send(uri, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, tenant)).getException());
        }
        MeterRegistry m = meters;
        assertNotNull(m.find(REMAINING).tag("scope.key", "none").gauge(), "the global level");
        assertNotNull(m.find(REMAINING).tag("scope.key", "t1").gauge());
        assertNotNull(m.find(REMAINING).tag("scope.key", "t2").gauge());
        assertNull(m.find(REMAINING).tag("scope.key", "t3").gauge(), "past the cap");
        assertNull(m.find(REMAINING).tag("scope.key", "t4").gauge(), "past the cap");
        assertEquals(3, m.find(REMAINING).gauges().size());
        assertNotNull(row(camel.component, "perTenant", "t4"), "the ledger books every tenant");
        assertEquals(4, budgetCheck().call().getDetails().keySet().stream()
                .filter(k -> k.startsWith("budget.perTenant[") && k.endsWith(".spent")).count(),
                "the health check lists every tenant");
    }

    @Test
    void levelsPastTheCapAreCountedNotTracked() {
        start(c -> c.addBudget("perTenant", budget(new BigDecimal("5"), "header")));
        BudgetLevelBoard board = new BudgetLevelBoard(camel.component, Clock.systemUTC(), Duration.ofSeconds(2), 2);
        assertNotNull(board.track("perTenant", "t1"));
        assertNotNull(board.track("perTenant", "t2"));
        assertNull(board.track("perTenant", "t3"), "past the cap");
        assertNotNull(board.track("perTenant", "t1"), "a known level is still found");
        assertEquals(2, board.levels().size());
        assertEquals(1, board.untracked());
        Map<String, Object> details = new LlmRouterBudgetHealthCheck(board, Duration.ofSeconds(1)).call().getDetails();
        assertEquals(1L, details.get("budget.untracked"));
        assertEquals(2, details.get("budget.levels"));
        assertFalse(details.containsKey("budget.perTenant[t3].spent"));
    }

    @Test
    void manyExhaustedLevelsAreCountedAndOnlyTheFirstNamed() {
        start(c -> c.addBudget("perTenant", budget(BigDecimal.ZERO, "header")));
        BudgetLevelBoard board = new BudgetLevelBoard(camel.component, Clock.systemUTC(), Duration.ofSeconds(2), 1000);
        for (int i = 0; i < 120; i++) {
            board.track("perTenant", String.format("t%03d", i));
        }
        HealthCheck.Result result = new LlmRouterBudgetHealthCheck(board, Duration.ofSeconds(1)).call();
        assertEquals(HealthCheck.State.UP, result.getState());
        assertEquals(120, result.getDetails().get("budget.exhaustedCount"));
        String names = (String) result.getDetails().get("budget.exhausted");
        assertTrue(names.startsWith("perTenant[t000],perTenant[t001],"), names);
        assertTrue(names.endsWith(",perTenant[t099],and 20 more"), names);
        assertEquals("120 budget levels, nothing left on perTenant[t000], perTenant[t001], perTenant[t002],"
                     + " perTenant[t003], perTenant[t004], perTenant[t005], perTenant[t006], perTenant[t007],"
                     + " perTenant[t008], perTenant[t009], and 110 more", result.getMessage().orElse(""));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theConsoleListsEveryLevelAndKeyWithSpentReservedAndRemainingAndBudgetsDefinedAsBeans() {
        BigDecimal tenantAmount = new BigDecimal("5");
        BigDecimal globalAmount = new BigDecimal("50");
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), c -> {
            c.addBudget("perTenant", budget(tenantAmount, "${header.tenant}"));
            c.addBudget("global", budget(globalAmount, "global"));
        }, null, beans -> beans.bind("teamBean", budget(new BigDecimal("7"), "route")));
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        for (String tenant : List.of("acme", "zeta")) {
            assertNull(camel.send(uri, PROMPT, Map.of("tenant", tenant)).getException());
        }
        org.apache.camel.console.DevConsole console = camel.context.getCamelContextExtension()
                .getContextPlugin(org.apache.camel.console.DevConsoleRegistry.class).resolveById("llmrouter");
        Map<String, Object> json = (Map<String, Object>) console.call(org.apache.camel.console.DevConsole.MediaType.JSON);
        List<Map<String, Object>> components = (List<Map<String, Object>>) json.get("components");
        List<Map<String, Object>> budgets = (List<Map<String, Object>>) components.get(0).get("budgets");
        for (String[] level : new String[][] {{"perTenant", "acme"}, {"perTenant", "zeta"}, {"global", ""}}) {
            LedgerRow r = row(camel.component, level[0], level[1]);
            BigDecimal amount = level[0].equals("global") ? globalAmount : tenantAmount;
            Map<String, Object> shown = budgets.stream()
                    .filter(b -> level[0].equals(b.get("budget")) && level[1].equals(b.get("scopeKey")))
                    .findFirst().orElseThrow(() -> new AssertionError(level[0] + "/" + level[1] + " in " + budgets));
            assertEquals(0, r.spent().compareTo((BigDecimal) shown.get("spent")), "spent " + shown);
            assertTrue(r.spent().signum() > 0);
            assertEquals(0, r.reserved().compareTo((BigDecimal) shown.get("reserved")), "reserved " + shown);
            assertEquals(0, amount.subtract(r.spent()).subtract(r.reserved())
                    .compareTo((BigDecimal) shown.get("remaining")), "remaining " + shown);
            assertEquals(Boolean.TRUE, shown.get("current"));
        }
        Map<String, Object> bean = budgets.stream().filter(b -> "teamBean".equals(b.get("budget"))).findFirst()
                .orElseThrow(() -> new AssertionError("a budget defined as a bean is listed: " + budgets));
        assertEquals("route", bean.get("scope"));
        assertEquals(0, new BigDecimal("7").compareTo((BigDecimal) bean.get("remaining")), "nothing booked on it");
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:levels_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
