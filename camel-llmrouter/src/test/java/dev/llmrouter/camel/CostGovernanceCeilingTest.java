package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.error.UnknownModelPriceException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.llmrouter.camel.CostGovernanceFixtures.HAIKU;
import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** maxCostPerRequest end to end: prices from GET /models or a pricingCatalog file, unknown models. */
class CostGovernanceCeilingTest extends EmulatorTestSupport {

    @TempDir
    Path dir;

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private long modelsRequests() {
        return EMULATOR.emulator().requests().stream().filter(c -> c.path().endsWith("/models")).count();
    }

    @Test
    void pricesFromGetModelsAdmitACallUnderTheCeilingAndTheEstimateCoversTheRealCost() {
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=0.01"), PROMPT);

        assertNull(ex.getException());
        assertEquals(1, chats());
        assertTrue(modelsRequests() >= 1, "prices were read from GET /models");
        BigDecimal estimate = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(estimate);
        assertNotNull(cost);
        assertTrue(cost.signum() > 0, "the emulator bills the call: " + cost);
        assertTrue(estimate.compareTo(cost) >= 0, "estimate " + estimate + " >= cost " + cost);
        // the completion part alone: 100 tokens at the catalog's 0.0000006 USD
        assertTrue(estimate.compareTo(new BigDecimal("0.00006")) > 0, estimate.toPlainString());
        assertTrue(estimate.compareTo(new BigDecimal("0.0001")) < 0, "only a short prompt: " + estimate);
    }

    @Test
    void aCeilingBelowTheWorstCaseFailsBeforeAnythingIsSent() {
        // 100 completion tokens at 0.0000006 USD are 0.00006 USD: the worst case is above 0.00005
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=0.00005"), PROMPT);

        CostCeilingExceededException e = assertInstanceOf(CostCeilingExceededException.class, ex.getException());
        assertTrue(e.getMessage().contains("maxCostPerRequest"), e.getMessage());
        assertTrue(e.getMessage().contains(MINI), e.getMessage());
        assertEquals(0, new BigDecimal("0.00005").compareTo(e.getCeiling()));
        assertTrue(e.getEstimate().compareTo(e.getCeiling()) > 0);
        assertEquals(MINI, e.getModel());
        assertEquals(0, chats(), "no chat request was sent");
        assertEquals(PROMPT, ex.getMessage().getBody());

        // the same request under a ceiling just above its worst case goes, with exactly that estimate
        Exchange ok = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest="
                                            + e.getEstimate().toPlainString()), PROMPT);
        assertNull(ok.getException());
        assertEquals(0, e.getEstimate().compareTo(ok.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST,
                BigDecimal.class)));
        assertEquals(1, chats());
    }

    @Test
    void theWorstCaseCoversEveryFallbackModel() {
        // haiku's completion price (0.000005) is far above gpt-4o-mini's: 100 tokens are 0.0005 USD
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&fallbackModels=" + HAIKU
                                            + "&maxTokens=100&maxCostPerRequest=0.0003"), PROMPT);

        CostCeilingExceededException e = assertInstanceOf(CostCeilingExceededException.class, ex.getException());
        assertTrue(e.getEstimate().compareTo(new BigDecimal("0.0005")) > 0, e.getEstimate().toPlainString());
        assertEquals(0, chats());
    }

    private String catalogFile(String json) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return "file:" + file.toAbsolutePath();
    }

    @Test
    void pricesFromAPricingCatalogFileAreUsedInsteadOfGetModels() throws Exception {
        // ten thousand times the emulator's price: 100 completion tokens cost 0.2 USD here
        String file = catalogFile("{\"data\":[{\"id\":\"" + MINI + "\",\"context_length\":128000,"
                                  + "\"pricing\":{\"prompt\":\"0.001\",\"completion\":\"0.002\"}}]}");

        Exchange refused = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=0.1"
                                                 + "&pricingCatalog=" + file), PROMPT);
        CostCeilingExceededException e = assertInstanceOf(CostCeilingExceededException.class, refused.getException());
        assertTrue(e.getEstimate().compareTo(new BigDecimal("0.2")) > 0, e.getEstimate().toPlainString());
        assertEquals(0, chats());

        Exchange ok = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=1"
                                            + "&pricingCatalog=" + file), PROMPT);
        assertNull(ok.getException());
        assertEquals(1, chats());
        BigDecimal estimate = ok.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        assertEquals(0, e.getEstimate().compareTo(estimate));
        assertTrue(estimate.compareTo(ok.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)) >= 0);
        assertEquals(0, modelsRequests(), "the file's prices need no GET /models");
    }

    @Test
    void anUnknownModelIsRejectedByDefaultAndPricedAtTheWorstCaseWhenAsked() throws Exception {
        // the file knows haiku only: gpt-4o-mini (which the emulator serves) has no price
        String file = catalogFile("{\"data\":[{\"id\":\"" + HAIKU + "\",\"context_length\":200000,"
                                  + "\"pricing\":{\"prompt\":\"0.000001\",\"completion\":\"0.000005\"}}]}");

        Exchange rejected = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=1"
                                                  + "&pricingCatalog=" + file + "&unknownModelPolicy=reject"), PROMPT);
        UnknownModelPriceException e = assertInstanceOf(UnknownModelPriceException.class, rejected.getException());
        assertEquals(MINI, e.getModel());
        assertTrue(e.getMessage().contains(MINI), e.getMessage());
        assertEquals(0, chats());

        Exchange defaulted = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=1"
                                                   + "&pricingCatalog=" + file), PROMPT);
        assertInstanceOf(UnknownModelPriceException.class, defaulted.getException(), "reject is the default");
        assertEquals(0, chats());

        // 100 completion tokens at 30 USD per million are 0.003 USD
        Exchange priced = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=1"
                                                + "&pricingCatalog=" + file + "&unknownModelPolicy=worstCase"
                                                + "&worstCasePricePrompt=10&worstCasePriceCompletion=30"), PROMPT);
        assertNull(priced.getException());
        assertEquals(1, chats());
        BigDecimal estimate = priced.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        assertTrue(estimate.compareTo(new BigDecimal("0.003")) > 0, estimate.toPlainString());
        assertTrue(estimate.compareTo(new BigDecimal("0.004")) < 0, estimate.toPlainString());

        // the worst-case price still counts against the ceiling
        Exchange capped = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&maxCostPerRequest=0.002"
                                                + "&pricingCatalog=" + file + "&unknownModelPolicy=worstCase"
                                                + "&worstCasePricePrompt=10&worstCasePriceCompletion=30"), PROMPT);
        assertInstanceOf(CostCeilingExceededException.class, capped.getException());
        assertEquals(1, chats());
    }
}
