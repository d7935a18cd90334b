package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.llmrouter.camel.CostGovernanceFixtures.Probe;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.EscalationFailedException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.FREE;
import static dev.llmrouter.camel.CostGovernanceFixtures.HAIKU;
import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.probe;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Budgets end to end: reservation before the call, settlement at usage.cost, refusal, scopes, downgrade. */
class CostGovernanceBudgetTest extends EmulatorTestSupport {

    private static final String OPTIONS = "model=" + MINI + "&maxTokens=100";

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private static void assertAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected.toPlainString() + " but was "
                                                    + actual.toPlainString());
    }

    @Test
    void theCallAfterTheBudgetIsSpentFailsWithoutHttpAndRemainingFollowsTheRealCost() {
        Probe p = probe(camel, OPTIONS);
        assertTrue(p.cost().compareTo(p.estimate()) < 0, "the reservation is above the real cost: " + p);
        int n = 3;
        // room for n calls of the real cost, and the worst case of the last one, but not one more
        BigDecimal amount = p.cost().multiply(BigDecimal.valueOf(n)).add(p.estimate()).subtract(new BigDecimal("1E-12"));
        camel.component.addBudget("team", new LlmRouterBudget(amount, "none"));
        String uri = camel.chat(OPTIONS + "&budget=team");
        int before = chats();

        BigDecimal previous = amount;
        for (int i = 1; i <= n; i++) {
            Exchange ex = camel.send(uri, PROMPT);
            assertNull(ex.getException(), "call " + i);
            BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
            assertAmount(p.cost(), cost, "cost of call " + i);
            assertAmount(p.estimate(), ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class),
                    "estimate of call " + i);
            assertEquals(Boolean.FALSE, ex.getMessage().getHeader(LlmRouterConstants.BUDGET_DOWNGRADED));
            BigDecimal remaining = ex.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING, BigDecimal.class);
            assertAmount(previous.subtract(cost), remaining, "remaining after call " + i + " (settled at usage.cost)");
            previous = remaining;
        }
        assertEquals(before + n, chats());

        Exchange refused = camel.send(uri, PROMPT);
        BudgetExceededException e = assertInstanceOf(BudgetExceededException.class, refused.getException());
        assertEquals("team", e.getBudget());
        assertEquals("", e.getScopeKey());
        assertAmount(previous, e.getRemaining(), "remaining in the exception");
        assertAmount(p.estimate(), e.getRequested(), "requested");
        assertEquals(before + n, chats(), "no HTTP call for the refused exchange");

        LedgerRow r = row(camel.component, "team", "");
        assertAmount(p.cost().multiply(BigDecimal.valueOf(n)), r.spent(), "ledger spent");
        assertAmount(BigDecimal.ZERO, r.reserved(), "ledger reserved");
    }

    @Test
    void concurrentExchangesNeverOverspendOneSmallBudget() throws Exception {
        Probe p = probe(camel, OPTIONS);
        BigDecimal amount = p.estimate().multiply(BigDecimal.valueOf(10));
        camel.component.addBudget("small", new LlmRouterBudget(amount, "none"));
        useSedaRoute("seda:in?concurrentConsumers=16", OPTIONS + "&budget=small", amount);
    }

    private void useSedaRoute(String from, String options, BigDecimal amount) throws Exception {
        String uri = camel.chat(options);
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("budgeted").to(uri);
            }
        });
        // every answer takes a moment, so many reservations are open at once
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(40)));
        int before = chats();
        int total = 64;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                futures.add(pool.submit(() -> camel.template.request(from, e -> e.getMessage().setBody(PROMPT))));
            }
            int ok = 0;
            int refused = 0;
            BigDecimal settled = BigDecimal.ZERO;
            for (Future<Exchange> f : futures) {
                Exchange ex = f.get();
                if (ex.getException() == null) {
                    ok++;
                    settled = settled.add(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class));
                } else {
                    assertInstanceOf(BudgetExceededException.class, ex.getException());
                    refused++;
                }
            }
            assertEquals(total, ok + refused);
            assertTrue(ok >= 10, "at least the reservations that fit side by side succeed: " + ok);
            assertTrue(refused > 0, "the budget ran out: " + ok);
            assertEquals(before + ok, chats(), "refused exchanges sent nothing");
            LedgerRow r = row(camel.component, "small", "");
            assertTrue(r.spent().compareTo(amount) <= 0, "spent " + r.spent() + " <= " + amount);
            assertAmount(settled, r.spent(), "ledger spent = sum of the settled costs");
            assertAmount(BigDecimal.ZERO, r.reserved(), "no reservation left open");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void routeScopeAndBudgetKeyHeaderKeepSeparatePots() throws Exception {
        Probe p = probe(camel, OPTIONS);
        // one call per pot: after it, less than the worst case is left
        BigDecimal amount = p.estimate().add(p.cost().divide(BigDecimal.valueOf(2)));
        camel.component.addBudget("perRoute", new LlmRouterBudget(amount, "none"));
        camel.component.addBudget("perKey", new LlmRouterBudget(amount, "none"));
        String routeScoped = camel.chat(OPTIONS + "&budget=perRoute&budgetScope=route");
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:a").routeId("routeA").to(routeScoped);
                from("direct:b").routeId("routeB").to(routeScoped);
            }
        });

        assertNull(camel.send("direct:a", PROMPT).getException());
        BudgetExceededException a = assertInstanceOf(BudgetExceededException.class,
                camel.send("direct:a", PROMPT).getException());
        assertEquals("routeA", a.getScopeKey());
        Exchange b = camel.send("direct:b", PROMPT);
        assertNull(b.getException(), "route b has its own pot");
        assertAmount(amount.subtract(p.cost()), b.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING,
                BigDecimal.class), "route b's remaining");
        assertAmount(p.cost(), row(camel.component, "perRoute", "routeA").spent(), "routeA spent");
        assertAmount(p.cost(), row(camel.component, "perRoute", "routeB").spent(), "routeB spent");

        String keyed = camel.chat(OPTIONS + "&budget=perKey");
        assertNull(camel.send(keyed, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "tenant-1")).getException());
        BudgetExceededException t1 = assertInstanceOf(BudgetExceededException.class,
                camel.send(keyed, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "tenant-1")).getException());
        assertEquals("tenant-1", t1.getScopeKey());
        assertNull(camel.send(keyed, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "tenant-2")).getException());
        assertNull(camel.send(keyed, PROMPT).getException(), "no key: the global pot");
        // the header wins over budgetScope=route
        assertNull(camel.template.send("direct:a", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(LlmRouterConstants.BUDGET_KEY, "tenant-3");
        }).getException());
        assertAmount(p.cost(), row(camel.component, "perKey", "tenant-1").spent(), "tenant-1 spent");
        assertAmount(p.cost(), row(camel.component, "perKey", "tenant-2").spent(), "tenant-2 spent");
        assertAmount(p.cost(), row(camel.component, "perKey", "").spent(), "global spent");
        assertAmount(p.cost(), row(camel.component, "perRoute", "tenant-3").spent(), "tenant-3 spent");
    }

    @Test
    void anExhaustedBudgetDowngradesToTheFreeModelWithoutEscalation() {
        EMULATOR.emulator().reply(MINI, "budget", "not json from mini");
        EMULATOR.emulator().reply(HAIKU, "budget", "{\"ok\":true}");
        String options = OPTIONS + "&escalateModels=" + HAIKU + "&escalateOn=invalidJson";
        Probe p = probe(camel, options);
        assertEquals(2, chats(), "the probe escalated from mini to haiku");
        // enough for one escalating call at its worst case, then only for the free model
        camel.component.addBudget("d", new LlmRouterBudget(p.estimate(), "none"));
        String uri = camel.chat(options + "&budget=d&onBudgetExceeded=downgrade&downgradeModels=" + FREE);

        Exchange first = camel.send(uri, PROMPT);
        assertNull(first.getException());
        assertEquals(Boolean.FALSE, first.getMessage().getHeader(LlmRouterConstants.BUDGET_DOWNGRADED));
        assertEquals("{\"ok\":true}", first.getMessage().getBody(String.class));
        assertEquals(4, chats(), "mini, then haiku");

        // the budget cannot hold the escalating worst case again: the free model is asked, and only it
        Exchange second = camel.send(uri, PROMPT);
        assertEquals(Boolean.TRUE, second.getMessage().getHeader(LlmRouterConstants.BUDGET_DOWNGRADED));
        assertEquals(5, chats(), "one request, no escalation to haiku although the answer is not JSON");
        assertEquals(FREE, EMULATOR.emulator().lastRequest().json().get("model").asText());
        assertFalse(EMULATOR.emulator().lastRequest().json().has("models"));
        // the escalateOn check still judges the answer; with escalation off there is no stronger model to ask
        EscalationFailedException failed = assertInstanceOf(EscalationFailedException.class, second.getException());
        assertEquals(1, failed.getAttempts().size(), failed.getAttempts().toString());
        assertAmount(BigDecimal.ZERO, second.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST,
                BigDecimal.class), "the free model's worst case");

        EMULATOR.emulator().reply(FREE, "json please", "{\"free\":true}");
        Exchange third = camel.send(uri, "json please, budget");
        assertNull(third.getException());
        assertEquals(Boolean.TRUE, third.getMessage().getHeader(LlmRouterConstants.BUDGET_DOWNGRADED));
        assertEquals("{\"free\":true}", third.getMessage().getBody(String.class));
        assertEquals(6, chats());
        assertEquals(FREE, EMULATOR.emulator().lastRequest().json().get("model").asText());
        assertAmount(p.estimate().subtract(first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)),
                third.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING, BigDecimal.class),
                "the free calls cost nothing");
    }

    @Test
    void aFailedCallReleasesItsReservation() {
        camel.component.addBudget("r", new LlmRouterBudget(new BigDecimal("0.5"), "none"));
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(500));

        Exchange ex = camel.send(camel.chat(OPTIONS + "&budget=r&maxRetries=0"), PROMPT);

        assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(1, chats());
        assertAmount(new BigDecimal("0.5"), ex.getMessage().getHeader(LlmRouterConstants.BUDGET_REMAINING,
                BigDecimal.class), "remaining unchanged");
        LedgerRow r = row(camel.component, "r", "");
        assertAmount(BigDecimal.ZERO, r.spent(), "nothing spent");
        assertAmount(BigDecimal.ZERO, r.reserved(), "nothing held");
    }
}
