package dev.llmrouter.camel;

import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.test.EmulatorFault;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An answer served by a model of OpenRouter's {@code models} fallback list names that model in its attempt. */
class FallbackServedAttemptTest extends EmulatorTestSupport {

    @Test
    void theServingAttemptNamesTheModelThatAnswered() throws Exception {
        EMULATOR.emulator().reply("refund", "billing");
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503).message("Overloaded"));

        Exchange out = camel.template.send("llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl="
                + EMULATOR.baseUrl() + "&model=anthropic/claude-haiku-4.5"
                + "&fallbackModels=anthropic/claude-sonnet-4.5&maxTokens=16",
                e -> e.getMessage().setBody("I want a refund"));

        assertEquals(null, out.getException());
        // one request: model haiku, models [sonnet]; OpenRouter (here the emulator) served sonnet
        assertEquals(1, EMULATOR.emulator().chatRequests().size());
        assertEquals("anthropic/claude-haiku-4.5", EMULATOR.emulator().lastRequest().json().get("model").asText());
        assertEquals("anthropic/claude-sonnet-4.5",
                out.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL, String.class));
        @SuppressWarnings("unchecked")
        List<Attempt> attempts = out.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
        assertEquals(1, attempts.size(), attempts.toString());
        assertEquals("anthropic/claude-sonnet-4.5", attempts.get(0).model());
        assertEquals(Attempt.Outcome.SUCCESS, attempts.get(0).outcome());
    }
}
