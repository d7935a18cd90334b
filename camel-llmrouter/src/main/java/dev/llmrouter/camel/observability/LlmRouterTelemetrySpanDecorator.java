package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.Span;
import org.apache.camel.telemetry.decorators.AbstractSpanDecorator;

/**
 * Adds the OpenTelemetry GenAI attributes to the spans of {@code llmrouter} endpoints when tracing with a
 * camel-telemetry based tracer (camel-opentelemetry2, camel-micrometer-observability, camel-telemetry-dev). Found
 * through {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}. camel-telemetry spans take string
 * values only, so numbers are set as their decimal text.
 */
public class LlmRouterTelemetrySpanDecorator extends AbstractSpanDecorator {

    @Override
    public String getComponent() {
        return "llmrouter";
    }

    @Override
    public String getComponentClassName() {
        return "dev.llmrouter.camel.LlmRouterComponent";
    }

    @Override
    public void beforeTracingEvent(Span span, Exchange exchange, Endpoint endpoint) {
        super.beforeTracingEvent(span, exchange, endpoint);
        set(span, GenAiAttributes.request(exchange, endpoint));
    }

    @Override
    public void afterTracingEvent(Span span, Exchange exchange) {
        super.afterTracingEvent(span, exchange);
        set(span, GenAiAttributes.response(exchange));
        GenAiAttributes.loopSteps(exchange).forEach(span::log);
    }

    private static void set(Span span, Map<String, Object> attributes) {
        attributes.forEach((key, value) -> span.setTag(key,
                value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value)));
    }
}
