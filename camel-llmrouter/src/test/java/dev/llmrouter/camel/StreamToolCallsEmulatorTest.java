package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.wire.ToolCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The emulator streams tool calls (with {@code index}, no text): the header carries them, read through
 * {@code split(body()).streaming()} or {@code streamTo}, the same as without streaming.
 */
class StreamToolCallsEmulatorTest extends EmulatorTestSupport {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = { "split", "streamTo", "none" })
    void toolCallsOfAStreamReachTheHeader(String mode) throws Exception {
        EMULATOR.emulator().reply("weather", "TOOL_CALL:get_weather:{\"city\":\"Lisbon\"}\nTOOL_CALL:get_time:{\"tz\":\"UTC\"}");
        String uri = camel.chat("model=openai/gpt-4o-mini&tools=#myTools"
                                + ("none".equals(mode) ? "" : "&stream=true")
                                + ("streamTo".equals(mode) ? "&streamTo=direct:deltas" : ""));
        camel.context.getRegistry().bind("myTools", List.of(Map.of("type", "function", "function",
                Map.of("name", "get_weather", "parameters", Map.of("type", "object")))));
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ask").to(uri).split(body()).streaming()
                        .process(e -> deltas.add(e.getMessage().getBody(String.class))).end();
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        });

        Exchange ex = "split".equals(mode) ? camel.send("direct:ask", "What is the weather?")
                : camel.send(uri, "What is the weather?");

        assertNull(ex.getException());
        assertTrue(deltas.isEmpty(), "no text: " + deltas);
        assertEquals("tool_calls", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        @SuppressWarnings("unchecked")
        List<ToolCall> calls = ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS, List.class);
        assertEquals(2, calls.size(), String.valueOf(calls));
        assertEquals(new ToolCall.Function("get_weather", "{\"city\":\"Lisbon\"}"), calls.get(0).function());
        assertEquals(new ToolCall.Function("get_time", "{\"tz\":\"UTC\"}"), calls.get(1).function());
        assertEquals("function", calls.get(0).type());
        assertTrue(calls.get(0).id().startsWith("call_"), calls.get(0).id());
    }
}
