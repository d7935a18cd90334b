package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.AnswerPendingException;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.idempotency.Claim;
import dev.llmrouter.camel.idempotency.InMemoryAnswerStore;
import dev.llmrouter.camel.idempotency.ReplayStats;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.test.EmulatorFault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.CostGovernanceFixtures.MINI;
import static dev.llmrouter.camel.CostGovernanceFixtures.PROMPT;
import static dev.llmrouter.camel.CostGovernanceFixtures.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Never pay twice: option idempotencyKey, counted in the requests the emulator receives. */
class IdempotencyTest extends EmulatorTestSupport {

    private static final String KEYED = "model=" + MINI + "&maxTokens=100&idempotencyKey=RAW(${header.msgId})";

    private int chats() {
        return EMULATOR.emulator().chatRequests().size();
    }

    private Exchange send(String uri, String msgId) {
        return camel.send(uri, PROMPT, msgId == null ? Map.of() : Map.of("msgId", msgId));
    }

    private static void assertAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertNotNull(actual, what);
        assertEquals(0, expected.compareTo(actual), what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void theSameKeyTwiceMakesOneCallAndTheSecondIsReplayedWithTheSameBodyAndCostAndBooksNothing() {
        camel.component.addBudget("team", new LlmRouterBudget(new BigDecimal("10"), "none"));
        String uri = camel.chat(KEYED + "&budget=team");

        Exchange first = send(uri, "m-1");
        assertNull(first.getException());
        assertEquals(1, chats());
        assertNull(first.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        BigDecimal cost = first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertTrue(cost.signum() > 0, "the emulator bills the call");
        LedgerRow booked = row(camel.component, "team", "");
        assertAmount(cost, booked.spent(), "spent after the first call");

        Exchange second = send(uri, "m-1");
        assertNull(second.getException());
        assertEquals(1, chats(), "the second message with the key made no HTTP call");
        assertEquals(Boolean.TRUE, second.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(first.getMessage().getBody(String.class), second.getMessage().getBody(String.class));
        assertAmount(cost, second.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class), "replayed cost");
        for (String h : new String[] {LlmRouterConstants.PROMPT_TOKENS, LlmRouterConstants.COMPLETION_TOKENS,
                LlmRouterConstants.RESPONSE_MODEL, LlmRouterConstants.GENERATION_ID,
                LlmRouterConstants.ESTIMATED_COST}) {
            assertEquals(first.getMessage().getHeader(h), second.getMessage().getHeader(h), h);
        }
        assertEquals(Integer.class, second.getMessage().getHeader(LlmRouterConstants.PROMPT_TOKENS).getClass());
        assertAmount(cost, row(camel.component, "team", "").spent(), "spent after the replay (booked once)");
        assertAmount(BigDecimal.ZERO, row(camel.component, "team", "").reserved(), "nothing reserved");
        ReplayStats.Totals totals = camel.component.runtime().replayStats().snapshot().get("");
        assertEquals(1, totals.replays());
        assertEquals(0, totals.coalesced());
        assertAmount(cost, totals.saved(), "saved");

        Exchange other = send(uri, "m-2");
        assertNull(other.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, chats(), "another key is another call");
    }

    @Test
    void aSecondMessageWithTheKeyInFlightWaitsForTheFirstAnswerInsteadOfCalling() throws Exception {
        EMULATOR.emulator().fault(MINI, EmulatorFault.delayOnly(Duration.ofMillis(800)).times(1));
        String uri = camel.chat(KEYED);

        CompletableFuture<Exchange> a = camel.template.asyncSend(uri, e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("msgId", "same");
        });
        CostGovernanceFixtures.await(() -> chats() == 1, "the first call to reach the emulator");
        CompletableFuture<Exchange> b = camel.template.asyncSend(uri, e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("msgId", "same");
        });
        Exchange ea = a.get(20, TimeUnit.SECONDS);
        Exchange eb = b.get(20, TimeUnit.SECONDS);
        assertNull(ea.getException());
        assertNull(eb.getException());
        assertEquals(1, chats(), "one HTTP call for both");
        assertNull(ea.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(Boolean.TRUE, eb.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(ea.getMessage().getBody(String.class), eb.getMessage().getBody(String.class));
        assertEquals(ea.getMessage().getHeader(LlmRouterConstants.COST),
                eb.getMessage().getHeader(LlmRouterConstants.COST));
        ReplayStats.Totals totals = camel.component.runtime().replayStats().snapshot().get("");
        assertEquals(1, totals.coalesced());
    }

    @Test
    void aFailedCallReleasesItsKeySoThatTheRedeliveryCalls() {
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(500).message("boom").times(1));
        String uri = camel.chat(KEYED + "&maxRetries=0");

        Exchange failed = send(uri, "k");
        assertInstanceOf(UpstreamException.class, failed.getException());
        Exchange again = send(uri, "k");
        assertNull(again.getException());
        assertNull(again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, chats());
        assertEquals(Boolean.TRUE, send(uri, "k").getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, chats());
    }

    @Test
    void anAnswerPastItsRetentionIsFetchedAgain() throws Exception {
        String uri = camel.chat(KEYED + "&answerRetention=50");
        assertNull(send(uri, "old").getException());
        Thread.sleep(120);
        Exchange again = send(uri, "old");
        assertNull(again.getException());
        assertNull(again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, chats());
    }

    @Test
    void aKeyThatEvaluatesToNothingFailsWithoutAnHttpCallUnlessOnMissingIsCall() {
        String uri = camel.chat(KEYED);
        Exchange ex = send(uri, null);
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().contains("idempotencyKey expression '${header.msgId}'"), e.getMessage());
        assertTrue(e.getMessage().contains("onMissingIdempotencyKey=call"), e.getMessage());
        assertEquals(PROMPT, ex.getMessage().getBody());
        Exchange empty = send(uri, "");
        assertInstanceOf(InvalidMessageException.class, empty.getException());
        assertEquals(0, chats());

        String calling = camel.chat(KEYED + "&onMissingIdempotencyKey=call");
        Exchange called = send(calling, null);
        assertNull(called.getException());
        assertNull(called.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(1, chats());
        assertNull(send(calling, null).getMessage().getHeader(LlmRouterConstants.REPLAYED), "no key, no replay");
        assertEquals(2, chats());
    }

    @Test
    void badIdempotencyOptionsFailAtEndpointCreationNamingThem() {
        for (String[] c : new String[][] {
                {"answerRetention=-1", "answerRetention"},
                {"onMissingIdempotencyKey=skip", "onMissingIdempotencyKey"},
                {"stream=true", "idempotencyKey with stream=true"}}) {
            String uri = camel.chat(KEYED + "&" + c[0]);
            Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(uri), c[0]);
            Throwable root = e;
            while (!(root instanceof IllegalArgumentException) && root.getCause() != null) {
                root = root.getCause();
            }
            assertInstanceOf(IllegalArgumentException.class, root, c[0]);
            assertTrue(root.getMessage().contains(c[1]), root.getMessage());
        }
    }

