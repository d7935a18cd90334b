package dev.llmrouter.camel.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * End to end through a route: a server that ends its event stream right after {@code data: [DONE]}, without the
 * blank line (some OpenAI-compatible servers do), gives a complete answer, read through
 * {@code split(body()).streaming()} or {@code streamTo}, whether the body is chunked, sized or ended by closing.
 */
class DoneWithoutBlankLineTest {

    private static final String CONTENT = "data: {\"id\":\"gen-d\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
                                          + "{\"content\":\"Hello\"}}]}\n\n"
                                          + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                                          + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}\n\n";

    /** How the server delimits its body. */
    enum Body { CHUNKED, CONTENT_LENGTH, CLOSE }

    private final List<String> deltas = new CopyOnWriteArrayList<>();
    private RawServer raw;
    private CamelContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.stop();
        }
        if (raw != null) {
            raw.close();
        }
    }

    private void serve(Body kind) throws Exception {
        String events = CONTENT + "data: [DONE]";
        raw = new RawServer(c -> {
            switch (kind) {
                case CHUNKED -> {
                    c.write(RawServer.CHUNKED_SSE_HEAD);
                    c.chunk(CONTENT);
                    c.chunk("data: [DONE]");
                    c.chunk("");
                }
                case CONTENT_LENGTH -> c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: "
                                               + events.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + events);
                case CLOSE -> c.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                                      + events);
                default -> throw new IllegalArgumentException();
            }
        });
        String uri = "llmrouter:chat?apiKey=sk-or-test-1&baseUrl=" + raw.base() + "/api/v1&model=m&stream=true";
        context = new DefaultCamelContext();
        LlmRouterComponent component = new LlmRouterComponent();
        component.setEnvironment(name -> null);
        context.addComponent("llmrouter", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").to(uri).split(body()).streaming()
                        .process(e -> deltas.add(e.getMessage().getBody(String.class))).end();
                from("direct:streamTo").to(uri + "&streamTo=direct:deltas");
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        });
        context.start();
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void splitReadsTheWholeAnswer(Body kind) throws Exception {
        serve(kind);
        Exchange ex = context.createProducerTemplate().send("direct:split", e -> e.getMessage().setBody("Hi"));
        assertNull(ex.getException());
        assertEquals(List.of("Hello"), deltas);
        assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(4, ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS));
    }

    @ParameterizedTest
    @EnumSource(Body.class)
    void streamToEndsWithTheWholeText(Body kind) throws Exception {
        serve(kind);
        Exchange ex = context.createProducerTemplate().send("direct:streamTo", e -> e.getMessage().setBody("Hi"));
        assertNull(ex.getException());
        assertEquals("Hello", ex.getMessage().getBody());
        assertEquals(List.of("Hello"), deltas);
        assertEquals(4, ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS));
    }
}
