package dev.llmrouter.examples.quickstart;
// doc: docs/testing.md

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

// CamelTestSupport (camel-test-junit5) starts a CamelContext per test and gives the test `context` and `template`
class ClassifierRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    @Test
    void fallsBackToSonnetWhenHaikuIsDown() throws Exception {
        EMULATOR.emulator()
                .reply("refund", "billing")                                   // scripted answer by content
                .fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503).message("Overloaded"));

        // point the route at the emulator: baseUrl=EMULATOR.baseUrl(), any apiKey
        Exchange out = template.send("llmrouter:chat?apiKey=test&baseUrl=" + EMULATOR.baseUrl()
                + "&model=anthropic/claude-haiku-4.5&fallbackModels=anthropic/claude-sonnet-4.5",
                e -> e.getMessage().setBody("I want a refund"));

        assertEquals("billing", out.getMessage().getBody());
        assertEquals("anthropic/claude-sonnet-4.5", out.getMessage().getHeader("CamelLlmRouterResponseModel"));
        JsonNode sent = EMULATOR.emulator().lastRequest().json();      // exactly what the route sent
        assertEquals("anthropic/claude-sonnet-4.5", sent.at("/models/0").asText());
    }
}
// end doc
