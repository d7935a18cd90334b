package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.tracing.SpanAdapter;
import org.apache.camel.tracing.decorators.AbstractSpanDecorator;

/**
 * Adds the OpenTelemetry GenAI attributes to the spans of {@code llmrouter} endpoints when tracing with a
 * camel-tracing based tracer (camel-opentelemetry, camel-observation). Found through
 * {@code META-INF/services/org.apache.camel.tracing.SpanDecorator}. See {@link GenAiAttributes}.
 */
public class LlmRouterSpanDecorator extends AbstractSpanDecorator {

    @Override
    public String getComponent() {
        return "llmrouter";
    }

    @Override
    public String getComponentClassName() {
        return "dev.llmrouter.camel.LlmRouterComponent";
    }

    @Override
    public void pre(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.pre(span, exchange, endpoint);
        set(span, GenAiAttributes.request(exchange, endpoint));
    }

    @Override
    public void post(SpanAdapter span, Exchange exchange, Endpoint endpoint) {
        super.post(span, exchange, endpoint);
        set(span, GenAiAttributes.request(exchange, endpoint));
        set(span, GenAiAttributes.response(exchange));
        GenAiAttributes.loopSteps(exchange).forEach(span::log);
    }

    private static void set(SpanAdapter span, Map<String, Object> attributes) {
        attributes.forEach((key, value) -> {
            if (value instanceof BigDecimal d) {
                // as text: the adapters keep only the integer part of a Number (camel-opentelemetry 4.18 sets
                // intValue()), and text keeps the exact amount
                span.setTag(key, d.toPlainString());
            } else if (value instanceof Number n) {
                span.setTag(key, n);
            } else {
                span.setTag(key, String.valueOf(value));
            }
        });
    }
}
