package dev.llmrouter.camel.quarkus.deployment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Quarkus application built with the extension runs {@code direct:ask -> llmrouter:chat} against the emulator,
 * with the component configured only from {@code application.properties} ({@code camel.component.llmrouter.*}).
 */
class LlmRouterRouteTest {

    private static final String DEV_SERVICES = "llmrouter.quarkus.test.route.dev-services";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot((JavaArchive jar) -> jar.addClasses(AskRoute.class, SharedEmulator.class,
                    DevServicesRecorder.class))
            .withConfigurationResource("route-test.properties")
            .overrideConfigKey("camel.component.llmrouter.base-url", SharedEmulator.baseUrl())
            .overrideConfigKey("camel.component.llmrouter.api-key", "quarkus-test-key")
            .addBuildChainCustomizer(DevServicesRecorder.recordInto(DEV_SERVICES));

    @Inject
    ProducerTemplate producer;

    @Inject
    CamelContext context;

    @AfterAll
    static void stopEmulator() {
        SharedEmulator.stop();
    }

    @Test
    void routeAnswersFromTheEmulatorWithUsageAndCost() throws Exception {
        int before = SharedEmulator.chatCalls().size();

        Exchange ex = producer.request("direct:ask", e -> e.getMessage().setBody("What is the capital of France?"));

        assertNull(ex.getException(), () -> String.valueOf(ex.getException()));
        assertEquals("Paris.", ex.getMessage().getBody(String.class));
        int prompt = ex.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class);
        int completion = ex.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class);
        assertTrue(prompt > 0 && completion > 0, prompt + " / " + completion);
        assertEquals(prompt + completion, ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Integer.class));
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost != null && cost.signum() > 0, "cost: " + cost);
        assertEquals("openai/gpt-4o-mini", ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));

        List<Map<String, String>> calls = SharedEmulator.chatCalls();
        assertEquals(before + 1, calls.size(), "one chat request reached the emulator");
        Map<String, String> call = calls.get(calls.size() - 1);
        assertEquals("POST", call.get(SharedEmulator.METHOD));
        assertEquals("/api/v1/chat/completions", call.get(SharedEmulator.PATH));
        assertEquals("Bearer quarkus-test-key", call.get(SharedEmulator.AUTHORIZATION));
        JsonNode sent = new ObjectMapper().readTree(call.get(SharedEmulator.BODY));
        assertEquals("openai/gpt-4o-mini", sent.path("model").asText());
        assertEquals(0.25, sent.path("temperature").asDouble(), 1e-9);
        assertEquals(64, sent.path("max_tokens").asInt());
        JsonNode messages = sent.path("messages");
        assertEquals(2, messages.size(), messages.toString());
        assertEquals("system", messages.get(0).path("role").asText());
        assertEquals("Answer in one word.", messages.get(0).path("content").asText());
        assertEquals("user", messages.get(1).path("role").asText());
        assertEquals("What is the capital of France?", messages.get(1).path("content").asText());
    }

    @Test
    void aConfiguredBaseUrlStartsNoEmulator() {
        assertFalse(DevServicesRecorder.recorded(DEV_SERVICES).contains(LlmRouterProcessor.FEATURE),
                String.valueOf(DevServicesRecorder.recorded(DEV_SERVICES)));
    }

    @Test
    void applicationPropertiesConfigureTheComponent() {
        LlmRouterComponent component = context.getComponent("llmrouter", LlmRouterComponent.class);
        assertEquals(SharedEmulator.baseUrl(), component.getConfiguration().getBaseUrl());
        assertEquals("openai/gpt-4o-mini", component.getConfiguration().getModel());
        assertEquals(64, component.getConfiguration().getMaxTokens());
    }
}
