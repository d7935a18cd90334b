package dev.llmrouter.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent loop with tools from three places at once (two routes and an MCP server in this JVM), and the loop inside
 * a conversation: its transcript is the turn the next exchange sees.
 */
class AgentMcpLoopTest extends EmulatorTestSupport {

    static final String MINI = "openai/gpt-4o-mini";

    private McpHttpTestServer mcp;

    @BeforeEach
    void startMcp() throws Exception {
        mcp = new McpHttpTestServer();
    }

    @AfterEach
    void stopMcp() throws Exception {
        mcp.close();
    }

    private void routes() throws Exception {
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").description("Looks an order up by its id")
                        .setBody(simple("order ${body} status: lost"));
                from("direct:refund").description("Refunds an order")
                        .setBody(constant("refund R-7 accepted"));
            }
        });
    }

    private List<JsonNode> sent() {
        return EMULATOR.emulator().chatRequests().stream().map(RecordedCall::json).toList();
    }

    @Test
    void aLoopOverTwoRouteToolsAndAnMcpServer() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 7", "TOOL_CALL:lookupOrder:{\"id\":7}")
                .replyAfterTool("lookupOrder", "lost", "TOOL_CALL:kb_search:{\"query\":\"lost parcel\"}")
                .replyAfterTool("kb_search", "first hit", "TOOL_CALL:refund:{\"id\":7}")
                .replyAfterTool("refund", "accepted", "Order 7 was lost; refund R-7 is on its way.");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=200&tools=direct:lookupOrder,direct:refund"
                                            + "&mcpServers=RAW(" + mcp.url() + ")&mcpTools=kb_*"), "Where is order 7?");

        assertNull(ex.getException());
        assertEquals("Order 7 was lost; refund R-7 is on its way.", ex.getMessage().getBody());
        List<JsonNode> sent = sent();
        assertEquals(4, sent.size());
        // the routes' tools first, then the server's, filtered by mcpTools: the same list on every call
        JsonNode tools = sent.get(0).get("tools");
        assertEquals(List.of("lookupOrder", "refund", "kb_search"),
                List.of(tools.at("/0/function/name").asText(), tools.at("/1/function/name").asText(),
                        tools.at("/2/function/name").asText()));
        assertEquals(3, tools.size());
        assertEquals("Searches the knowledge base", tools.at("/2/function/description").asText());
        for (JsonNode request : sent) {
            assertEquals(tools, request.get("tools"));
        }
        // the MCP server got the model's arguments; its two text parts came back as one tool message
        assertEquals(List.of(Map.entry("kb_search", Map.<String, Object> of("query", "lost parcel"))),
                mcp.tools().calls);
        JsonNode third = sent.get(2).get("messages");
        assertEquals("tool", third.at("/4/role").asText());
        assertEquals(third.at("/3/tool_calls/0/id").asText(), third.at("/4/tool_call_id").asText());
        assertEquals("first hit for lost parcel\nsecond hit", third.at("/4/content").asText());

        assertEquals(3, ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        @SuppressWarnings("unchecked")
        List<LlmRouterToolStep> trace = ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE, List.class);
        assertEquals(List.of("lookupOrder", "kb_search", "refund"),
                trace.subList(0, 3).stream().map(s -> s.calls().get(0).name()).toList());
    }

    @Test
    void aConversationKeepsTheLoopsToolCallsAndToolAnswers() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 9", "TOOL_CALL:lookupOrder:{\"id\":9}")
                .replyAfterTool("lookupOrder", "lost", "Order 9 was lost.")
                .reply("refund it", "TOOL_CALL:refund:{\"id\":9}")
                .replyAfterTool("refund", "accepted", "Refund R-7 is on its way.");
        String uri = camel.chat("model=" + MINI + "&maxTokens=200&tools=direct:lookupOrder,direct:refund"
                                + "&conversationId=${header.ticket}");

        Exchange first = camel.send(uri, "Where is order 9?", Map.of("ticket", "T-9"));
        Exchange second = camel.send(uri, "Then refund it, please.", Map.of("ticket", "T-9"));

        assertNull(first.getException());
        assertNull(second.getException());
        assertEquals("Refund R-7 is on its way.", second.getMessage().getBody());
        List<JsonNode> sent = sent();
        assertEquals(4, sent.size());
        // the second turn's first call: the first turn as the loop ran it, then the new message
        JsonNode messages = sent.get(2).get("messages");
        assertEquals(List.of("user", "assistant", "tool", "assistant", "user"),
                List.of(messages.at("/0/role").asText(), messages.at("/1/role").asText(),
                        messages.at("/2/role").asText(), messages.at("/3/role").asText(),
                        messages.at("/4/role").asText()));
        assertEquals(5, messages.size(), messages.toString());
        assertEquals("Where is order 9?", messages.at("/0/content").asText());
        assertEquals("lookupOrder", messages.at("/1/tool_calls/0/function/name").asText());
        assertEquals(messages.at("/1/tool_calls/0/id").asText(), messages.at("/2/tool_call_id").asText());
        assertEquals("order {\"id\":9} status: lost", messages.at("/2/content").asText());
        assertEquals("Order 9 was lost.", messages.at("/3/content").asText());
        assertEquals("Then refund it, please.", messages.at("/4/content").asText());
        assertEquals(4, second.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES, Integer.class));
    }

    @Test
    void aReplayedLoopRunsNoToolAndPaysNothing() throws Exception {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").description("Looks an order up by its id")
                        .process(e -> lookups.incrementAndGet())
                        .setBody(simple("order ${body} status: lost"));
            }
        });
        EMULATOR.emulator().reply("order 5", "TOOL_CALL:lookupOrder:{\"id\":5}")
                .replyAfterTool("lookupOrder", "lost", "Order 5 was lost.");
        String uri = camel.chat("model=" + MINI + "&maxTokens=200&tools=direct:lookupOrder"
                                + "&idempotencyKey=${header.msgId}");

        Exchange first = camel.send(uri, "Where is order 5?", Map.of("msgId", "m-5"));
        Exchange again = camel.send(uri, "Where is order 5?", Map.of("msgId", "m-5"));

        assertNull(first.getException());
        assertNull(again.getException());
        assertEquals("Order 5 was lost.", again.getMessage().getBody());
        assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(first.getMessage().getHeader(LlmRouterConstants.COST),
                again.getMessage().getHeader(LlmRouterConstants.COST));
        assertEquals(1, again.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        assertEquals(first.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE),
                again.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE));
        // the loop's two model calls and one tool call happened once
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        assertEquals(1, lookups.get());
    }
}
