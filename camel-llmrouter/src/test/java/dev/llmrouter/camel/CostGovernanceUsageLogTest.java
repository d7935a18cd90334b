package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.ModelNotAllowedException;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.CsvUsageSink;
import dev.llmrouter.camel.usage.SpendStats;
import dev.llmrouter.camel.usage.UsageCsv;
import dev.llmrouter.camel.usage.UsageRecord;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.llmrouter.camel.CostGovernanceFixtures.HAIKU;
import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** usageLogFile, usageLogEndpoint, call observers and spendStats for served and refused calls. */
class CostGovernanceUsageLogTest extends EmulatorTestSupport {

    @TempDir
    Path dir;

    @Test
    void everyCallIsLoggedOnceWithItsUsageAndRefusalsAsRefused() throws Exception {
        Path csv = dir.resolve("usage.csv");
        List<CallEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        useHarness(c -> {
            c.setUsageLogFile(csv.toString());
            c.setUsageLogEndpoint("mock:usage");
            c.addBudget("log", new LlmRouterBudget(new BigDecimal("1"), "none"));
            c.addBudget("tiny", new LlmRouterBudget(new BigDecimal("0.00000001"), "none"));
            c.addCallObserver(events::add);
        }, null, EMULATOR.baseUrl());
        MockEndpoint usage = camel.context.getEndpoint("mock:usage", MockEndpoint.class);
        usage.expectedMessageCount(4);
        String uri = camel.chat("model=" + MINI + "&maxTokens=100&budget=log&allowedModels=openai/*");

        Exchange first = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.BUDGET_KEY, "tenant-a"));
        Exchange second = camel.send(uri, "And once more", Map.of(LlmRouterConstants.BUDGET_KEY, "tenant-a"));
        Exchange denied = camel.send(uri, PROMPT, Map.of(LlmRouterConstants.MODEL, HAIKU,
                LlmRouterConstants.BUDGET_KEY, "tenant-a"));
        Exchange broke = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&budget=tiny"), PROMPT);
        assertNull(first.getException());
        assertNull(second.getException());
        assertInstanceOf(ModelNotAllowedException.class, denied.getException());
        assertInstanceOf(BudgetExceededException.class, broke.getException());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());

        List<UsageRecord> lines = CsvUsageSink.read(csv);
        assertEquals(4, lines.size(), "one line per call: " + lines);
        assertTrue(Files.readString(csv, StandardCharsets.UTF_8).startsWith(UsageCsv.header()));
        for (int i = 0; i < 2; i++) {
            Exchange ex = i == 0 ? first : second;
            UsageRecord r = lines.get(i);
            assertEquals(MINI, r.model());
            assertEquals("ok", r.outcome());
            assertEquals(ex.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS), r.promptTokens());
            assertEquals(ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS), r.completionTokens());
            assertEquals(0, ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class).compareTo(r.cost()));
            assertEquals(ex.getMessage().getHeader(LlmRouterConstants.GENERATION_ID), r.generationId());
            assertTrue(r.generationId().startsWith("gen-"), r.generationId());
            assertEquals("tenant-a", r.budgetKey(), "the scope key, not the budget's name");
            assertFalse(r.cacheHit());
            assertFalse(r.endpoint().contains(CamelHarness.API_KEY), r.endpoint());
            assertTrue(r.endpoint().contains("apiKey=xxxxxx"), r.endpoint());
            assertTrue(r.endpoint().contains("maxTokens=100"), "only secret options are masked: " + r.endpoint());
        }
        UsageRecord refused = lines.get(2);
        assertEquals("refused", refused.outcome());
        assertNull(refused.cost());
        assertNull(refused.generationId());
        assertNull(refused.promptTokens());
        assertEquals("tenant-a", refused.budgetKey());
        assertEquals(HAIKU, refused.model(), "a refused row names the model the request asked for");
        assertEquals("refused", lines.get(3).outcome());
        assertEquals(MINI, lines.get(3).model());
        assertNull(lines.get(3).budgetKey(), "a global budget's scope key is empty");

        usage.assertIsSatisfied(5000);
        List<UsageRecord> bodies = usage.getExchanges().stream()
                .map(e -> e.getMessage().getBody(UsageRecord.class)).toList();
        assertEquals(4, bodies.size());
        for (UsageRecord r : lines) {
            assertTrue(bodies.stream().anyMatch(b -> java.util.Objects.equals(b.generationId(), r.generationId())
                                                     && b.outcome().equals(r.outcome())
                                                     && java.util.Objects.equals(b.budgetKey(), r.budgetKey())),
                    "the endpoint got " + r);
        }

        await(() -> events.size() == 4, "4 call events");
        CallEvent deniedEvent = events.get(2);
        assertEquals("ModelNotAllowedException", deniedEvent.errorType());
        assertEquals(HAIKU, deniedEvent.requestedModel());
        assertEquals("log", deniedEvent.budget());
        assertTrue(deniedEvent.attempts().isEmpty());
        assertEquals("BudgetExceededException", events.get(3).errorType());

        Map<String, SpendStats.Totals> stats = camel.component.spendStats().snapshot();
        SpendStats.Totals mini = stats.get(MINI);
        assertEquals(3, mini.calls(), "two served, one refused by the budget: " + stats);
        assertEquals(1, mini.errors());
        BigDecimal cost = first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)
                .add(second.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class));
        assertEquals(0, cost.compareTo(mini.cost()), mini.cost() + " vs " + cost);
        assertEquals(first.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class)
                     + second.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class),
                mini.promptTokens());
        SpendStats.Totals haiku = stats.get(HAIKU);
        assertEquals(1, haiku.calls());
        assertEquals(1, haiku.errors());
        assertEquals(0, haiku.cost().signum());
    }

    @Test
    void aFailedCallIsLoggedAsAnError() throws Exception {
        Path csv = dir.resolve("errors.csv");
        useHarness(c -> c.setUsageLogFile(csv.toString()), null, EMULATOR.baseUrl());
        EMULATOR.emulator().fault(MINI, dev.llmrouter.test.EmulatorFault.status(500));

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxRetries=0"), PROMPT);

        assertTrue(ex.getException() != null);
        List<UsageRecord> lines = CsvUsageSink.read(csv);
        assertEquals(1, lines.size());
        assertEquals("error", lines.get(0).outcome());
        assertNull(lines.get(0).budgetKey());
        assertEquals(1, camel.component.spendStats().snapshot().get(MINI).errors());
    }
}
