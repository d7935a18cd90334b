package dev.llmrouter.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.error.BudgetExceededException;
import dev.llmrouter.camel.error.LoopLimitException;
import dev.llmrouter.camel.error.ToolExecutionException;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** Tool failures, unknown tools and the loop's caps: what the model is told, what fails, and what is spent. */
class AgentLoopLimitsTest extends EmulatorTestSupport {

    static final String MINI = "openai/gpt-4o-mini";
    static final String PROMPT = "Where is order 42?";

    private final List<CallEvent> calls = new CopyOnWriteArrayList<>();

    private void routes() throws Exception {
        camel.component.addCallObserver(calls::add);
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lookupOrder").setBody(constant("order 42: shipped"));
                from("direct:boom").process(e -> {
                    throw new IllegalStateException("warehouse offline");
                });
            }
        });
    }

    private List<JsonNode> sent() {
        return EMULATOR.emulator().chatRequests().stream().map(RecordedCall::json).toList();
    }

    /** The last message the i-th chat request sent. */
    private JsonNode lastMessage(int i) {
        JsonNode messages = sent().get(i).get("messages");
        return messages.get(messages.size() - 1);
    }

    @SuppressWarnings("unchecked")
    private static List<LlmRouterToolStep> trace(Exchange ex) {
        return ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE, List.class);
    }

    // ---- tool failures

    @Test
    void aToolThatThrowsIsReportedToTheModelWhichAnswers() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:boom:{}")
                .replyAfterTool("boom", "warehouse offline", "The warehouse is offline, try later.");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:boom"), PROMPT);

        assertNull(ex.getException());
        assertEquals("The warehouse is offline, try later.", ex.getMessage().getBody());
        assertEquals(2, sent().size());
        assertEquals("tool", lastMessage(1).get("role").asText());
        assertEquals("Error: the tool boom failed: IllegalStateException: warehouse offline",
                lastMessage(1).get("content").asText());
        assertTrue(trace(ex).get(0).calls().get(0).failed());
    }

    @Test
    void aToolThatThrowsWithOnToolErrorFailEndsTheExchangeAndKeepsTheBody() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:boom:{}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:boom&onToolError=fail"),
                PROMPT);

        ToolExecutionException e = assertInstanceOf(ToolExecutionException.class, ex.getException());
        assertEquals("boom", e.getToolName());
        assertTrue(e.getToolCallId().startsWith("call_"), e.getToolCallId());
        assertTrue(e.getMessage().startsWith("Tool 'boom' (call " + e.getToolCallId() + "): failed (onToolError=fail):"
                                             + " IllegalStateException: warehouse offline"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(PROMPT, ex.getMessage().getBody());
        assertEquals(1, sent().size());
        assertEquals(0, ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        assertEquals(1, trace(ex).size(), "the model call was billed and is in the trace");
    }

    /** A tool that never answers; its stage is kept so the test can see the loop let go of it. */
    private static final class Hanging implements LlmRouterTool {
        final List<CompletableFuture<String>> stages = new CopyOnWriteArrayList<>();

        public String name() {
            return "slowStock";
        }

        public String description() {
            return "Never answers";
        }

        public Map<String, Object> parameters() {
            return Map.of("type", "object", "properties", Map.of());
        }

        public CompletionStage<String> invoke(String arguments, Exchange exchange) {
            CompletableFuture<String> f = new CompletableFuture<>();
            stages.add(f);
            return f;
        }
    }

    @Test
    void aToolThatHangsPastToolTimeoutIsAFailureInBothPolicies() throws Exception {
        routes();
        Hanging slow = new Hanging();
        camel.context.getRegistry().bind("slow", slow);
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:slowStock:{}")
                .replyAfterTool("slowStock", "toolTimeout", "The stock service did not answer.");

        long t0 = System.nanoTime();
        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=#slow&toolTimeout=300"), PROMPT);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertNull(ex.getException());
        assertEquals("The stock service did not answer.", ex.getMessage().getBody());
        assertEquals("Error: the tool slowStock failed: TimeoutException: no answer within toolTimeout 300 ms",
                lastMessage(1).get("content").asText());
        assertTrue(ms >= 300 && ms < 20_000, "took " + ms + " ms");

        Exchange failed = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=#slow&toolTimeout=300"
                                                + "&onToolError=fail"), PROMPT);
        ToolExecutionException e = assertInstanceOf(ToolExecutionException.class, failed.getException());
        assertEquals("slowStock", e.getToolName());
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(PROMPT, failed.getMessage().getBody());
        assertEquals(2, slow.stages.size());
        assertEquals(3, sent().size(), "two calls for the first exchange, one for the second");
    }

    @Test
    void aHallucinatedToolNameIsRepromptedOrFails() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:teleportOrder:{\"id\":42}")
                .replyAfterTool("teleportOrder", "Unknown tool", "I cannot teleport orders.");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:lookupOrder"), PROMPT);

        assertNull(ex.getException());
        assertEquals("I cannot teleport orders.", ex.getMessage().getBody());
        assertEquals("Unknown tool 'teleportOrder'. The tools are: lookupOrder.", lastMessage(1).get("content").asText());

        Exchange failed = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:lookupOrder"
                                                + "&onUnknownTool=fail"), PROMPT);
        ToolExecutionException e = assertInstanceOf(ToolExecutionException.class, failed.getException());
        assertEquals("teleportOrder", e.getToolName());
        assertTrue(e.getMessage().contains("does not exist (onUnknownTool=fail); the tools are: lookupOrder"),
                e.getMessage());
        assertEquals(PROMPT, failed.getMessage().getBody());
        assertEquals(3, sent().size());
    }

    // ---- caps

    @Test
    void maxToolIterationsAsksForAFinalAnswerWithoutTools() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:lookupOrder"
                                            + "&maxToolIterations=2"), PROMPT);

        assertNull(ex.getException());
        // two rounds ran; the third answer asked for more; the fourth call was asked for text only
        assertEquals(4, sent().size());
        assertEquals("none", sent().get(3).get("tool_choice").asText());
        assertTrue(sent().get(2).path("tool_choice").isMissingNode());
        assertEquals("Echo: " + PROMPT, ex.getMessage().getBody());
        assertEquals(2, ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS));
        assertEquals("maxToolIterations", ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED));
        assertEquals(4, trace(ex).size());
        assertEquals(4, calls.size(), "every model call was reported");
    }

    @Test
    void maxToolIterationsWithLoopStopFailThrowsLoopLimitException() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:lookupOrder"
                                            + "&maxToolIterations=1&loopStop=fail"), PROMPT);

        LoopLimitException e = assertInstanceOf(LoopLimitException.class, ex.getException());
        assertEquals("maxToolIterations", e.getReason());
        assertEquals(1, e.getIterations());
        assertEquals(0, BigDecimal.ONE.compareTo(e.getLimit()));
        assertEquals("Agent loop stopped by maxToolIterations after 1 tool iteration: maxToolIterations 1, used 1",
                e.getMessage());
        assertEquals(PROMPT, ex.getMessage().getBody());
        assertEquals(2, sent().size());
        assertEquals("maxToolIterations", ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED));
    }

    /** Sends {@code n} exchanges at once and waits for all of them. */
    private List<Exchange> concurrently(String uri, int n) throws Exception {
        List<Future<Exchange>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(camel.template.asyncSend(uri, e -> e.getMessage().setBody(PROMPT)));
        }
        List<Exchange> out = new ArrayList<>();
        for (Future<Exchange> f : futures) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private static BigDecimal billed(Exchange ex) {
        BigDecimal sum = BigDecimal.ZERO;
        for (LlmRouterToolStep s : trace(ex)) {
            sum = sum.add(s.cost());
        }
        return sum;
    }

    @Test
    void maxLoopCostStopsSixteenConcurrentLoopsOnOneBudgetWithoutOvershoot() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");
        BigDecimal cap = new BigDecimal("0.0003");
        BigDecimal amount = new BigDecimal("1");
        camel.component.addBudget("shared", new LlmRouterBudget(amount, "none"));
        String uri = camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder&maxToolIterations=100"
                                + "&budget=shared&maxLoopCost=" + cap.toPlainString());

        List<Exchange> done = concurrently(uri, 16);

        BigDecimal total = BigDecimal.ZERO;
        for (Exchange ex : done) {
            assertNull(ex.getException());
            assertEquals("maxLoopCost", ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED));
            BigDecimal billed = billed(ex);
            assertTrue(billed.compareTo(cap) <= 0, "billed " + billed + " > cap " + cap);
            assertEquals(0, billed.compareTo(ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class)));
            int iterations = ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS, Integer.class);
            assertTrue(iterations >= 3, "the loop ran several rounds before the cap: " + iterations);
            assertEquals(iterations + 1, trace(ex).size(), "the rounds plus the final answer");
            assertEquals("Echo: " + PROMPT, ex.getMessage().getBody());
            total = total.add(billed);
        }
        BigDecimal reported = calls.stream().map(c -> c.usage().cost()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, total.compareTo(reported), "every billed call was reported");
        assertTrue(total.compareTo(amount) <= 0);
    }

    @Test
    void aTightBudgetStopsLoopsAndIsNeverOverspent() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");
        BigDecimal cap = new BigDecimal("0.0003");
        BigDecimal amount = new BigDecimal("0.0015");
        camel.component.addBudget("tight", new LlmRouterBudget(amount, "none"));
        String uri = camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder&maxToolIterations=100"
                                + "&budget=tight&maxLoopCost=" + cap.toPlainString());

        List<Exchange> done = concurrently(uri, 16);

        int byBudget = 0;
        for (Exchange ex : done) {
            String stopped = ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED, String.class);
            if (ex.getException() != null) {
                assertInstanceOf(BudgetExceededException.class, ex.getException());
                assertEquals(PROMPT, ex.getMessage().getBody());
            }
            if ("budget".equals(stopped) || ex.getException() != null) {
                // stopped mid-loop, or refused before its first call: either way the budget said no
                byBudget++;
            } else if (stopped != null) {
                assertEquals("maxLoopCost", stopped);
            }
            if (ex.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE) != null) {
                assertTrue(billed(ex).compareTo(cap) <= 0, "billed " + billed(ex));
            }
        }
        assertTrue(byBudget > 0, "16 loops want more than the budget holds: it stopped some of them");
        BigDecimal spent = calls.stream().filter(c -> c.usage().cost() != null).map(c -> c.usage().cost())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertTrue(spent.compareTo(amount) <= 0, "spent " + spent + " of " + amount);
    }

    @Test
    void maxLoopCostWithLoopStopFailNamesTheFigures() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder"
                                            + "&maxLoopCost=0.0002&loopStop=fail&maxToolIterations=100"), PROMPT);

        LoopLimitException e = assertInstanceOf(LoopLimitException.class, ex.getException());
        assertEquals("maxLoopCost", e.getReason());
        assertEquals(0, new BigDecimal("0.0002").compareTo(e.getLimit()));
        assertTrue(e.getUsed().add(e.getNeeded()).compareTo(e.getLimit()) > 0, "the next call did not fit: " + e);
        assertTrue(e.getUsed().compareTo(e.getLimit()) <= 0);
        assertEquals(0, e.getUsed().compareTo(billed(ex)));
        assertTrue(e.getMessage().startsWith("Agent loop stopped by maxLoopCost after " + e.getIterations()
                                             + " tool iterations: maxLoopCost "), e.getMessage());
        assertEquals(PROMPT, ex.getMessage().getBody());
        assertEquals(e.getIterations(), sent().size(), "one call per round; the next one was not sent");
    }

    @Test
    void aCapThatCannotHoldEvenAOneTokenAnswerSendsNothing() throws Exception {
        routes();

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder"
                                            + "&maxLoopCost=0.0000001"), PROMPT);

        LoopLimitException e = assertInstanceOf(LoopLimitException.class, ex.getException());
        assertEquals("maxLoopCost", e.getReason());
        assertEquals(0, e.getIterations());
        assertTrue(e.getNeeded().compareTo(new BigDecimal("0.0000001")) > 0, "needed " + e.getNeeded());
        assertTrue(e.getMessage().endsWith("; stopped by maxLoopCost, even a final answer without tools cannot fit in"
                                           + " what is left"), e.getMessage());
        assertEquals(0, sent().size());
        assertEquals(PROMPT, ex.getMessage().getBody());
    }

    @Test
    void maxLoopTokensBoundsTheTokensOfTheLoop() throws Exception {
        routes();
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=100&tools=direct:lookupOrder"
                                            + "&maxLoopTokens=1500&maxToolIterations=100"), PROMPT);

        assertNull(ex.getException());
        assertEquals("maxLoopTokens", ex.getMessage().getHeader(LlmRouterConstants.LOOP_STOPPED));
        int total = ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS, Integer.class);
        assertTrue(total <= 1500, "total " + total);
        assertTrue(ex.getMessage().getHeader(LlmRouterConstants.TOOL_ITERATIONS, Integer.class) >= 2);
        JsonNode last = sent().get(sent().size() - 1);
        assertEquals("none", last.get("tool_choice").asText(), "the final answer was asked without tools");
        assertTrue(last.get("max_tokens").asInt() <= 100, last.toString());
        for (JsonNode step : sent().subList(0, sent().size() - 1)) {
            assertEquals(100, step.get("max_tokens").asInt(), "the loop's steps keep their max_tokens whole");
        }
    }

    @Test
    void maxLoopDurationStopsBeforeTheNextCall() throws Exception {
        routes();
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:slowLookup").delay(1000).setBody(constant("found"));
            }
        });
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:slowLookup:{}");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&maxTokens=50&tools=direct:slowLookup"
                                            + "&maxLoopDuration=700&loopStop=fail"), PROMPT);

        LoopLimitException e = assertInstanceOf(LoopLimitException.class, ex.getException());
        assertEquals("maxLoopDuration", e.getReason());
        assertEquals(1, sent().size(), e.getMessage());
        assertSame(null, ex.getMessage().getHeader(LlmRouterConstants.COST));
    }
}
