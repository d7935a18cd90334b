package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.opentelemetry.OpenTelemetryTracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The GenAI attributes on the span of an llmrouter endpoint, traced with camel-opentelemetry. */
class ObservabilityTracingTest extends EmulatorTestSupport {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

    @AfterEach
    void closeProvider() {
        provider.close();
    }

    @Test
    void chatSpanHasGenAiAttributes() throws Exception {
        EMULATOR.emulator().reply("refund", "billing");
        String uri = camel.chat("model=openai/gpt-4o-mini&maxTokens=16");
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").to(uri);
            }
        }, EMULATOR.baseUrl());
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(provider.get("llmrouter-test"));
        tracer.init(camel.context);

        Exchange answer = camel.template.request("direct:ask", e -> e.getMessage().setBody("I want a refund"));
        assertNull(answer.getException());

        SpanData span = llmrouterSpan();
        Attributes a = span.getAttributes();
        assertEquals("openrouter", a.get(AttributeKey.stringKey("gen_ai.system")));
        assertEquals("chat", a.get(AttributeKey.stringKey("gen_ai.operation.name")));
        assertEquals("openai/gpt-4o-mini", a.get(AttributeKey.stringKey("gen_ai.request.model")));
        assertEquals(answer.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL),
                a.get(AttributeKey.stringKey("gen_ai.response.model")));
        assertNotNull(a.get(AttributeKey.stringKey("gen_ai.response.model")));
        assertEquals(answer.getMessage().getHeader(LlmRouterConstants.GENERATION_ID),
                a.get(AttributeKey.stringKey("gen_ai.response.id")));
        assertEquals(answer.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS, Long.class),
                a.get(AttributeKey.longKey("gen_ai.usage.input_tokens")));
        assertEquals(answer.getMessage().getHeader(LlmRouterConstants.COMPLETION_TOKENS, Long.class),
                a.get(AttributeKey.longKey("gen_ai.usage.output_tokens")));
        BigDecimal cost = answer.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost.signum() > 0);
        // the exact amount, as text
        assertEquals(cost.toPlainString(), a.get(AttributeKey.stringKey("llmrouter.cost_usd")));
    }

    @Test
    void headerModelIsTheRequestModel() throws Exception {
        String uri = camel.chat("model=openai/gpt-4o-mini");
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").to(uri);
            }
        }, EMULATOR.baseUrl());
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(provider.get("llmrouter-test"));
        tracer.init(camel.context);

        camel.template.request("direct:ask", e -> {
            e.getMessage().setBody("Hello");
            e.getMessage().setHeader(LlmRouterConstants.MODEL, "anthropic/claude-haiku-4.5");
        });
        assertEquals("anthropic/claude-haiku-4.5",
                llmrouterSpan().getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")));
    }

    @Test
    void aToolsRouteIsTracedUnderTheAgentsSpan() throws Exception {
        EMULATOR.emulator().reply("order 3", "TOOL_CALL:lookupOrder:{\"id\":3}")
                .replyAfterTool("lookupOrder", "shipped", "Order 3 has shipped.");
        String uri = camel.chat("model=openai/gpt-4o-mini&maxTokens=64&tools=direct:lookupOrder");
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").routeId("ask").to(uri);
                from("direct:lookupOrder").routeId("lookupOrder").description("Looks an order up")
                        .setBody(constant("order 3 shipped"));
            }
        }, EMULATOR.baseUrl());
        OpenTelemetryTracer tracer = new OpenTelemetryTracer();
        tracer.setTracer(provider.get("llmrouter-test"));
        tracer.init(camel.context);

        Exchange answer = camel.template.request("direct:ask", e -> e.getMessage().setBody("Where is order 3?"));
        assertNull(answer.getException());
        assertEquals("Order 3 has shipped.", answer.getMessage().getBody());

        SpanData agent = llmrouterSpan();
        List<SpanData> tool = exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getName().contains("lookupOrder")).toList();
        assertEquals(1, tool.size(), exporter.getFinishedSpanItems().toString());
        assertEquals(agent.getTraceId(), tool.get(0).getTraceId());
        assertEquals(agent.getSpanId(), tool.get(0).getParentSpanId());
        // each model call of the loop is an event on the agent's span; the loop's figures are attributes
        assertEquals(1L, agent.getAttributes().get(AttributeKey.longKey("llmrouter.loop.iterations")));
        List<io.opentelemetry.sdk.trace.data.EventData> steps = agent.getEvents();
        assertEquals(2, steps.size(), steps.toString());
        assertEquals("lookupOrder", steps.get(0).getAttributes().get(AttributeKey.stringKey("llmrouter.loop.tools")));
        assertEquals("1", steps.get(0).getAttributes().get(AttributeKey.stringKey("llmrouter.loop.iteration")));
        assertEquals("", steps.get(1).getAttributes().get(AttributeKey.stringKey("llmrouter.loop.tools")));
        assertEquals("openai/gpt-4o-mini", steps.get(1).getAttributes().get(AttributeKey.stringKey("gen_ai.response.model")));
    }

    private SpanData llmrouterSpan() {
        List<SpanData> spans = exporter.getFinishedSpanItems();
        return spans.stream().filter(s -> "openrouter".equals(s.getAttributes().get(AttributeKey.stringKey("gen_ai.system"))))
                .findFirst().orElseThrow(() -> new AssertionError("no llmrouter span in " + spans));
    }
}
