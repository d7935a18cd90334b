package dev.llmrouter.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.agent.LlmRouterToolSpec;
import dev.llmrouter.camel.agent.LlmTool;
import dev.llmrouter.camel.error.ToolExecutionException;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The agent loop over route and bean tools, against the emulator's multi-turn tool scripts. */
class AgentLoopTest extends EmulatorTestSupport {

    static final String MINI = "openai/gpt-4o-mini";

    /** The arguments of tool lookupOrder, as a POJO the route receives. */
    @LlmTool(name = "findOrder", description = "Finds an order by its id")
    public static class OrderQuery {
        public int id;
    }

    private final List<Exchange> lookups = new CopyOnWriteArrayList<>();
    private final List<Exchange> refunds = new CopyOnWriteArrayList<>();

    private final List<CallEvent> calls = new CopyOnWriteArrayList<>();

    private void routes() throws Exception {
        camel.component.addCallObserver(calls::add);
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").description("Looks an order up by its id")
                        .process(e -> lookups.add(e.copy()))
                        .setBody(simple("order ${body} status: lost"));
                from("direct:refund").routeId("refundRoute").description("Refunds an order")
                        .process(e -> refunds.add(e.copy()))
                        .setBody(constant("refund R-1 accepted"));
            }
        });
    }

    private List<JsonNode> sent() {
        return EMULATOR.emulator().chatRequests().stream().map(RecordedCall::json).toList();
    }

    @Test
    void aLoopOverTwoRouteToolsEndsInTheFinalAnswer() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}")
                .replyAfterTool("lookupOrder", "lost", "TOOL_CALL:refund:{\"id\":42,\"reason\":\"lost\"}")
                .replyAfterTool("refund", "accepted", "Order 42 was lost; refund R-1 is on its way.");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=200&tools=direct:lookupOrder,direct:refund"),
                "Where is order 42?");

        assertNull(ex.getException());
        assertEquals("Order 42 was lost; refund R-1 is on its way.", ex.getMessage().getBody());
        List<JsonNode> sent = sent();
        assertEquals(3, sent.size());
        // the tools are defined by their routes: name from the URI path, description from the route
        JsonNode tools = sent.get(0).get("tools");
        assertEquals(2, tools.size());
        assertEquals("lookupOrder", tools.at("/0/function/name").asText());
        assertEquals("Looks an order up by its id", tools.at("/0/function/description").asText());
        assertEquals("refund", tools.at("/1/function/name").asText());
        assertEquals("Refunds an order", tools.at("/1/function/description").asText());
        assertEquals("object", tools.at("/1/function/parameters/type").asText());
        assertEquals(tools, sent.get(2).get("tools"), "the same tool definitions on every call");

        // the tools' exchanges got the arguments and the call's name and id
        assertEquals(1, lookups.size());
        assertEquals("{\"id\":42}", lookups.get(0).getMessage().getBody(String.class));
        assertEquals("lookupOrder", lookups.get(0).getMessage().getHeader(LlmRouterConstants.TOOL_NAME));
        assertEquals(1, refunds.size());
        assertEquals("{\"id\":42,\"reason\":\"lost\"}", refunds.get(0).getMessage().getBody(String.class));

        // second call: user, assistant with the tool call, the tool message answering its id
        JsonNode second = sent.get(1).get("messages");
        assertEquals(3, second.size(), second.toString());
        String lookupId = second.at("/1/tool_calls/0/id").asText();
        assertEquals("lookupOrder", second.at("/1/tool_calls/0/function/name").asText());
        assertEquals("tool", second.at("/2/role").asText());
        assertEquals(lookupId, second.at("/2/tool_call_id").asText());
        assertEquals(lookupId, lookups.get(0).getMessage().getHeader(LlmRouterConstants.TOOL_CALL_ID));
        assertEquals("order {\"id\":42} status: lost", second.at("/2/content").asText());
        JsonNode third = sent.get(2).get("messages");
        assertEquals(5, third.size(), third.toString());
        assertEquals(third.at("/3/tool_calls/0/id").asText(), third.at("/4/tool_call_id").asText());
        assertEquals("refund R-1 accepted", third.at("/4/content").asText());

        // headers: two tool rounds, one trace entry per model call, the cost and tokens as sums
        assertEquals(2, ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED));
        @SuppressWarnings("unchecked")
        List<LlmRouterToolStep> trace = ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE, List.class);
        assertEquals(3, trace.size());
        assertEquals(List.of(new LlmRouterToolStep.Call("lookupOrder", lookupId,
                "order {\"id\":42} status: lost".length(), false)), trace.get(0).calls());
        assertEquals("refund", trace.get(1).calls().get(0).name());
        assertEquals(List.of(), trace.get(2).calls());
        assertEquals(MINI, trace.get(0).model());
        // each model call was reported on its own (usage log, meters); the headers are their sums
        assertEquals(3, calls.size());
        BigDecimal sum = BigDecimal.ZERO;
        int tokens = 0;
        for (int i = 0; i < 3; i++) {
            UsageRecord u = calls.get(i).usage();
            assertEquals("ok", u.outcome());
            assertEquals(0, u.cost().compareTo(trace.get(i).cost()), "cost of call " + i);
            sum = sum.add(u.cost());
            tokens += u.promptTokens() + u.completionTokens();
        }
        assertEquals(0, sum.compareTo(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)));
        assertEquals(tokens, ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS));
    }

    @Test
    void aToolSpecWithAPojoParameterClassAndABeanTool() throws Exception {
        routes();
        List<String> beanArgs = new CopyOnWriteArrayList<>();
        LlmRouterTool clock = new LlmRouterTool() {
            public String name() {
                return "clock";
            }

            public String description() {
                return "The time";
            }

            public Map<String, Object> parameters() {
                return Map.of("type", "object", "properties", Map.of());
            }

            public CompletionStage<String> invoke(String arguments, Exchange exchange) {
                beanArgs.add(arguments);
                return CompletableFuture.completedFuture("12:00");
            }
        };
        camel.context.getRegistry().bind("agentTools", List.of(
                LlmRouterToolSpec.route("direct:lookupOrder").parameters(OrderQuery.class), clock,
                Map.of("type", "function", "function", Map.of("name", "handOff"))));
        EMULATOR.emulator().reply("order 7", "TOOL_CALL:findOrder:{\"id\":7}\nTOOL_CALL:clock:{}")
                .replyAfterTool("clock", "12:00", "TOOL_CALL:handOff:{\"to\":\"human\"}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=#agentTools"), "order 7?");

        assertNull(ex.getException());
        JsonNode tools = sent().get(0).get("tools");
        // the plain definition first (sent as it is), then the executable tools
        assertEquals(List.of("handOff", "findOrder", "clock"),
                List.of(tools.at("/0/function/name").asText(), tools.at("/1/function/name").asText(),
                        tools.at("/2/function/name").asText()));
        assertEquals("Finds an order by its id", tools.at("/1/function/description").asText());
        assertEquals("integer", tools.at("/1/function/parameters/properties/id/type").asText());
        OrderQuery q = assertInstanceOf(OrderQuery.class, lookups.get(0).getMessage().getBody());
        assertEquals(7, q.id);
        assertEquals("findOrder", lookups.get(0).getMessage().getHeader(LlmRouterConstants.TOOL_NAME));
        assertEquals(List.of("{}"), beanArgs);
        // a call of a tool the loop does not run ends the loop: it comes back in the tool calls header
        @SuppressWarnings("unchecked")
        List<ToolCall> asked = ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS, List.class);
        assertEquals("handOff", asked.get(0).function().name());
        assertEquals("tool_calls", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(1, ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        assertEquals(2, sent().size());
    }

    /** A service whose methods are tools through bean: endpoints. */
    public static class OrderService {
        final List<Object> seen = new CopyOnWriteArrayList<>();

        public String find(OrderQuery q) {
            seen.add(q);
            return "order " + q.id + ": packed";
        }
    }

    @Test
    void aBeanMethodTakingThePojoIsARouteToolThroughABeanEndpoint() throws Exception {
        OrderService service = new OrderService();
        camel.context.getRegistry().bind("orderService", service);
        camel.context.getRegistry().bind("beanTools", List.of(
                LlmRouterToolSpec.route("bean:orderService?method=find").parameters(OrderQuery.class)));
        EMULATOR.emulator().reply("order 9", "TOOL_CALL:findOrder:{\"id\":9}")
                .replyAfterTool("findOrder", "packed", "Order 9 is packed.");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=#beanTools"), "order 9?");

        assertNull(ex.getException());
        assertEquals("Order 9 is packed.", ex.getMessage().getBody());
        assertEquals(1, service.seen.size());
        assertEquals(9, assertInstanceOf(OrderQuery.class, service.seen.get(0)).id);
        assertEquals("order 9: packed", sent().get(1).at("/messages/2/content").asText());
    }

    @Test
    void theCallsOfOneAnswerRunAtOnceOrInTheModelsOrder() throws Exception {
        java.util.concurrent.CountDownLatch both = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.atomic.AtomicInteger active = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        List<String> order = new CopyOnWriteArrayList<>();
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String name : List.of("stockA", "stockB")) {
                    from("direct:" + name).process(e -> {
                        most.accumulateAndGet(active.incrementAndGet(), Math::max);
                        order.add(name);
                        if (e.getMessage().getBody(String.class).contains("parallel")) {
                            // each waits for the other: only calls that run at once get past this quickly
                            both.countDown();
                            both.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        active.decrementAndGet();
                    }).setBody(constant(name + " ok"));
                }
            }
        });
        EMULATOR.emulator().reply("parallel", "TOOL_CALL:stockA:{\"m\":\"parallel\"}\nTOOL_CALL:stockB:{\"m\":\"parallel\"}")
                .reply("serial", "TOOL_CALL:stockA:{\"m\":\"serial\"}\nTOOL_CALL:stockB:{\"m\":\"serial\"}")
                .replyAfterTool("stockB", "ok", "done");

        long t0 = System.nanoTime();
        Exchange parallel = camel.send(camel.chat("model=" + MINI + "&tools=direct:stockA,direct:stockB"), "parallel");
        assertNull(parallel.getException());
        assertEquals(2, most.get(), "both calls ran at the same time");
        assertTrue(java.util.concurrent.TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 10);
        JsonNode messages = sent().get(1).get("messages");
        assertEquals("stockA ok", messages.at("/2/content").asText(), "tool messages in the model's order");
        assertEquals("stockB ok", messages.at("/3/content").asText());

        most.set(0);
        order.clear();
        Exchange serial = camel.send(camel.chat("model=" + MINI + "&tools=direct:stockA,direct:stockB"
                                                + "&parallelToolExecution=false"), "serial");
        assertNull(serial.getException());
        assertEquals(1, most.get(), "one call at a time");
        assertEquals(List.of("stockA", "stockB"), order);
    }

    @Test
    void autoToolExecutionFalseReturnsTheCallsAsBefore() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&tools=direct:lookupOrder&autoToolExecution=false"),
                "Where is order 42?");

        assertNull(ex.getException());
        assertEquals(1, sent().size());
        assertTrue(lookups.isEmpty());
        assertEquals("lookupOrder", sent().get(0).at("/tools/0/function/name").asText(), "the definition is sent");
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        @SuppressWarnings("unchecked")
        List<ToolCall> asked = ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS, List.class);
        assertEquals("lookupOrder", asked.get(0).function().name());
    }

    @Test
    void autoToolExecutionFalseOffersTheSameDefinitionsOnEveryCall() throws Exception {
        routes();
        camel.context.getRegistry().bind("mixedTools", List.of(
                Map.of("type", "function", "function", Map.of("name", "weather", "parameters",
                        Map.of("type", "object"))),
                "direct:lookupOrder", "direct:refund"));
        EMULATOR.emulator().reply("", "TOOL_CALL:refund:{\"id\":7}");
        String uri = camel.chat("model=" + MINI + "&tools=#mixedTools&autoToolExecution=false");

        for (int i = 0; i < 3; i++) {
            Exchange ex = camel.send(uri, "call " + i);
            assertNull(ex.getException());
            @SuppressWarnings("unchecked")
            List<ToolCall> asked = ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS, List.class);
            assertEquals("refund", asked.get(0).function().name());
        }

        List<JsonNode> sent = sent();
        assertEquals(3, sent.size());
        assertTrue(lookups.isEmpty() && refunds.isEmpty(), "nothing is run");
        // the plain definition first, then the executable tools in option order, described by their routes
        JsonNode tools = sent.get(0).get("tools");
        assertEquals(List.of("weather", "lookupOrder", "refund"),
                List.of(tools.get(0).at("/function/name").asText(), tools.get(1).at("/function/name").asText(),
                        tools.get(2).at("/function/name").asText()));
        assertEquals(3, tools.size());
        assertEquals("Refunds an order", tools.get(2).at("/function/description").asText());
        for (JsonNode request : sent) {
            assertEquals(tools, request.get("tools"), "every call offers the same definitions");
        }
    }

    @Test
    void escalationAppliesToTheStepWhoseAnswerFailsNotToTheLoop() throws Exception {
        routes();
        String haiku = "anthropic/claude-haiku-4.5";
        EMULATOR.emulator().reply(MINI, "order 42", "TOOL_CALL:lookupOrder:{\"id\":42}")
                .replyAfterTool(MINI, "lookupOrder", "", "it is lost, I think")
                .replyAfterTool(haiku, "lookupOrder", "", "{\"status\":\"lost\"}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder"
                                            + "&escalateOn=invalidJson&escalateModels=" + haiku), "Where is order 42?");

        assertNull(ex.getException());
        assertEquals("{\"status\":\"lost\"}", ex.getMessage().getBody());
        // the tool call of the cheap model passed (it is not the answer); only the text answer was escalated
        List<JsonNode> sent = sent();
        assertEquals(List.of(MINI, MINI, haiku), sent.stream().map(j -> j.get("model").asText()).toList());
        @SuppressWarnings("unchecked")
        List<LlmRouterToolStep> trace = ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE, List.class);
        assertEquals(List.of(MINI, haiku), trace.stream().map(LlmRouterToolStep::model).toList());
        assertEquals(haiku, ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
    }

    static ToolExecutionException toolFailure(Exchange ex) {
        return assertInstanceOf(ToolExecutionException.class, ex.getException());
    }
}
