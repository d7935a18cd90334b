package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

import dev.llmrouter.camel.observability.LlmRouterSpanDecorator;
import dev.llmrouter.camel.observability.LlmRouterTelemetrySpanDecorator;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.telemetry.Span;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The camel-telemetry decorator (camel-opentelemetry2 and friends), on a hand-made span. */
class ObservabilityTelemetryDecoratorTest extends EmulatorTestSupport {

    @Test
    void bothDecoratorsAreServices() {
        assertTrue(ServiceLoader.load(org.apache.camel.tracing.SpanDecorator.class).stream()
                .anyMatch(p -> p.type() == LlmRouterSpanDecorator.class));
        assertTrue(ServiceLoader.load(org.apache.camel.telemetry.SpanDecorator.class).stream()
                .anyMatch(p -> p.type() == LlmRouterTelemetrySpanDecorator.class));
    }

    @Test
    void setsGenAiTags() {
        Endpoint endpoint = camel.context.getEndpoint(camel.chat("model=openai/gpt-4o-mini"));
        Exchange exchange = new DefaultExchange(camel.context);
        MapSpan span = new MapSpan();
        LlmRouterTelemetrySpanDecorator decorator = new LlmRouterTelemetrySpanDecorator();
        assertEquals("llmrouter", decorator.getComponent());

        decorator.beforeTracingEvent(span, exchange, endpoint);
        exchange.getMessage().setHeader(LlmRouterConstants.RESPONSE_MODEL, "openai/gpt-4o-mini-2024-07-18");
        exchange.getMessage().setHeader(LlmRouterConstants.GENERATION_ID, "gen-42");
        exchange.getMessage().setHeader(LlmRouterConstants.PROMPT_TOKENS, 12);
        exchange.getMessage().setHeader(LlmRouterConstants.COMPLETION_TOKENS, 3);
        exchange.getMessage().setHeader(LlmRouterConstants.COST, new BigDecimal("0.0000036"));
        decorator.afterTracingEvent(span, exchange);

        assertEquals("openrouter", span.tags.get("gen_ai.system"));
        assertEquals("chat", span.tags.get("gen_ai.operation.name"));
        assertEquals("openai/gpt-4o-mini", span.tags.get("gen_ai.request.model"));
        assertEquals("openai/gpt-4o-mini-2024-07-18", span.tags.get("gen_ai.response.model"));
        assertEquals("gen-42", span.tags.get("gen_ai.response.id"));
        assertEquals("12", span.tags.get("gen_ai.usage.input_tokens"));
        assertEquals("3", span.tags.get("gen_ai.usage.output_tokens"));
        assertEquals("0.0000036", span.tags.get("llmrouter.cost_usd"));
    }

    private static final class MapSpan implements Span {
        final Map<String, String> tags = new HashMap<>();

        @Override
        public void log(Map<String, String> fields) {
        }

        @Override
        public void setTag(String key, String value) {
            tags.put(key, value);
        }

        @Override
        public void setComponent(String component) {
        }

        @Override
        public void setError(boolean error) {
        }
    }
}
