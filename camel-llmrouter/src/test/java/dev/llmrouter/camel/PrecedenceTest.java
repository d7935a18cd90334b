package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.error.InvalidMessageException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message headers beat endpoint options, which beat component options. */
class PrecedenceTest extends EmulatorTestSupport {


    @Override
    protected CamelHarness createHarness() {
        return new CamelHarness(EMULATOR.baseUrl(), c -> {
            c.getConfiguration().setModel("anthropic/claude-haiku-4.5");
            c.getConfiguration().setMaxTokens(100);
            c.getConfiguration().setSort("latency");
            c.getConfiguration().setSystemPrompt("component prompt");
            c.getConfiguration().setUser("component-user");
        }, null);
    }

    private JsonNode sent() {
        return EMULATOR.emulator().lastRequest().json();
    }

    @Test
    void componentOptionsApplyWhenTheEndpointSaysNothing() {
        camel.send(camel.chat(""), "Hi");
        assertEquals(CamelHarness.json("{\"model\":\"anthropic/claude-haiku-4.5\",\"max_tokens\":100,"
                                       + "\"user\":\"component-user\",\"provider\":{\"sort\":\"latency\"},\"messages\":["
                                       + "{\"role\":\"system\",\"content\":\"component prompt\"},{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                sent());
    }

    @Test
    void endpointOptionsBeatComponentOptions() {
        camel.send(camel.chat("model=openai/gpt-4o-mini&maxTokens=50&sort=price&systemPrompt=endpoint prompt"), "Hi");
        JsonNode body = sent();
        assertEquals("openai/gpt-4o-mini", body.get("model").asText());
        assertEquals(50, body.get("max_tokens").asInt());
        assertEquals("price", body.at("/provider/sort").asText());
        assertEquals("endpoint prompt", body.at("/messages/0/content").asText());
        assertEquals("component-user", body.get("user").asText());
    }

    @Test
    void headersBeatEndpointOptions() {
        camel.send(camel.chat("model=openai/gpt-4o-mini&maxTokens=50&sort=price&providerOrder=OpenAI&zdr=false"
                              + "&maxPricePrompt=5&maxPriceCompletion=10&maxPriceRequest=0.1&sessionId=s1"
                              // the completion price header is above the endpoint's: a widening only override allows
                              + "&headerPolicy=override"),
                "Hi", Map.ofEntries(
                        Map.entry(LlmRouterConstants.MODEL, "anthropic/claude-sonnet-4.5"),
                        Map.entry(LlmRouterConstants.FALLBACK_MODELS, "anthropic/claude-haiku-4.5"),
                        Map.entry(LlmRouterConstants.SYSTEM_PROMPT, "header prompt"),
                        Map.entry(LlmRouterConstants.MAX_TOKENS, "25"),
                        Map.entry(LlmRouterConstants.PROVIDER_SORT, "throughput"),
                        Map.entry(LlmRouterConstants.PROVIDER_ORDER, "Anthropic,Amazon Bedrock"),
                        Map.entry(LlmRouterConstants.PROVIDER_IGNORE, "Google Vertex"),
                        Map.entry(LlmRouterConstants.ZDR, true),
                        Map.entry(LlmRouterConstants.MAX_PRICE_PROMPT, new BigDecimal("3")),
                        Map.entry(LlmRouterConstants.MAX_PRICE_COMPLETION, "15"),
                        Map.entry(LlmRouterConstants.SESSION_ID, "s2"),
                        Map.entry(LlmRouterConstants.USER, "header-user")));
        assertEquals(CamelHarness.json("{\"model\":\"anthropic/claude-sonnet-4.5\","
                                       + "\"models\":[\"anthropic/claude-haiku-4.5\"],\"max_tokens\":25,\"session_id\":\"s2\","
                                       + "\"user\":\"header-user\",\"provider\":{\"order\":[\"Anthropic\",\"Amazon Bedrock\"],"
                                       + "\"ignore\":[\"Google Vertex\"],\"zdr\":true,\"sort\":\"throughput\","
                                       + "\"max_price\":{\"prompt\":\"3\",\"completion\":\"15\",\"request\":\"0.1\"}},"
                                       + "\"messages\":[{\"role\":\"system\",\"content\":\"header prompt\"},"
                                       + "{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                sent());
    }

    @Test
    void anEmptyFallbackHeaderRemovesTheFallbacks() {
        camel.send(camel.chat("fallbackModels=a/b,c/d"), "Hi", Map.of(LlmRouterConstants.FALLBACK_MODELS, ""));
        assertTrue(sent().path("models").isMissingNode());
    }

    @Test
    void anInvalidHeaderIsRefusedBeforeAnyCall() {
        Exchange ex = camel.send(camel.chat(""), "Hi", Map.of(LlmRouterConstants.PROVIDER_SORT, "cheapest"));
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertEquals("Invalid header: Invalid value 'cheapest' for CamelLlmRouterProviderSort: allowed values are"
                     + " price, throughput, latency, exacto", e.getMessage());
        Exchange ex2 = camel.send(camel.chat(""), "Hi", Map.of(LlmRouterConstants.MAX_TOKENS, "many"));
        assertInstanceOf(InvalidMessageException.class, ex2.getException());
        assertTrue(ex2.getException().getMessage().contains("many"), ex2.getException().getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
        assertEquals("Hi", ex.getMessage().getBody());
    }

    @Test
    void aRequestObjectKeepsItsFieldsAndTheTemplateFillsTheRest() {
        var request = dev.llmrouter.camel.wire.ChatRequest.builder()
                .model("openai/gpt-4o-mini")
                .maxTokens(7)
                .provider(new dev.llmrouter.camel.wire.ProviderPreferences(null, null, null, "deny", null, null, null,
                        null, null, null, null, null, null))
                .messages(java.util.List.of(dev.llmrouter.camel.wire.ChatMessage.user("Own message")))
                .build();
        camel.send(camel.chat(""), request);
        assertEquals(CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"max_tokens\":7,\"user\":\"component-user\","
                                       + "\"provider\":{\"data_collection\":\"deny\",\"sort\":\"latency\"},"
                                       + "\"messages\":[{\"role\":\"user\",\"content\":\"Own message\"}]}"),
                sent());
    }
}