    @Test
    void aKeyHeldByAnotherOwnerIsWaitedForThenFailsAfterRequestTimeoutWithoutACall() {
        InMemoryAnswerStore store = new InMemoryAnswerStore(100, Clock.systemUTC());
        assertEquals(Claim.State.CLAIMED, store.claim("busy", "other-instance", Duration.ofHours(1)).state());
        camel.context.getRegistry().bind("answers", store);
        String uri = camel.chat(KEYED + "&answerStore=#answers&requestTimeout=400");

        long start = System.nanoTime();
        Exchange ex = send(uri, "busy");
        AnswerPendingException e = assertInstanceOf(AnswerPendingException.class, ex.getException());
        assertEquals("busy", e.getIdempotencyKey());
        assertTrue(e.getMessage().contains("requestTimeout (400 ms)"), e.getMessage());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 350, "it waited");
        assertEquals(0, chats());
    }

    @Test
    void aKeyClaimedByADeadOwnerIsTakenOverWhenItsLeaseEnds() {
        InMemoryAnswerStore store = new InMemoryAnswerStore(100, Clock.systemUTC());
        store.claim("orphan", "dead-instance", Duration.ofMillis(300));
        camel.context.getRegistry().bind("answers", store);
        String uri = camel.chat(KEYED + "&answerStore=#answers");

        Exchange ex = send(uri, "orphan");
        assertNull(ex.getException());
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(1, chats());
        assertTrue(store.get("orphan").isPresent(), "the answer is stored under the key");
    }

    @Test
    void replaysCoalescedWaitsAndSavedDollarsShowInTheMetersAndTheDevConsolePerRoute() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        String uri = "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + EMULATOR.baseUrl() + "&" + KEYED;
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:classify").routeId("classify").to(uri);
            }
        }, beans -> beans.bind("meters", meters));

        Exchange first = camel.template.send("direct:classify", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("msgId", "r-1");
        });
        BigDecimal cost = first.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        for (int i = 0; i < 2; i++) {
            Exchange again = camel.template.send("direct:classify", e -> {
                e.getMessage().setBody(PROMPT);
                e.getMessage().setHeader("msgId", "r-1");
            });
            assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        }
        assertEquals(1, chats());
        assertEquals(2.0, meters.get("llmrouter.replays").tag("route", "classify").counter().count());
        assertEquals(0.0, meters.get("llmrouter.coalesced").tag("route", "classify").counter().count());
        assertEquals(cost.doubleValue() * 2, meters.get("llmrouter.replay.saved").tag("route", "classify").counter()
                .count(), 1e-12);
        assertEquals(2.0, meters.get("llmrouter.requests").tag("outcome", "replayed").counter().count(),
                "each replay is a usage record with outcome replayed");
        assertEquals(0.0, meters.get("llmrouter.cost").tag("route", "classify").counter().count()
                          - cost.doubleValue(), 1e-12, "the cost meter counts the paid call only");

        DevConsole console = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("llmrouter");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("classify: replays 2, coalesced 0, saved $"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        Map<?, ?> c = (Map<?, ?>) ((List<?>) json.get("components")).get(0);
        Map<?, ?> route = (Map<?, ?>) ((List<?>) c.get("replays")).get(0);
        assertEquals("classify", route.get("route"));
        assertEquals(2L, ((Number) route.get("replays")).longValue());
        assertAmount(cost.multiply(BigDecimal.valueOf(2)), (BigDecimal) route.get("saved"), "saved in the console");
    }

    @Test
    void aStructuredAnswerAndAFullResponseAreReplayedAsTheirTypes() {
        EMULATOR.emulator().reply("refund", "{\"label\":\"billing\",\"priority\":2,\"confidence\":0.9,"
                                            + "\"urgent\":true,\"severity\":\"HIGH\",\"tags\":[\"refund\"]}");
        String pojo = camel.chat(KEYED + "&outputClass=" + StructuredOutputTest.Ticket.class.getName());
        Map<String, Object> key = Map.of("msgId", "t-1");
        Object first = camel.send(pojo, "Please refund order 12", key).getMessage().getBody();
        Exchange again = camel.send(pojo, "Please refund order 12", key);
        assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertInstanceOf(StructuredOutputTest.Ticket.class, again.getMessage().getBody());
        assertEquals(first, again.getMessage().getBody());
        assertEquals(1, chats());

        String full = camel.chat("model=" + MINI + "&idempotencyKey=RAW(full-${header.msgId})&responseMode=full");
        ChatResponse a = camel.send(full, PROMPT, key).getMessage().getBody(ChatResponse.class);
        Exchange b = camel.send(full, PROMPT, key);
        assertEquals(Boolean.TRUE, b.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        ChatResponse replayed = assertInstanceOf(ChatResponse.class, b.getMessage().getBody());
        assertEquals(a.id(), replayed.id());
        assertEquals(a.choices().get(0).message().content(), replayed.choices().get(0).message().content());
        assertEquals(2, chats());
    }

    @Test
    void aStreamedAnswerIsReplayedToStreamToAsOneDelta() throws Exception {
        EMULATOR.emulator().reply("budget", "It is sunny in Lisbon today");
        List<String> deltas = new java.util.concurrent.CopyOnWriteArrayList<>();
        camel.context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getHeader(
                        LlmRouterConstants.STREAM_INDEX) + ":" + e.getMessage().getBody(String.class)
                        + (e.getMessage().getHeader(LlmRouterConstants.REPLAYED) != null ? ":replayed" : "")));
            }
        });
        String uri = camel.chat(KEYED + "&stream=true&streamTo=direct:deltas");

        Exchange first = send(uri, "s-1");
        assertNull(first.getException());
        assertEquals("It is sunny in Lisbon today", first.getMessage().getBody());
        assertTrue(deltas.size() > 1, "the first answer streamed in several deltas: " + deltas);
        deltas.clear();

        Exchange again = send(uri, "s-1");
        assertNull(again.getException());
        assertEquals("It is sunny in Lisbon today", again.getMessage().getBody());
        assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(List.of("0:It is sunny in Lisbon today:replayed"), deltas);
        assertEquals(first.getMessage().getHeader(LlmRouterConstants.COST),
                again.getMessage().getHeader(LlmRouterConstants.COST));
        assertEquals(1, chats());
    }

    @Test
    void whenTheCallAWaiterWaitsForFailsTheWaiterCallsItself() throws Exception {
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(500).message("boom").delay(Duration.ofMillis(600))
                .times(1));
        String uri = camel.chat(KEYED + "&maxRetries=0");

        CompletableFuture<Exchange> a = camel.template.asyncSend(uri, e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("msgId", "flaky");
        });
        CostGovernanceFixtures.await(() -> chats() == 1, "the first call to reach the emulator");
        CompletableFuture<Exchange> b = camel.template.asyncSend(uri, e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader("msgId", "flaky");
        });
        Exchange ea = a.get(20, TimeUnit.SECONDS);
        Exchange eb = b.get(20, TimeUnit.SECONDS);
        assertInstanceOf(UpstreamException.class, ea.getException());
        assertNull(eb.getException(), () -> String.valueOf(eb.getException()));
        assertNull(eb.getMessage().getHeader(LlmRouterConstants.REPLAYED), "the waiter made its own call");
        assertEquals(2, chats());
        assertEquals(Boolean.TRUE, send(uri, "flaky").getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, chats());
    }

    @Test
    void aReplayedTurnOfAConversationIsNotStoredAgain() {
        String uri = camel.chat(KEYED + "&conversationId=RAW(${header.ticket})");
        Map<String, Object> headers = Map.of("msgId", "c-1", "ticket", "T-1");
        Exchange first = camel.send(uri, PROMPT, headers);
        assertNull(first.getException());
        assertEquals(2, camel.component.runtime().conversations().load("T-1").size(), "the turn and its answer");

        Exchange again = camel.send(uri, PROMPT, headers);
        assertEquals(Boolean.TRUE, again.getMessage().getHeader(LlmRouterConstants.REPLAYED));
        assertEquals(2, camel.component.runtime().conversations().load("T-1").size(), "not stored twice");
        assertEquals(1, chats());
    }
}
