package dev.llmrouter.camel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.test.schema.OpenRouterSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests carrying every provider, plugin and reasoning option validate against {@code ChatRequest} of
 * OpenRouter's published OpenAPI spec (the copy in
 * camel-llmrouter-test/src/test/resources/openrouter/openapi.yaml), whose {@code ProviderPreferences}
 * forbids unknown fields.
 */
class SpecConformanceTest extends EmulatorTestSupport {

    private static OpenRouterSchema spec;
    @BeforeAll
    static void loadSpec() {
        // the repository keeps the spec (camel-llmrouter-test/src/test/resources/openrouter): missing, it fails
        spec = OpenRouterSchema.load(OpenRouterSchema.requireSpec());
    }

    private JsonNode send(String options) {
        camel.send(camel.chat(options), "Summarise the attached contract.");
        return EMULATOR.emulator().lastRequest().json();
    }

    @Test
    void everyProviderPluginAndOutputOptionAtOnce() {
        JsonNode sent = send("model=openai/gpt-4o-mini&fallbackModels=anthropic/claude-haiku-4.5"
                             + "&systemPrompt=Be exact.&maxTokens=300&temperature=0.3&topP=0.95&seed=7&stop=END"
                             + "&sessionId=s-1&user=u-1&metadata.team=legal"
                             + "&providerOrder=OpenAI,Azure&allowFallbacks=true&requireParameters=true"
                             + "&dataCollection=deny&zdr=true&enforceDistillableText=false"
                             + "&providerOnly=OpenAI,Azure,Anthropic&providerIgnore=Together&quantizations=fp8,bf16"
                             + "&sort=price&sortPartition=none&maxPricePrompt=1&maxPriceCompletion=4"
                             + "&maxPriceRequest=0.01&maxPriceImage=0.5"
                             + "&preferredMinThroughput=p50:100,p90:50&preferredMaxLatency=3"
                             + "&webSearch=true&webEngine=exa&webMaxResults=3&webSearchPrompt=Sources:"
                             + "&webIncludeDomains=example.com&webExcludeDomains=spam.test"
                             + "&pdfEngine=mistral-ocr&responseHealing=true&contextCompression=middle-out"
                             + "&reasoningEffort=high&reasoningExclude=true&cacheControl=1h"
                             + "&jsonSchema=classpath:schemas/ticket.json");
        assertTrue(sent.get("provider").size() >= 13, sent.toString());
        assertTrue(sent.get("plugins").size() == 4, sent.toString());
        spec.assertValid("ChatRequest", sent);
    }

    @Test
    void theTestingDocsCheckOfTheLastRequest() {
        send("model=openai/gpt-4o-mini&zdr=true");
        // doc: docs/testing.md
        OpenRouterSchema spec = OpenRouterSchema.load(OpenRouterSchema.requireSpec());
        spec.assertValid("ChatRequest", EMULATOR.emulator().lastRequest().json());
        // end doc
    }

    @Test
    void reasoningTokenBudgetAndPercentileLatency() {
        JsonNode sent = send("model=openai/gpt-4o-mini&reasoningMaxTokens=2000&preferredMaxLatency=p50:1,p99:4"
                             + "&preferredMinThroughput=20&sort=latency&webSearchContextSize=high");
        spec.assertValid("ChatRequest", sent);
    }

    @Test
    void theValidatorDoesCatchAnUnknownProviderField() {
        JsonNode bad = CamelHarness.json("{\"model\":\"a/b\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                                         + "\"provider\":{\"sort\":\"price\",\"cheapest\":true}}");
        assertFalse(spec.validate("ChatRequest", bad).isEmpty());
    }
}
