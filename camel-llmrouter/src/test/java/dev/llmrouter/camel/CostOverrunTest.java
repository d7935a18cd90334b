package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.cost.CostEstimate;
import dev.llmrouter.camel.cost.WorstCaseEstimate;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.observability.MicrometerObserver;
import dev.llmrouter.test.EmulatorCatalog;
import dev.llmrouter.test.EmulatorModel;
import dev.llmrouter.test.EmulatorProvider;
import dev.llmrouter.test.OpenRouterEmulatorExtension;
import dev.llmrouter.test.RecordedCall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, point 4: the estimate's inputs in header CamelLlmRouterEstimate, OpenRouter's provider.max_price sent at
 * the estimate's prices (boundServerPrice), and calls that cost more than their reserved worst case (overruns)
 * counted in meters, the dev console and one WARN each. The test model's catalog price (what GET /models shows) is
 * its first provider's, Cheap; its second provider, Dear, charges ten times as much.
 */
class CostOverrunTest {

    static final String MODEL = "test/two-prices";
    static final String OTHER = "test/other-prices";
    static final String PROMPT = "Say hello to the budget";

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create(EmulatorCatalog.defaults()
            .with(new EmulatorModel(MODEL, "Two prices", 8192, List.of(
                    EmulatorProvider.of("Cheap", "0.000001", "0.000002"),
                    EmulatorProvider.of("Dear", "0.00001", "0.00002"))))
            .with(new EmulatorModel(OTHER, "Other prices", 8192, List.of(
                    EmulatorProvider.of("Other", "0.000003", "0.0000015")))));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private CamelHarness camel;

    @BeforeEach
    void start() {
        camel = new CamelHarness(EMULATOR.baseUrl());
    }

    @AfterEach
    void stop() {
        camel.close();
    }

    private RecordedCall lastChat() {
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertFalse(calls.isEmpty(), "a chat request was sent");
        return calls.get(calls.size() - 1);
    }

