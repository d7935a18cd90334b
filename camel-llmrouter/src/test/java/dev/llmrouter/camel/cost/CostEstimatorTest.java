package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.Plugin;
import dev.llmrouter.camel.wire.Usage;

import static dev.llmrouter.camel.cost.PricingCatalogTest.assertDecimal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostEstimatorTest {

    final PricingCatalog catalog = PricingCatalogTest.catalog();
    final TokenEstimator tokens = TokenEstimator.defaults();
    final CostEstimator estimator = CostEstimator.builder(catalog).build();
    final List<ChatMessage> hello = List.of(ChatMessage.user("Hello there, how are you?"));

    private int prompt(String model) {
        return tokens.estimate(model, ChatRequest.builder().messages(hello).build());
    }

    @Test
    void promptPlusMaxTokens() {
        ChatRequest r = ChatRequest.builder().model("openai/gpt-4o-mini").messages(hello).maxTokens(1000).build();
        CostEstimate e = estimator.estimate(r);
        int p = prompt("openai/gpt-4o-mini");
        assertEquals(p, e.promptTokens());
        assertEquals(1000, e.completionTokens());
        BigDecimal expected = new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(p))
                .add(new BigDecimal("0.0006"));
        assertDecimal(expected.toPlainString(), e.total());
        assertTrue(e.priceKnown());
    }

    @Test
    void maxCompletionTokensBoundsTheCompletionWhenMaxTokensIsUnset() {
        ChatRequest r = ChatRequest.builder().model("openai/gpt-4o-mini").messages(hello).maxCompletionTokens(700)
                .build();
        assertEquals(700, estimator.estimate(r).completionTokens());
        assertEquals(300, estimator.estimate(r.toBuilder().maxTokens(300).build()).completionTokens());
    }

    @Test
    void withoutMaxTokensUsesContextLengthMinusPromptElseTheDefault() {
        ChatRequest r = ChatRequest.builder().model("openai/gpt-4o-mini").messages(hello).build();
        int p = prompt("openai/gpt-4o-mini");
        assertEquals(128000 - p, estimator.estimate(r).completionTokens());

        PricingCatalog noContext = PricingCatalog.builder().add("x/y", "0.000001", "0.000002").build();
        assertEquals(4096, CostEstimator.builder(noContext).build().estimate(r, "x/y").completionTokens());
        assertEquals(100, CostEstimator.builder(noContext).defaultMaxTokens(100).build()
                .estimate(r, "x/y").completionTokens());
    }

    @Test
    void webPluginOnlineSuffixAndImagesAreAdded() {
        List<Object> parts = List.of(Map.of("type", "text", "text", "What is this?"),
                Map.of("type", "image_url", "image_url", Map.of("url", "data:image/png;base64,AAAA")),
                Map.of("type", "image_url", "image_url", Map.of("url", "https://example.com/b.png")));
        ChatRequest r = ChatRequest.builder().model("anthropic/claude-haiku-4.5").maxTokens(0)
                .messages(List.of(new ChatMessage("user", parts, null, null, null)))
                .plugins(List.of(Plugin.web(null, 3, null, null, null))).build();
        CostEstimate e = estimator.estimate(r);
        assertDecimal("0.03", e.webSearchCost());
        assertDecimal("0.0032", e.imageCost());
        assertDecimal(new BigDecimal("0.000001").multiply(BigDecimal.valueOf(e.promptTokens()))
                .add(new BigDecimal("0.0332")).toPlainString(), e.total());

        ChatRequest online = ChatRequest.builder().model("openai/gpt-4o-mini:online").messages(hello).maxTokens(0)
                .build();
        assertWhy("0.02", estimator.estimate(online).webSearchCost(), "5 results × fallback 0.004");
        ChatRequest disabled = online.toBuilder().model("openai/gpt-4o-mini")
                .plugins(List.of(new Plugin("web", false, null, 9, null, null, null, null, null, null, null, null))).build();
        assertDecimal("0", estimator.estimate(disabled).webSearchCost());
    }

    private static void assertWhy(String expected, BigDecimal actual, String why) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), why + ": " + actual);
    }

    @Test
    void requestFeeAndReasoningPrice() {
        Price p = Price.of("0", "0.00001").withRequest(new BigDecimal("0.005"));
        Price reasoning = new Price(p.prompt(), p.completion(), p.request(), p.image(), p.webSearch(),
                new BigDecimal("0.00002"), p.cacheRead(), p.cacheWrite());
        PricingCatalog c = PricingCatalog.builder().add("r/one", reasoning).build();
        ChatRequest r = ChatRequest.builder().model("r/one").messages(hello).maxTokens(100).build();
        CostEstimate e = CostEstimator.builder(c).build().estimate(r);
        assertDecimal("0.002", e.completionCost());
        assertDecimal("0.007", e.total());
    }

    @Test
    void unknownModels() {
        ChatRequest r = ChatRequest.builder().model("acme/unknown").messages(hello).maxTokens(10).build();
        UnknownModelPriceException ex = assertThrows(UnknownModelPriceException.class, () -> estimator.estimate(r));
        assertTrue(ex.getMessage().contains("acme/unknown"));
        CostEstimator worst = CostEstimator.builder(catalog).unknownModelPolicy(UnknownModelPolicy.WORST_CASE)
                .worstCasePrice(Price.of("0.0001", "0.0001")).build();
        CostEstimate e = worst.estimate(r);
        assertFalse(e.priceKnown());
        assertDecimal(new BigDecimal("0.0001").multiply(BigDecimal.valueOf(e.promptTokens() + 10)).toPlainString(),
                e.total());
        assertThrows(IllegalArgumentException.class,
                () -> CostEstimator.builder(catalog).unknownModelPolicy(UnknownModelPolicy.WORST_CASE).build());
    }

    @Test
    void worstOfFallbackModels() {
        ChatRequest r = ChatRequest.builder().model("openai/gpt-4o-mini")
                .models(List.of("anthropic/claude-haiku-4.5", "openai/gpt-4o-mini:free")).messages(hello)
                .maxTokens(500).build();
        assertEquals("anthropic/claude-haiku-4.5", estimator.estimateWorstOf(r).model());
    }

    @Test
    void preflightCeiling() {
        ChatRequest r = ChatRequest.builder().model("anthropic/claude-haiku-4.5").messages(hello).maxTokens(2000)
                .build();
        PreflightCheck ok = new PreflightCheck(estimator, new BigDecimal("0.02"));
        assertTrue(ok.check(r).total().compareTo(new BigDecimal("0.01")) > 0);
        PreflightCheck tight = new PreflightCheck(estimator, new BigDecimal("0.01"));
        CostCeilingExceededException e = assertThrows(CostCeilingExceededException.class, () -> tight.check(r));
        String m = e.getMessage();
        assertTrue(m.contains("maxCostPerRequest"), m);
        assertTrue(m.contains("anthropic/claude-haiku-4.5"), m);
        assertTrue(m.contains("maxCostPerRequest $0.01;"), m);
        int p = prompt("anthropic/claude-haiku-4.5");
        BigDecimal est = new BigDecimal("0.000001").multiply(BigDecimal.valueOf(p)).add(new BigDecimal("0.01"));
        assertTrue(m.contains("$" + est.stripTrailingZeros().toPlainString()), m + " should contain " + est);
        assertDecimal(est.toPlainString(), e.getEstimate());
        assertFalse(e.isRetryable());
        assertEquals("cost_ceiling_exceeded", e.getErrorType());
        PreflightCheck.requireWithin(estimator.estimate(r), null);
    }

    @Test
    void actualCostPrefersTheReportedCost() {
        Usage reported = new Usage(10, 10, 20, new BigDecimal("0.123"), null, null, null, null, null);
        assertDecimal("0.123", CostEstimator.actualCost(reported, Price.ZERO));
        assertNull(CostEstimator.actualCost(null, Price.ZERO));
    }

    @Test
    void actualCostFromTokensWithCacheReasoningAndSearch() {
        Price p = new Price(new BigDecimal("0.000001"), new BigDecimal("0.000005"), new BigDecimal("0.001"),
                BigDecimal.ZERO, new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.0000001"),
                new BigDecimal("0.00000125"));
        Usage u = new Usage(1000, 300, 1300, null, null, new Usage.PromptTokensDetails(600, 100, null),
                new Usage.CompletionTokensDetails(200, null), null, new Usage.ServerToolUseDetails(2, null, null));
        // 300 × 1e-6 + 600 × 1e-7 + 100 × 1.25e-6 + 100 × 5e-6 + 200 × 1e-5 + 0.001 + 2 × 0.01
        assertDecimal("0.023985", CostEstimator.actualCost(u, p));
    }
}
