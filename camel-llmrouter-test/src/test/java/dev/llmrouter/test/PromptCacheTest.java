package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The emulated prompt cache: {@code cache_control} breakpoints write prefixes per model and provider, later requests
 * starting with a written prefix read it, billed at the cache prices the catalog lists.
 */
class PromptCacheTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final Http http = new Http(EMULATOR.baseUrl());

    /** 40 characters: 10 tokens + 4 per message = 14 prompt tokens. */
    private static final String SYSTEM = "You are the ACME support desk. Be brief.";

    private static String marked(String model, String user) {
        return """
                {"model":"%s","messages":[
                  {"role":"system","content":[{"type":"text","text":"%s","cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":"%s"}]}""".formatted(model, SYSTEM, user);
    }

    private static JsonNode details(JsonNode answer) {
        return answer.get("usage").get("prompt_tokens_details");
    }

    private static BigDecimal promptCost(JsonNode answer) {
        return answer.get("usage").get("cost_details").get("upstream_inference_prompt_cost").decimalValue();
    }

    @Test
    void aBreakpointWritesItsPrefixAndTheNextRequestReadsIt() {
        // "Hello": ceil(5/4) + 4 = 6 tokens; prompt 14 + 6 = 20
        JsonNode first = http.chat(marked("anthropic/claude-haiku-4.5", "Hello"));
        assertEquals(20, first.get("usage").get("prompt_tokens").asInt());
        assertEquals(Http.parse("{\"cached_tokens\":0,\"cache_write_tokens\":14,\"audio_tokens\":0}"), details(first));
        // 6 plain tokens at 0.000001 + 14 written at 1.25 times that
        assertEquals(0, new BigDecimal("0.0000235").compareTo(promptCost(first)), first.toString());

        JsonNode second = http.chat(marked("anthropic/claude-haiku-4.5", "Again"));
        assertEquals(Http.parse("{\"cached_tokens\":14,\"cache_write_tokens\":0,\"audio_tokens\":0}"), details(second));
        // 6 plain tokens + 14 read at a tenth of the prompt price
        assertEquals(0, new BigDecimal("0.0000074").compareTo(promptCost(second)), second.toString());
        JsonNode generation = Http.parse(http.get("/generation?id=" + second.get("id").asText()).body());
        assertEquals(14, generation.get("data").get("native_tokens_cached").asInt());

        // caches are per model and provider
        JsonNode other = http.chat(marked("openai/gpt-4o-mini", "Again"));
        assertEquals(Http.parse("{\"cached_tokens\":0,\"cache_write_tokens\":14,\"audio_tokens\":0}"), details(other));
    }

    @Test
    void aTopLevelBreakpointCachesTheWholeConversationAndAMovedBreakpointStillHits() {
        String turn1 = """
                {"model":"anthropic/claude-haiku-4.5","cache_control":{"type":"ephemeral","ttl":"1h"},"messages":[
                  {"role":"system","content":"%s"},
                  {"role":"user","content":"Hello"}]}""".formatted(SYSTEM);
        assertEquals(Http.parse("{\"cached_tokens\":0,\"cache_write_tokens\":20,\"audio_tokens\":0}"),
                details(http.chat(turn1)));
        // the next turn marks its last message instead: the first two messages match by role and text and are read;
        // "Echo: Hello" is ceil(11/4) + 4 = 7 tokens, "More" 1 + 4 = 5: 12 written
        String turn2 = """
                {"model":"anthropic/claude-haiku-4.5","messages":[
                  {"role":"system","content":"%s"},
                  {"role":"user","content":"Hello"},
                  {"role":"assistant","content":"Echo: Hello"},
                  {"role":"user","content":[{"type":"text","text":"More","cache_control":{"type":"ephemeral"}}]}]}"""
                .formatted(SYSTEM);
        assertEquals(Http.parse("{\"cached_tokens\":20,\"cache_write_tokens\":12,\"audio_tokens\":0}"),
                details(http.chat(turn2)));
        // without any breakpoint nothing is read or written
        assertEquals(Http.parse("{\"cached_tokens\":0,\"cache_write_tokens\":0,\"audio_tokens\":0}"),
                details(http.chat(turn2.replace(",\"cache_control\":{\"type\":\"ephemeral\"}", ""))));
        // a different prefix misses
        assertEquals(Http.parse("{\"cached_tokens\":0,\"cache_write_tokens\":32,\"audio_tokens\":0}"),
                details(http.chat(turn2.replace("Hello\"}", "Howdy\"}"))));
    }

    @Test
    void theCatalogListsTheCachePricesAndResetForgetsTheCache() {
        JsonNode haiku = null;
        for (JsonNode m : Http.parse(http.get("/models").body()).get("data")) {
            if ("anthropic/claude-haiku-4.5".equals(m.get("id").asText())) {
                haiku = m;
            }
        }
        assertEquals(0, new BigDecimal("0.0000001").compareTo(new BigDecimal(haiku.at("/pricing/input_cache_read").asText())));
        assertEquals(0, new BigDecimal("0.00000125").compareTo(new BigDecimal(haiku.at("/pricing/input_cache_write").asText())));

        http.chat(marked("anthropic/claude-haiku-4.5", "Hello"));
        EMULATOR.emulator().reset();
        assertEquals(14, details(http.chat(marked("anthropic/claude-haiku-4.5", "Hello"))).get("cache_write_tokens").asInt());
    }
}