    private static void assertAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected.toPlainString() + " but was "
                                                    + actual.toPlainString());
    }

    @Test
    void theEstimateHeaderCarriesEveryInputOfTheWorstCase() {
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&maxCostPerRequest=1"), PROMPT);
        assertNull(ex.getException());
        WorstCaseEstimate e = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATE, WorstCaseEstimate.class);
        assertNotNull(e, "header " + LlmRouterConstants.ESTIMATE);
        assertAmount(ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class), e.total(),
                "total = header CamelLlmRouterEstimatedCost");
        assertEquals(1, e.parts().size());
        CostEstimate d = e.driver();
        assertEquals(MODEL, d.model());
        assertTrue(d.promptTokens() > 0, "prompt tokens estimated");
        assertEquals(50, d.completionTokens());
        assertEquals(CostEstimate.CompletionBound.MAX_TOKENS, d.completionBound());
        assertAmount(new BigDecimal("0.000001"), d.promptPrice(), "prompt price per token");
        assertAmount(new BigDecimal("0.000002"), d.completionPrice(), "completion price per token");
        assertAmount(BigDecimal.ZERO, d.requestFee(), "request fee");
        assertAmount(BigDecimal.ZERO, d.webSearchCost(), "web search");
        assertAmount(BigDecimal.ZERO, d.imageCost(), "images");
        assertAmount(new BigDecimal("0.000001").multiply(BigDecimal.valueOf(d.promptTokens()))
                .add(new BigDecimal("0.0001")), d.total(), "prompt tokens x price + 50 x 0.000002");
        assertEquals(CamelHarness.json("{\"prompt\":\"1\",\"completion\":\"2\"}"),
                dev.llmrouter.camel.wire.WireJson.mapper().valueToTree(e.serverBound()), "the bound sent");
    }

    @Test
    void withoutMaxTokensTheBoundIsTheContextWindowLessThePrompt() {
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&maxCostPerRequest=1"), PROMPT);
        assertNull(ex.getException());
        CostEstimate d = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATE, WorstCaseEstimate.class).driver();
        assertEquals(CostEstimate.CompletionBound.CONTEXT_WINDOW, d.completionBound());
        assertEquals(8192 - d.promptTokens(), d.completionTokens());
    }

    @Test
    void maxCompletionTokensIsNamedAsTheBoundWhenMaxTokensIsNotSet() {
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&maxCompletionTokens=40&maxCostPerRequest=1"), PROMPT);
        assertNull(ex.getException());
        CostEstimate d = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATE, WorstCaseEstimate.class).driver();
        assertEquals(CostEstimate.CompletionBound.MAX_COMPLETION_TOKENS, d.completionBound());
        assertEquals(40, d.completionTokens());
    }

    @Test
    void maxPriceAtTheEstimatePricesIsSentWithABudget() {
        camel.component.addBudget("team", new LlmRouterBudget(new BigDecimal("5"), "none"));
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&budget=team"), PROMPT);
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"max_price\":{\"prompt\":\"1\",\"completion\":\"2\"}}"),
                lastChat().json().get("provider"));
    }

    @Test
    void theBoundCoversEveryModelTheCallMayAskAndKeepsTheExplicitField() {
        // fallback OTHER: prompt 3/M (dearer), completion 1.5/M (cheaper than MODEL's 2/M)
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&fallbackModels=" + OTHER
                                            + "&maxTokens=50&maxCostPerRequest=1"), PROMPT);
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"prompt\":\"3\",\"completion\":\"2\"}"),
                lastChat().json().get("provider").get("max_price"));

        // an explicit field is kept as it is (tighter or looser), the other is filled from the estimate
        ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&maxCostPerRequest=1&maxPricePrompt=0.5"
                                   + "&sort=price"), PROMPT);
        assertInstanceOf(NoProviderException.class, ex.getException(), "no provider at 0.5/M: the explicit bound held");
        assertEquals(CamelHarness.json("{\"sort\":\"price\",\"max_price\":{\"prompt\":\"0.5\",\"completion\":\"2\"}}"),
                lastChat().json().get("provider"));

        ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&maxCostPerRequest=1"), PROMPT,
                Map.of(LlmRouterConstants.MAX_PRICE_COMPLETION, 7.0));
        assertNull(ex.getException());
        assertEquals(CamelHarness.json("{\"prompt\":\"1\",\"completion\":\"7\"}"),
                lastChat().json().get("provider").get("max_price"));
    }

    @Test
    void noBoundWithoutBudgetOrCeilingOrWhenSwitchedOffOrForAnOpenAiTarget() {
        camel.send(camel.chat("model=" + MODEL + "&maxTokens=50"), PROMPT);
        assertNull(lastChat().json().get("provider"), "no budget and no ceiling: nothing to bound");

        camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&maxCostPerRequest=1&boundServerPrice=false"), PROMPT);
        assertNull(lastChat().json().get("provider"), "boundServerPrice=false");

        camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&maxCostPerRequest=1&dialect=openai"), PROMPT);
        assertNull(lastChat().json().get("provider"), "an openai-dialect target gets no provider object");
    }

    @Test
    void theBoundKeepsADearerProviderFromServingAndNothingIsBooked() {
        camel.component.addBudget("team", new LlmRouterBudget(new BigDecimal("5"), "none"));
        // Cheap, the catalog's price, is left out: only Dear (ten times the price) could serve
        Exchange ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=50&budget=team&providerIgnore=Cheap"),
                PROMPT);
        NoProviderException e = assertInstanceOf(NoProviderException.class, ex.getException());
        assertTrue(e.getMessage().contains("max price"), e.getMessage());
        assertEquals(PROMPT, ex.getMessage().getBody(), "body intact");
        LedgerRow row = camel.component.ledger().snapshot().stream().filter(r -> r.budget().equals("team"))
                .findFirst().orElseThrow();
        assertAmount(BigDecimal.ZERO, row.spent(), "spent");
        assertAmount(BigDecimal.ZERO, row.reserved(), "reserved");
    }

    @Test
    void anOverrunIsCountedInTheMetersTheConsoleAndOneWarn() {
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), c -> c.addBudget("team", new LlmRouterBudget(new BigDecimal("5"),
                "none")), null, registry -> registry.bind("meters", meters));
        String uri = camel.chat("model=" + MODEL + "&maxTokens=5&budget=team&providerIgnore=Cheap"
                                + "&boundServerPrice=false");
        Exchange ex;
        try (LogCapture log = new LogCapture()) {
            ex = camel.send(uri, PROMPT);
            assertNull(ex.getException());
            BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
            BigDecimal worst = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
            assertTrue(cost.compareTo(worst) > 0, "Dear billed above the estimate: " + cost + " > " + worst);
            BigDecimal over = cost.subtract(worst);

            // settled at the real cost: the budget is charged what was billed, above the reservation
            LedgerRow row = camel.component.ledger().snapshot().stream().filter(r -> r.budget().equals("team"))
                    .findFirst().orElseThrow();
            assertAmount(cost, row.spent(), "spent");

            Counter overruns = meters.find(MicrometerObserver.OVERRUNS).tag("budget", "team").counter();
            assertNotNull(overruns, "counter " + MicrometerObserver.OVERRUNS);
            assertEquals(1.0, overruns.count());
            Counter amount = meters.find(MicrometerObserver.OVERRUN_COST).tag("budget", "team").counter();
            assertNotNull(amount, "counter " + MicrometerObserver.OVERRUN_COST);
            assertEquals(over.doubleValue(), amount.count(), 1e-12);

            List<LogCapture.Line> warns = log.at(Level.WARN).stream()
                    .filter(l -> l.message().startsWith("Overrun on budget team")).toList();
            assertEquals(1, warns.size(), () -> "one WARN per overrun: " + log.lines());
            String w = warns.get(0).message();
            assertTrue(w.contains(Usd.text(cost)), w);
            assertTrue(w.contains(Usd.text(worst)), w);
            assertTrue(w.contains(Usd.text(over)), w);
            assertFalse(w.contains(CamelHarness.API_KEY), "no secret in the log");

            DevConsole console = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                    .resolveById("llmrouter");
            String text = (String) console.call(DevConsole.MediaType.TEXT);
            assertTrue(text.contains("team: 1 overruns, $" + Usd.text(over)), text);
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
            JsonNode tree = CamelHarness.json(org.apache.camel.util.json.Jsoner.serialize(json));
            assertEquals(CamelHarness.json("[{\"budget\":\"team\",\"count\":1,\"amount\":"
                                           + Usd.text(over) + "}]"),
                    tree.get("components").get(0).get("overruns"));
        }

        // a call within its worst case is no overrun
        ex = camel.send(camel.chat("model=" + MODEL + "&maxTokens=5&budget=team"), PROMPT);
        assertNull(ex.getException());
        assertEquals(1.0, meters.find(MicrometerObserver.OVERRUNS).tag("budget", "team").counter().count());
    }
}
