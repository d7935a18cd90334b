package dev.llmrouter.camel.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.test.OpenRouterEmulatorExtension;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The loop's transcript: the messages it appended after the request's own, for conversation memory. */
class AgentLoopTranscriptTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final DefaultCamelContext context = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        context.close();
    }

    @Test
    void theTranscriptHoldsTheToolExchangeAndTheFinalAnswerInOrder() throws Exception {
        LlmRouterComponent component = new LlmRouterComponent();
        component.setEnvironment(name -> null);
        context.addComponent("llmrouter", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("order 42: shipped"));
            }
        });
        context.start();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}")
                .replyAfterTool("lookupOrder", "shipped", "It has shipped.");
        LlmRouterEndpoint endpoint = (LlmRouterEndpoint) context.getEndpoint("llmrouter:chat?apiKey=sk-test&baseUrl="
                + EMULATOR.baseUrl() + "&model=openai/gpt-4o-mini&tools=direct:lookupOrder");
        Exchange exchange = new DefaultExchange(context);
        ChatRequest planned = endpoint.planner().plan("Where is order 42?", Overrides.NONE);
        CountDownLatch done = new CountDownLatch(1);

        List<List<ChatMessage>> handed = new java.util.concurrent.CopyOnWriteArrayList<>();
        AgentLoop loop = new AgentLoop(endpoint, exchange, sync -> done.countDown(), endpoint.planner().template(),
                Overrides.NONE, planned, endpoint.toolCatalog().snapshot()).onTranscript(handed::add);
        loop.start();

        assertTrue(done.await(20, TimeUnit.SECONDS));
        assertNull(exchange.getException());
        List<ChatMessage> t = loop.transcript();
        assertEquals(List.of("assistant", "tool", "assistant"), t.stream().map(ChatMessage::role).toList());
        assertEquals("lookupOrder", t.get(0).toolCalls().get(0).function().name());
        assertEquals(t.get(0).toolCalls().get(0).id(), t.get(1).toolCallId());
        assertEquals("order 42: shipped", t.get(1).content());
        assertEquals("It has shipped.", t.get(2).content());
        assertEquals(1, planned.messages().size(), "the request's own messages are not in it");
        assertEquals(List.of(t), handed, "handed over once, before the exchange completed");
    }
}
