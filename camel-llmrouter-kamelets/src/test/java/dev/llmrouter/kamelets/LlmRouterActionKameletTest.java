package dev.llmrouter.kamelets;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The llmrouter-action Kamelet, loaded from the classpath by camel-kamelet, against the emulator. */
class LlmRouterActionKameletTest extends KameletTestSupport {

    @Test
    void theKameletSendsItsPropertiesAndTheAnswerBecomesTheBody() throws Exception {
        emulator.requireApiKey("kamelet-key").reply("capital of France", "Paris");
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask")
                    .to("kamelet:llmrouter-action?model=anthropic/claude-haiku-4.5&systemPrompt=Answer in one word"
                        + "&maxTokens=20&temperature=0.1&fallbackModels=openai/gpt-4o-mini"
                        + "&apiKey=kamelet-key&baseUrl=" + emulator.baseUrl());
            }
        });

        Exchange out = template.send("direct:ask", e -> e.getMessage().setBody("What is the capital of France?"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("Paris", out.getMessage().getBody(String.class));
        // the call's out headers reach the calling route
        assertEquals("anthropic/claude-haiku-4.5", out.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertTrue(out.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class).signum() > 0);

        assertEquals(1, emulator.chatRequests().size());
        JsonNode sent = emulator.lastRequest().json();
        assertEquals("anthropic/claude-haiku-4.5", sent.get("model").asText());
        assertEquals("system", sent.at("/messages/0/role").asText());
        assertEquals("Answer in one word", sent.at("/messages/0/content").asText());
        assertEquals("What is the capital of France?", sent.at("/messages/1/content").asText());
        assertEquals(20, sent.get("max_tokens").asInt());
        assertEquals(0.1, sent.get("temperature").asDouble());
        assertEquals("openai/gpt-4o-mini", sent.at("/models/0").asText());
        assertEquals("Bearer kamelet-key", emulator.lastRequest().header("Authorization"));
    }

    @Test
    void optionalPropertiesLeftOutAreNotSent() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getPropertiesComponent().addInitialProperty("llm.url", emulator.baseUrl());
                from("direct:ask").to("kamelet:llmrouter-action?model=openai/gpt-4o-mini&apiKey=k&baseUrl={{llm.url}}");
            }
        });

        Exchange out = template.send("direct:ask", e -> e.getMessage().setBody("Hello"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        JsonNode sent = emulator.lastRequest().json();
        assertEquals("openai/gpt-4o-mini", sent.get("model").asText());
        // no system prompt, no max_tokens, no temperature, no fallback list: only what the user message needs
        assertEquals(1, sent.get("messages").size());
        assertEquals("user", sent.at("/messages/0/role").asText());
        for (String field : List.of("max_tokens", "temperature", "models")) {
            assertFalse(sent.has(field), field + " was sent: " + sent);
        }
    }

    @Test
    void aSystemPromptWithUriCharactersArrivesWhole() throws Exception {
        start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("kamelet:llmrouter-action?model=openai/gpt-4o-mini&apiKey=k&baseUrl="
                                      + emulator.baseUrl() + "&systemPrompt=RAW(Be brief & polite, 100% +clear?)");
            }
        });

        Exchange out = template.send("direct:ask", e -> e.getMessage().setBody("Hello"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("Be brief & polite, 100% +clear?", emulator.lastRequest().json().at("/messages/0/content").asText());
    }

    @Test
    void theComponentsKeyAndServerServeAKameletWithoutThem() throws Exception {
        emulator.requireApiKey("component-key");
        context = new DefaultCamelContext();
        LlmRouterComponent llm = new LlmRouterComponent();
        llm.getConfiguration().setApiKey("component-key");
        llm.getConfiguration().setBaseUrl(emulator.baseUrl());
        context.addComponent("llmrouter", llm);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("kamelet:llmrouter-action?model=openai/gpt-4o-mini&maxTokens=5");
            }
        });
        context.start();

        Exchange out = context.createProducerTemplate().send("direct:ask", e -> e.getMessage().setBody("Hi"));

        assertNull(out.getException(), () -> "failed: " + out.getException());
        assertEquals("Bearer component-key", emulator.lastRequest().header("Authorization"));
        assertEquals(5, emulator.lastRequest().json().get("max_tokens").asInt());
    }

    @Test
    void aMissingModelFailsWhenTheRouteIsCreatedNamingTheProperty() {
        Exception e = assertThrows(Exception.class, () -> start(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to("kamelet:llmrouter-action?apiKey=k&baseUrl=" + emulator.baseUrl());
            }
        }));
        String messages = messages(e);
        // Camel's own check of the Kamelet's required list, before any endpoint exists
        assertTrue(messages.contains("Route template llmrouter-action the following mandatory parameters must be provided: model"),
                messages);
        assertEquals(0, emulator.requestCount());
    }

    /** Every message of a cause chain, one a line. */
    static String messages(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
