package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.NotFoundException;
import dev.llmrouter.camel.wire.GenerationInfo;
import dev.llmrouter.camel.wire.KeyInfo;
import dev.llmrouter.camel.wire.ModelInfo;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operations besides chat: models, generation, key and embeddings. */
class OperationsTest extends EmulatorTestSupport {


    @Test
    void modelsReturnsTheCatalogWithExactPrices() {
        Exchange ex = camel.send(camel.endpoint("models", ""), null);
        assertNull(ex.getException());
        List<?> models = assertInstanceOf(List.class, ex.getMessage().getBody());
        ModelInfo haiku = models.stream().map(ModelInfo.class::cast)
                .filter(m -> m.id().equals("anthropic/claude-haiku-4.5")).findFirst().orElseThrow();
        BigDecimal expectedPrompt = EMULATOR.emulator().catalog().models().stream()
                .filter(m -> m.id().equals("anthropic/claude-haiku-4.5")).findFirst().orElseThrow()
                .providers().get(0).promptPrice();
        assertEquals(0, expectedPrompt.compareTo(haiku.pricing().prompt()));
        assertTrue(haiku.contextLength() > 0);
        assertEquals("GET", EMULATOR.emulator().lastRequest().method());
        assertEquals("/api/v1/models", EMULATOR.emulator().lastRequest().path());
    }

    @Test
    void generationLooksUpTheIdOfAnEarlierChat() {
        Exchange chat = camel.send(camel.chat("model=openai/gpt-4o-mini"), "Hello there");
        String id = chat.getMessage().getHeader(LlmRouterConstants.GENERATION_ID, String.class);
        BigDecimal cost = chat.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);

        Exchange byHeader = camel.template.send(camel.endpoint("generation", ""),
                e -> e.getMessage().setHeader(LlmRouterConstants.GENERATION_ID, id));
        GenerationInfo info = assertInstanceOf(GenerationInfo.class, byHeader.getMessage().getBody());
        assertEquals(id, info.id());
        assertEquals("openai/gpt-4o-mini", info.model());
        assertEquals(0, cost.compareTo(info.totalCost()));
        assertEquals(id, EMULATOR.emulator().lastRequest().queryParam("id"));

        Exchange byBody = camel.send(camel.endpoint("generation", ""), id);
        assertEquals(id, ((GenerationInfo) byBody.getMessage().getBody()).id());

        Exchange unknown = camel.send(camel.endpoint("generation", ""), "gen-does-not-exist");
        NotFoundException notFound = assertInstanceOf(NotFoundException.class, unknown.getException());
        assertEquals(404, notFound.getStatusCode());
        Exchange none = camel.send(camel.endpoint("generation", ""), null);
        assertInstanceOf(InvalidMessageException.class, none.getException());
    }

    @Test
    void keyReportsUsageAndLimit() {
        EMULATOR.emulator().keyLimit(new BigDecimal("10"));
        camel.send(camel.chat("model=openai/gpt-4o-mini"), "Hello");
        KeyInfo key = assertInstanceOf(KeyInfo.class, camel.send(camel.endpoint("key", ""), null).getMessage().getBody());
        assertEquals(0, new BigDecimal("10").compareTo(key.limit()));
        assertTrue(key.usage().signum() > 0);
        assertEquals(0, key.limit().subtract(key.usage()).compareTo(key.limitRemaining()));
    }

    @Test
    void embeddingsForOneTextAndForAList() {
        Exchange one = camel.send(camel.endpoint("embeddings", "model=openai/text-embedding-3-small&dimensions=4"),
                "hello");
        float[] vector = assertInstanceOf(float[].class, one.getMessage().getBody());
        assertEquals(4, vector.length);
        assertEquals(CamelHarness.json("{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hello\",\"dimensions\":4}"),
                EMULATOR.emulator().lastRequest().json());
        assertTrue(one.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class) > 0);

        Exchange many = camel.send(camel.endpoint("embeddings", "model=openai/text-embedding-3-small"),
                List.of("a", "b", "c"));
        List<?> vectors = assertInstanceOf(List.class, many.getMessage().getBody());
        assertEquals(3, vectors.size());

        Exchange bad = camel.send(camel.endpoint("embeddings", "model=openai/text-embedding-3-small"), 12);
        assertInstanceOf(InvalidMessageException.class, bad.getException());
    }
}
