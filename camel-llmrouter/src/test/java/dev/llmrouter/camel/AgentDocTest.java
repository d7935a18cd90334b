package dev.llmrouter.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The routes of docs/agents.md, run as written against the emulator's scripted tool turns. */
class AgentDocTest extends EmulatorTestSupport {

    /** The order service the support agent's tool routes call. */
    public static class Orders {
        final List<String> refunds = new CopyOnWriteArrayList<>();

        public String status(String arguments) {
            return arguments.contains("42") ? "order 42: lost in transit" : "no such order";
        }

        public String refund(String arguments) {
            refunds.add(arguments);
            return "refund R-" + refunds.size() + " accepted";
        }
    }

    @Test
    void theSupportAgentOfTheAgentsChapterRunsItsTools() {
        Orders orders = new Orders();
        useHarness(c -> {
            c.getConfiguration().setApiKey(CamelHarness.API_KEY);
            c.getConfiguration().setBaseUrl(EMULATOR.baseUrl());
        }, new RouteBuilder() {
            @Override
            public void configure() {
                getContext().getRegistry().bind("orders", orders);
                // doc: docs/agents.md
                from("direct:ticket")
                    .to("llmrouter:chat?model=openai/gpt-4o-mini&maxTokens=300"
                        + "&tools=direct:lookupOrder,direct:refund"
                        + "&maxLoopCost=0.01&maxToolIterations=6&toolTimeout=10s")
                    .log("${header.CamelLlmRouterToolIterations} rounds, $${header.CamelLlmRouterCost}: ${body}");

                from("direct:lookupOrder")
                    .description("Finds an order; arguments: {\"id\": number}")
                    .bean("orders", "status");

                from("direct:refund")
                    .description("Asks for the refund of an order; arguments: {\"id\": number, \"reason\": string}")
                    .bean("orders", "refund");
                // end doc
            }
        }, EMULATOR.baseUrl());
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}")
                .replyAfterTool("lookupOrder", "lost", "TOOL_CALL:refund:{\"id\":42,\"reason\":\"lost\"}")
                .replyAfterTool("refund", "accepted", "Order 42 was lost; a refund is on its way.");

        Exchange out = camel.template.send("direct:ticket", e -> e.getMessage().setBody("Where is order 42?"));

        assertNull(out.getException());
        assertEquals("Order 42 was lost; a refund is on its way.", out.getMessage().getBody());
        assertEquals(List.of("{\"id\":42,\"reason\":\"lost\"}"), orders.refunds);
        assertEquals(2, out.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        BigDecimal cost = out.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost.signum() > 0 && cost.compareTo(new BigDecimal("0.01")) <= 0, "cost " + cost);
        List<JsonNode> sent = EMULATOR.emulator().chatRequests().stream().map(RecordedCall::json).toList();
        assertEquals(3, sent.size());
        assertEquals("Finds an order; arguments: {\"id\": number}", sent.get(0).at("/tools/0/function/description")
                .asText());
        JsonNode last = sent.get(2).get("messages");
        assertEquals("refund R-1 accepted", last.at("/4/content").asText());
        assertEquals(last.at("/3/tool_calls/0/id").asText(), last.at("/4/tool_call_id").asText());
    }
}
