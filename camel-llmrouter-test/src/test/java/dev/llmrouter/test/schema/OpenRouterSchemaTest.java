package dev.llmrouter.test.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Validates requests and responses against OpenRouter's real, published spec (kept in {@code src/test/resources/openrouter/openapi.yaml}).
 * Skipped only when the spec cannot be located.
 */
class OpenRouterSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything our component can put in a chat request; every field here must be accepted by the spec. */
    static final String FULL_REQUEST = """
            {
              "model": "openai/gpt-4o",
              "models": ["openai/gpt-4o", "anthropic/claude-3.5-sonnet"],
              "messages": [
                {"role": "system", "content": "You are a helpful assistant."},
                {"role": "user", "content": "What is the capital of France?"}
              ],
              "provider": {
                "order": ["openai", "anthropic"],
                "allow_fallbacks": false,
                "require_parameters": true,
                "data_collection": "deny",
                "zdr": true,
                "enforce_distillable_text": false,
                "only": ["openai", "anthropic"],
                "ignore": ["deepinfra"],
                "quantizations": ["fp8"],
                "sort": {"by": "price", "partition": "none"},
                "max_price": {"prompt": "1", "completion": "2", "request": "0.01", "image": "0.5"},
                "preferred_min_throughput": {"p50": 100, "p90": 50},
                "preferred_max_latency": 3
              },
              "plugins": [
                {
                  "id": "web",
                  "engine": "exa",
                  "max_results": 3,
                  "search_prompt": "Some relevant web results:",
                  "include_domains": ["example.com", "*.wikipedia.org"],
                  "exclude_domains": ["*.substack.com"]
                },
                {"id": "file-parser", "pdf": {"engine": "mistral-ocr"}},
                {"id": "response-healing"},
                {"id": "context-compression", "engine": "middle-out"}
              ],
              "reasoning": {"effort": "high", "max_tokens": 2000, "exclude": true},
              "response_format": {
                "type": "json_schema",
                "json_schema": {
                  "name": "capital",
                  "strict": true,
                  "schema": {
                    "type": "object",
                    "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
                    "required": ["city", "country"],
                    "additionalProperties": false
                  }
                }
              },
              "cache_control": {"type": "ephemeral", "ttl": "1h"},
              "session_id": "session-0001",
              "user": "user-123",
              "metadata": {"tenant": "acme", "trace": "abc-123"},
              "max_tokens": 256,
              "temperature": 0.7,
              "top_p": 0.9,
              "seed": 42,
              "stop": ["END"]
            }
            """;

    static final String CHAT_RESULT = """
            {
              "id": "gen-1700000000-abc123",
              "object": "chat.completion",
              "created": 1700000000,
              "model": "openai/gpt-4o",
              "system_fingerprint": null,
              "choices": [
                {
                  "index": 0,
                  "finish_reason": "stop",
                  "message": {"role": "assistant", "content": "The capital of France is Paris.", "refusal": null}
                }
              ],
              "usage": {"prompt_tokens": 21, "completion_tokens": 8, "total_tokens": 29, "cost": 0.00012}
            }
            """;

    private static OpenRouterSchema spec;

    @BeforeAll
    static void loadSpec() {
        // parsed once for the whole class; the repository keeps the spec, so a missing one fails every test here
        spec = OpenRouterSchema.load(OpenRouterSchema.requireSpec());
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test JSON: " + text, e);
        }
    }

    private static ObjectNode fullRequest() {
        return json(FULL_REQUEST);
    }

    private static ObjectNode provider(ObjectNode request) {
        return (ObjectNode) request.get("provider");
    }

    private static void assertSomeMessage(List<String> messages, String... fragments) {
        for (String message : messages) {
            boolean all = true;
            for (String fragment : fragments) {
                all &= message.contains(fragment);
            }
            if (all) {
                return;
            }
        }
        fail("no message contains all of " + List.of(fragments) + "; messages were:\n  " + String.join("\n  ", messages));
    }

    // ---- requests the spec accepts ------------------------------------------------------------------------

    @Test
    void fullRequestIsValid() {
        spec.assertValid("ChatRequest", fullRequest());
    }

    @Test
    void systemAndUserMessagesAreValid() {
        assertEquals(List.of(), spec.validate("ChatRequest", json("""
                {"model": "openai/gpt-4o",
                 "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}]}
                """)));
    }

    @Test
    void webPluginWithMaxResultsIsValid() {
        assertEquals(List.of(), spec.validate("ChatRequest", json("""
                {"messages": [{"role": "user", "content": "news?"}], "plugins": [{"id": "web", "max_results": 3}]}
                """)));
    }

    /**
     * Content parts are a discriminated oneOf inside an anyOf; networknt's own discriminator support wrongly rejects
     * these (see the class comment of {@link OpenRouterSchema}), so this guards the dialect choice.
     */
    @Test
    void messagesWithContentPartsAreValid() {
        assertEquals(List.of(), spec.validate("ChatRequest", json("""
                {"messages": [
                  {"role": "system", "content": [{"type": "text", "text": "Be brief."}]},
                  {"role": "user", "content": [
                    {"type": "text", "text": "What is in this image?"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}
                """)));
    }

    @Test
    void toolCallingConversationIsValid() {
        assertEquals(List.of(), spec.validate("ChatRequest", json("""
                {"messages": [
                   {"role": "user", "content": "Weather in Paris?"},
                   {"role": "assistant", "content": null, "tool_calls": [
                     {"id": "call_1", "type": "function",
                      "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}]},
                   {"role": "tool", "tool_call_id": "call_1", "content": "sunny"}],
                 "tools": [{"type": "function",
                            "function": {"name": "get_weather", "parameters": {"type": "object"}}}],
                 "tool_choice": "auto"}
                """)));
    }

    /**
     * {@code reasoning.max_tokens} and {@code reasoning.exclude} are documented by OpenRouter but not declared in
     * the spec's {@code ChatRequest.reasoning} (which declares only {@code effort} and {@code summary} and does not
     * forbid other properties): the spec accepts them, but cannot check them. If this starts failing, the spec has
     * begun to declare them; tighten our expectations accordingly.
     */
    @Test
    void reasoningMaxTokensAndExcludeAreNotCheckedBySpec() {
        assertEquals(List.of(), spec.validate("ChatRequest", json("""
                {"messages": [{"role": "user", "content": "x"}],
                 "reasoning": {"effort": "high", "max_tokens": "lots", "exclude": "yes"}}
                """)));
    }

    // ---- requests the spec rejects ------------------------------------------------------------------------

    @Test
    void unknownProviderFieldIsInvalidAndNamed() {
        ObjectNode request = fullRequest();
        provider(request).put("cheapest", true);
        List<String> messages = spec.validate("ChatRequest", request);
        assertFalse(messages.isEmpty());
        assertSomeMessage(messages, "$.provider", "cheapest");
    }

    @Test
    void dataCollectionMaybeIsInvalid() {
        ObjectNode request = fullRequest();
        provider(request).put("data_collection", "maybe");
        assertSomeMessage(spec.validate("ChatRequest", request), "$.provider.data_collection", "enumeration");
    }

    @Test
    void sortCheapIsInvalid() {
        ObjectNode request = fullRequest();
        provider(request).put("sort", "cheap");
        assertSomeMessage(spec.validate("ChatRequest", request), "$.provider.sort", "enumeration");
    }

    @Test
    void missingMessagesIsInvalid() {
        ObjectNode request = fullRequest();
        request.remove("messages");
        assertSomeMessage(spec.validate("ChatRequest", request), "$", "required", "messages");
    }

    @Test
    void quantizationOutsideEnumIsInvalid() {
        ObjectNode request = fullRequest();
        provider(request).putArray("quantizations").add("fp7");
        assertSomeMessage(spec.validate("ChatRequest", request), "$.provider.quantizations[0]", "enumeration");
    }

    @Test
    void moreThanFourStopSequencesIsInvalid() {
        ObjectNode request = fullRequest();
        request.putArray("stop").add("a").add("b").add("c").add("d").add("e");
        assertFalse(spec.validate("ChatRequest", request).isEmpty());
    }

    @Test
    void errorsAreNarrowedToTheAlternativeTheDiscriminatorSelects() {
        List<String> messages = spec.validate("ChatRequest", json("""
                {"messages": [{"role": "user", "content": "x"}], "plugins": [{"id": "web", "max_results": "three"}]}
                """));
        assertSomeMessage(messages, "$.plugins[0].max_results", "integer", "WebSearchPlugin");
        for (String message : messages) {
            assertFalse(message.contains("FileParserPlugin") || message.contains("AutoRouterPlugin"),
                    "explanations of plugins the request did not select leaked into: " + messages);
        }
    }

    @Test
    void unknownDiscriminatorValueIsReportedWithTheAllowedValues() {
        List<String> messages = spec.validate("ChatRequest", json("""
                {"messages": [{"role": "robot", "content": "beep"}]}
                """));
        assertSomeMessage(messages, "$.messages[0].role", "'robot'", "user", "system");
        assertSomeMessage(messages, "$.messages[0]", "oneOf");
    }

    @Test
    void missingDiscriminatorStillExplainsEveryAlternative() {
        List<String> messages = spec.validate("ChatRequest", json("""
                {"messages": [{"content": "who am I?"}]}
                """));
        assertSomeMessage(messages, "$.messages[0]", "role", "ChatUserMessage");
        assertSomeMessage(messages, "$.messages[0]", "role", "ChatSystemMessage");
    }

    // ---- responses ----------------------------------------------------------------------------------------

    @Test
    void chatResultIsValid() {
        spec.assertValid("ChatResult", json(CHAT_RESULT));
    }

    @Test
    void chatResultWithToolCallsAndContentPartsIsValid() {
        spec.assertValid("ChatResult", json("""
                {"id": "gen-2", "object": "chat.completion", "created": 1700000001, "model": "openai/gpt-4o",
                 "system_fingerprint": "fp_1",
                 "choices": [{"index": 0, "finish_reason": "tool_calls",
                              "message": {"role": "assistant",
                                          "content": [{"type": "text", "text": "Checking."}],
                                          "tool_calls": [{"id": "call_1", "type": "function",
                                                          "function": {"name": "f", "arguments": "{}"}}]}}],
                 "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}
                """));
    }

    /** The spec makes {@code system_fingerprint} required (though nullable): a response without it is invalid. */
    @Test
    void chatResultWithoutSystemFingerprintIsInvalid() {
        ObjectNode result = json(CHAT_RESULT);
        result.remove("system_fingerprint");
        assertSomeMessage(spec.validate("ChatResult", result), "$", "required", "system_fingerprint");
    }

    // ---- API behaviour ------------------------------------------------------------------------------------

    @Test
    void assertValidListsEveryViolation() {
        ObjectNode request = fullRequest();
        provider(request).put("cheapest", true);
        provider(request).put("data_collection", "maybe");
        AssertionError error = assertThrows(AssertionError.class, () -> spec.assertValid("ChatRequest", request));
        assertTrue(error.getMessage().contains("ChatRequest"), error.getMessage());
        assertTrue(error.getMessage().contains("cheapest"), error.getMessage());
        assertTrue(error.getMessage().contains("data_collection"), error.getMessage());
    }

    @Test
    void assertValidAcceptsValidInstance() {
        assertDoesNotThrow(() -> spec.assertValid("ProviderPreferences", json("""
                {"allow_fallbacks": true, "sort": "price"}
                """)));
    }

    @Test
    void providerPreferencesCanBeValidatedOnItsOwn() {
        assertSomeMessage(spec.validate("ProviderPreferences", json("""
                {"cheapest": true}
                """)), "$", "cheapest");
    }

    @Test
    void unknownSchemaNameIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> spec.validate("NoSuchSchema", JSON.createObjectNode()));
        assertTrue(error.getMessage().contains("NoSuchSchema"), error.getMessage());
    }

    @Test
    void repeatedValidationGivesTheSameAnswer() {
        JsonNode request = fullRequest();
        provider((ObjectNode) request).put("cheapest", true);
        assertEquals(spec.validate("ChatRequest", request), spec.validate("ChatRequest", request));
    }

    @Test
    void specIsOpenApi31() {
        assertTrue(spec.openapiVersion().startsWith("3.1"), spec.openapiVersion());
        assertTrue(spec.hasSchema("ChatRequest"));
        assertTrue(spec.hasSchema("ChatResult"));
        assertTrue(spec.hasSchema("ProviderPreferences"));
    }
}
