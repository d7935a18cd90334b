package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.llmrouter.camel.CostGovernanceFixtures.FREE;
import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nested budgets end to end (option {@code budget=perTenant,global}), on the in-memory ledger: every level is
 * reserved at once, all or none, each with its own scope; a refusal names its level.
 */
class CostGovernanceNestedBudgetTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private static LlmRouterBudget budget(BigDecimal amount, String scope) {
        LlmRouterBudget b = new LlmRouterBudget(amount, "daily");
        b.setScope(scope);
        return b;
    }

    private static void assertAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected.toPlainString() + " but was "
                                                    + actual.toPlainString());
    }

    private List<LedgerRow> rows(String budget) {
        return camel.component.ledger().snapshot().stream().filter(r -> r.budget().equals(budget)).toList();
    }

    @Test
    void sixtyFourConcurrentCallsOverSixteenTenantsOverspendNoLevelAndEveryRefusalNamesItsLevel() throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal tenantAmount = p.estimate().multiply(new BigDecimal("1.5"));
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.TEN);
        camel.component.addBudget("perTenant", budget(tenantAmount, "${header.tenant}"));
        camel.component.addBudget("global", budget(globalAmount, "global"));
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        // every answer takes a moment, so many reservations are open at once
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(40)));
        int before = chats();
        int total = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                String tenant = "t" + (i / 4);
                futures.add(pool.submit(() -> camel.send(uri, PROMPT, Map.of("tenant", tenant))));
            }
            int ok = 0;
            Map<String, Integer> refusedBy = new java.util.TreeMap<>();
            BigDecimal settled = BigDecimal.ZERO;
            for (int i = 0; i < total; i++) {
                Exchange ex = futures.get(i).get(60, TimeUnit.SECONDS);
                if (ex.getException() == null) {
                    ok++;
                    settled = settled.add(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class));
                    assertNull(ex.getMessage().getHeader(LlmRouterConstants.BUDGET_LEVEL));
                    continue;
                }
                BudgetExceededException e = assertInstanceOf(BudgetExceededException.class, ex.getException());
                String level = e.getLevel();
                assertEquals(level, ex.getMessage().getHeader(LlmRouterConstants.BUDGET_LEVEL), "header names it");
                assertEquals(List.of("perTenant", "global"), e.getLevels());
                assertTrue(e.getMessage().contains("Budget '" + level + "'"), e.getMessage());
                assertTrue(e.getMessage().contains("of 2 [perTenant, global]"), e.getMessage());
                if (level.equals("perTenant")) {
                    assertEquals("t" + (i / 4), e.getScopeKey(), "the refusing tenant");
                } else {
                    assertEquals("global", level);
                    assertEquals("", e.getScopeKey());
                }
                refusedBy.merge(level, 1, Integer::sum);
            }
            int refused = refusedBy.values().stream().mapToInt(Integer::intValue).sum();
            assertEquals(total, ok + refused);
            // four calls per tenant at once meet a tenant level that holds one worst case, and 16 threads meet a
            // global level that holds ten: both levels refuse
            assertTrue(refusedBy.getOrDefault("perTenant", 0) > 0, "tenant levels refused: " + refusedBy);
            assertTrue(refusedBy.getOrDefault("global", 0) > 0, "the global level refused: " + refusedBy);
            assertEquals(before + ok, chats(), "refused exchanges sent nothing");

            BigDecimal tenantsSpent = BigDecimal.ZERO;
            for (LedgerRow r : rows("perTenant")) {
                assertTrue(r.spent().compareTo(tenantAmount) <= 0, "tenant " + r.scopeKey() + " spent " + r.spent());
                assertEquals(0, r.reserved().signum(), "tenant " + r.scopeKey() + " holds nothing after the calls");
                tenantsSpent = tenantsSpent.add(r.spent());
            }
            LedgerRow global = row(camel.component, "global", "");
            assertTrue(global.spent().compareTo(globalAmount) <= 0, "global spent " + global.spent());
            assertEquals(0, global.reserved().signum());
            assertAmount(settled, global.spent(), "the global level booked every settled call");
            assertAmount(settled, tenantsSpent, "the tenant levels booked every settled call");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenantKeysMintedPerMessageNeverTakeTheSumPastTheGlobalAmount() {
        Probe p = probe(camel, OPTIONS);
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.valueOf(5));
        camel.component.addBudget("perTenant", budget(p.estimate().multiply(BigDecimal.TEN), "header"));
        camel.component.addBudget("global", budget(globalAmount, "global"));
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        int before = chats();
        int ok = 0;
        BudgetExceededException refusal = null;
        for (int i = 0; i < 200 && refusal == null; i++) {
            Exchange ex = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, UUID.randomUUID().toString()));
            if (ex.getException() == null) {
                ok++;
            } else {
                refusal = assertInstanceOf(BudgetExceededException.class, ex.getException());
                assertEquals("global", ex.getMessage().getHeader(LlmRouterConstants.BUDGET_LEVEL));
            }
        }
        assertNotNull(refusal, "a fresh tenant key every message still ran into the global level");
        assertEquals("global", refusal.getLevel());
        assertTrue(ok >= 5, "the calls that fit under the global amount went: " + ok);
        assertEquals(before + ok, chats());
        List<LedgerRow> tenants = rows("perTenant");
        assertEquals(ok, tenants.size(), "one tenant row per admitted call; the refused key holds no row");
        BigDecimal sum = tenants.stream().map(LedgerRow::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
        LedgerRow global = row(camel.component, "global", "");
        assertAmount(global.spent(), sum, "the tenants' spend is the global spend");
        assertTrue(sum.compareTo(globalAmount) <= 0, "sum " + sum + " <= global " + globalAmount);
    }

    @Test
    void aRefusalOnOneLevelLeavesNothingReservedOnTheOthers() {
        Probe p = probe(camel, OPTIONS);
        BigDecimal half = p.estimate().divide(BigDecimal.valueOf(2));
        BigDecimal roomy = p.estimate().multiply(BigDecimal.valueOf(100));
        camel.component.addBudget("tightTenant", budget(half, "${header.tenant}"));
        camel.component.addBudget("roomyGlobal", budget(roomy, "global"));
        camel.component.addBudget("roomyTenant", budget(roomy, "${header.tenant}"));
        camel.component.addBudget("tightGlobal", budget(half, "global"));
        int before = chats();

        Exchange byTenant = camel.send(camel.chat(OPTIONS + "&budget=tightTenant,roomyGlobal"), PROMPT,
                Map.of("tenant", "acme"));
        BudgetExceededException e = assertInstanceOf(BudgetExceededException.class, byTenant.getException());
        assertEquals("tightTenant", e.getLevel());
        assertEquals("acme", e.getScopeKey());
        assertAmount(half, e.getRemaining(), "what the tenant level had left");
        assertEquals("tightTenant", byTenant.getMessage().getHeader(LlmRouterConstants.BUDGET_LEVEL));
        assertEquals(PROMPT, byTenant.getMessage().getBody(String.class), "the body is left as it was");
        LedgerRow global = row(camel.component, "roomyGlobal", "");
        assertTrue(global == null || global.reserved().signum() == 0 && global.spent().signum() == 0,
                "nothing held on the global level: " + global);

        Exchange byGlobal = camel.send(camel.chat(OPTIONS + "&budget=roomyTenant,tightGlobal"), PROMPT,
                Map.of("tenant", "acme"));
        e = assertInstanceOf(BudgetExceededException.class, byGlobal.getException());
        assertEquals("tightGlobal", e.getLevel());
        assertTrue(e.getMessage().contains("Budget 'tightGlobal' (scope '', level 2 of 2"), e.getMessage());
        LedgerRow tenant = row(camel.component, "roomyTenant", "acme");
        assertTrue(tenant == null || tenant.reserved().signum() == 0 && tenant.spent().signum() == 0,
                "nothing held on the tenant level: " + tenant);
        assertEquals(before, chats(), "nothing was sent");
    }

    @Test
    void everyLevelIsSettledAtTheRealCostAndRemainingIsTheTightestLevel() {
        Probe p = probe(camel, OPTIONS);
        BigDecimal tenantAmount = p.estimate().multiply(BigDecimal.valueOf(3));
        BigDecimal globalAmount = p.estimate().multiply(BigDecimal.valueOf(50));
        camel.component.addBudget("perTenant", budget(tenantAmount, "${header.tenant}"));
        camel.component.addBudget("global", budget(globalAmount, "global"));
        String uri = camel.chat(OPTIONS + "&budget=global,perTenant");

        Exchange ex = camel.send(uri, PROMPT, Map.of("tenant", "acme"));
        assertNull(ex.getException());
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertAmount(p.cost(), cost, "cost");
        assertAmount(cost, row(camel.component, "perTenant", "acme").spent(), "tenant level settled");
        assertAmount(cost, row(camel.component, "global", "").spent(), "global level settled");
        assertAmount(tenantAmount.subtract(cost),
                ex.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING, BigDecimal.class),
                "remaining is the tenant level's, the tighter one");
    }

    @Test
    void eachLevelFindsItsKeyByItsOwnScope() throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal amount = p.estimate().multiply(BigDecimal.valueOf(100));
        camel.component.addBudget("byRoute", budget(amount, "route"));
        camel.component.addBudget("byHeader", budget(amount, "header"));
        camel.component.addBudget("byTenant", budget(amount, "${header.tenant}"));
        camel.component.addBudget("asBefore", budget(amount, null));
        String uri = camel.chat(OPTIONS + "&budget=byRoute,byHeader,byTenant,asBefore&budgetScope=route");
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:scoped").routeId("scoped").to(uri);
            }
        });

        Exchange keyed = camel.send("direct:scoped", PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "k1",
                "tenant", "acme"));
        assertNull(keyed.getException());
        Exchange unkeyed = camel.send("direct:scoped", PROMPT, Map.of("tenant", "zeta"));
        assertNull(unkeyed.getException());

        assertEquals(List.of("scoped"), rows("byRoute").stream().map(LedgerRow::scopeKey).toList());
        // without the header, a header-scoped level falls back to the endpoint's budgetScope (route here)
        assertEquals(List.of("k1", "scoped"), rows("byHeader").stream().map(LedgerRow::scopeKey).toList());
        assertEquals(List.of("acme", "zeta"), rows("byTenant").stream().map(LedgerRow::scopeKey).toList());
        assertEquals(List.of("k1", "scoped"), rows("asBefore").stream().map(LedgerRow::scopeKey).toList());
    }

    @Test
    void eachLevelCountsItsOwnRpmPerItsOwnScopeKey() {
        Probe p = probe(camel, OPTIONS);
        BigDecimal amount = p.estimate().multiply(BigDecimal.valueOf(100));
        LlmRouterBudget tenant = budget(amount, "${header.tenant}");
        tenant.setRpm(1L);
        LlmRouterBudget global = budget(amount, "global");
        global.setRpm(3L);
        camel.component.addBudget("perTenant", tenant);
        camel.component.addBudget("global", global);
        // one fixed minute, so that the counts cannot roll over during the test
        java.time.Instant minute = java.time.Instant.parse("2026-05-01T10:00:00Z");
        camel.component.runtime().rateClock(java.time.Clock.fixed(minute, java.time.ZoneOffset.UTC));
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global");
        int before = chats();

        assertNull(camel.send(uri, PROMPT, Map.of("tenant", "a")).getException());
        Exchange again = camel.send(uri, PROMPT, Map.of("tenant", "a"));
        var byTenant = assertInstanceOf(dev.llmrouter.camel.error.LocalRateLimitException.class,
                again.getException());
        assertEquals("perTenant", byTenant.getBudget());
        assertEquals("a", byTenant.getScopeKey());
        assertEquals("rpm", byTenant.getLimitName());
        assertNull(camel.send(uri, PROMPT, Map.of("tenant", "b")).getException(), "another tenant has its own minute");
        assertNull(camel.send(uri, PROMPT, Map.of("tenant", "c")).getException());
        Exchange fourth = camel.send(uri, PROMPT, Map.of("tenant", "d"));
        var byGlobal = assertInstanceOf(dev.llmrouter.camel.error.LocalRateLimitException.class,
                fourth.getException());
        assertEquals("global", byGlobal.getBudget(), "three requests this minute on the global level");
        assertEquals(before + 3, chats());
        // a refusal by the global level gave back the tenant level's count: tenant d is still free this minute
        LedgerRow d = row(camel.component, "perTenant", "d");
        assertTrue(d == null || d.reserved().signum() == 0, "nothing held for tenant d: " + d);
        assertEquals(0, camel.component.ledger().rateLimits().usage("perTenant", "d",
                minute)[0],
                "tenant d's request count was given back");
    }

    @Test
    void aDowngradeMustFitOnEveryLevel() {
        Probe p = probe(camel, OPTIONS);
        BigDecimal half = p.estimate().divide(BigDecimal.valueOf(2));
        camel.component.addBudget("perTenant", budget(half, "${header.tenant}"));
        camel.component.addBudget("global", budget(p.estimate().multiply(BigDecimal.TEN), "global"));
        String uri = camel.chat(OPTIONS + "&budget=perTenant,global&onBudgetExceeded=downgrade&downgradeModels="
                                + FREE);

        Exchange ex = camel.send(uri, PROMPT, Map.of("tenant", "acme"));
        assertNull(ex.getException());
        assertEquals(Boolean.TRUE, ex.getMessage().getHeader(LlmRouterConstants.BUDGET_DOWNGRADED));
        assertEquals(FREE, EMULATOR.emulator().lastRequest().json().get("model").asText());
        assertNotNull(row(camel.component, "perTenant", "acme"), "booked on the tenant level");
        assertNotNull(row(camel.component, "global", ""), "booked on the global level");
        assertEquals(0, row(camel.component, "global", "").reserved().signum());
    }

    @Test
    void everyLevelIsVisibleInTheUsageLogTheMetersAndTheConsole(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path csv = dir.resolve("usage.csv");
        io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        BigDecimal amount = new BigDecimal("5");
        try (CamelHarness h = new CamelHarness(EMULATOR.baseUrl(), c -> {
            c.setUsageLogFile(csv.toString());
            c.addBudget("perTenant", budget(amount, "${header.tenant}"));
            c.addBudget("global", budget(amount, "global"));
            c.addBudget("tight", budget(BigDecimal.ZERO, "global"));
        }, null, registry -> registry.bind("meters", meters))) {
            Exchange ok = h.send(h.chat(OPTIONS + "&budget=perTenant,global"), PROMPT, Map.of("tenant", "acme"));
            assertNull(ok.getException());
            BigDecimal cost = ok.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
            Exchange refused = h.send(h.chat(OPTIONS + "&budget=perTenant,tight"), PROMPT, Map.of("tenant", "zeta"));
            assertInstanceOf(BudgetExceededException.class, refused.getException());

            List<dev.llmrouter.camel.usage.UsageRecord> lines = dev.llmrouter.camel.usage.CsvUsageSink.read(csv);
            assertEquals(2, lines.size(), lines.toString());
            assertEquals("perTenant=acme;global=", lines.get(0).budgetLevels());
            assertEquals("acme", lines.get(0).budgetKey(), "budget_key stays the first level's key");
            assertEquals("perTenant=zeta;tight=", lines.get(1).budgetLevels(), "a refusal names the levels too");
            assertEquals("refused", lines.get(1).outcome());
            assertTrue(java.nio.file.Files.readString(csv).startsWith(dev.llmrouter.camel.usage.UsageCsv.header()));

            String spend = dev.llmrouter.camel.observability.MicrometerObserver.BUDGET_SPEND;
            assertEquals(cost.doubleValue(), meters.find(spend).tag("budget", "perTenant").tag("scope.key", "acme")
                    .counter().count(), 1e-12);
            assertEquals(cost.doubleValue(), meters.find(spend).tag("budget", "global").tag("scope.key", "none")
                    .counter().count(), 1e-12);
            assertNull(meters.find(spend).tag("budget", "tight").counter(), "a refused level spent nothing");

            org.apache.camel.console.DevConsole console = h.context.getCamelContextExtension()
                    .getContextPlugin(org.apache.camel.console.DevConsoleRegistry.class).resolveById("llmrouter");
            String text = (String) console.call(org.apache.camel.console.DevConsole.MediaType.TEXT);
            assertTrue(text.contains("perTenant (scope ${header.tenant}) [acme] window "), text);
            assertTrue(text.contains("global (scope global) window "), text);
        }
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("budget=team,nowhere", "'nowhere'"),
                Arguments.of("budget=team,org,team", "'team' is listed twice"),
                Arguments.of("budget=team,,org", "empty budget name"),
                Arguments.of("budget=team,badScope", "Invalid scope 'tenant' of budget 'badScope'"),
                Arguments.of("budget=badExpr,org", "budget 'badExpr'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void aBadBudgetListFailsAtEndpointCreationNamingTheBudget(String options, String detail) {
        camel.component.addBudget("team", budget(BigDecimal.ONE, "header"));
        camel.component.addBudget("org", budget(BigDecimal.TEN, "global"));
        camel.component.addBudget("badScope", budget(BigDecimal.ONE, "tenant"));
        camel.component.addBudget("badExpr", budget(BigDecimal.ONE, "${header.tenant"));
        String uri = camel.chat(OPTIONS + "&" + options);

        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(uri));

        Throwable root = e;
        while (!(root instanceof IllegalArgumentException) && root.getCause() != null) {
            root = root.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, root);
        assertTrue(root.getMessage().contains("budget"), root.getMessage());
        assertTrue(root.getMessage().contains(detail), root.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }
}
