package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.protocol.Target;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Dev console llmrouter, resolved the way Camel finds consoles (META-INF/services/.../dev-console/llmrouter). */
class ObservabilityDevConsoleTest extends EmulatorTestSupport {

    @Test
    void showsBudgetsModelsAndBreakers() {
        useHarness(c -> {
            c.addBudget("team", new LlmRouterBudget(new BigDecimal("2.50"), "none"));
            c.addBudget("unused", new LlmRouterBudget(new BigDecimal("1"), "daily"));
        }, null, EMULATOR.baseUrl());
        LlmRouterComponent component = camel.component;
        // what the producer books on a budget
        var reservation = component.ledger().reserve("team", "", Instant.EPOCH, new BigDecimal("2.50"),
                new BigDecimal("0.5"));
        component.ledger().settle(reservation, new BigDecimal("0.75"));
        component.runtime().publish(ObservabilityMetricsTest.ok());
        component.runtime().publish(ObservabilityMetricsTest.error());
        component.circuitBreakers().of(new Target("backup", URI.create("http://localhost:1/v1"), null))
                .transitionToOpenState();

        DevConsoleRegistry registry = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        assertNotNull(registry, "camel-console provides the registry");
        DevConsole console = registry.resolveById("llmrouter");
        assertInstanceOf(LlmRouterDevConsole.class, console);
        assertEquals("LLM Router", console.getDisplayName());

        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("team window 1970-01-01T00:00:00Z: spent $0.75, reserved $0 of $2.5, remaining $1.75"),
                text);
        assertTrue(text.contains("unused: spent $0, reserved $0 of $1, remaining $1"), text);
        assertTrue(text.contains("anthropic/claude-sonnet-4.5: calls 1, errors 0, prompt tokens 120, completion tokens 30,"
                                 + " cost $0.00125"), text);
        assertTrue(text.contains("openai/gpt-4o-mini: calls 1, errors 1"), text);
        assertTrue(text.contains("backup http://localhost:1/v1: OPEN"), text);

        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        List<?> components = (List<?>) json.get("components");
        Map<?, ?> c = (Map<?, ?>) components.get(0);
        assertEquals("llmrouter", c.get("name"));
        Map<?, ?> team = (Map<?, ?>) ((List<?>) c.get("budgets")).get(0);
        assertEquals("team", team.get("budget"));
        assertEquals(0, new BigDecimal("1.75").compareTo((BigDecimal) team.get("remaining")));
        assertEquals(0, new BigDecimal("0.75").compareTo((BigDecimal) team.get("spent")));
        Map<?, ?> model = (Map<?, ?>) ((List<?>) c.get("models")).get(0);
        assertEquals("anthropic/claude-sonnet-4.5", model.get("model"));
        assertEquals(1L, model.get("calls"));
        Map<?, ?> breaker = (Map<?, ?>) ((List<?>) c.get("circuitBreakers")).get(0);
        assertEquals("OPEN", breaker.get("state"));
        // the JSON form serializes
        assertTrue(((org.apache.camel.util.json.JsonObject) json).toJson().contains("\"circuitBreakers\""));
    }
}
