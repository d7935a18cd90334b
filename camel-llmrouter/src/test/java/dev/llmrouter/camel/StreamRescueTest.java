package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.FirstTokenTimeoutException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.StreamStalledException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streams rescued against the emulator: time to first token, stall detection, and a stream that fails mid-way
 * continued (assistant prefill) or restarted on a second target or an escalation model, read with split and with
 * streamTo. Each test checks the text delivered is the whole canonical answer, the attempts and the cost.
 */
class StreamRescueTest extends EmulatorTestSupport {

    static final String ANSWER = "It is sunny in Lisbon today and tomorrow as well, with a light breeze";
    static final String MINI = "openai/gpt-4o-mini";
    static final String HAIKU = "anthropic/claude-haiku-4.5";

    /** What split hands out (the delta bodies), or what streamTo receives ("index:restart:body"). */
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    /** Two targets, primary and backup, both the emulator; routes direct:split and direct:to over {@code options}. */
    private void routes(String options) {
        String base = "model=" + MINI + "&stream=true&retryDelay=5&" + options;
        String split = camel.chat(base);
        String to = camel.chat(base + "&streamTo=direct:deltas");
        useHarness(c -> {
            c.addTarget("primary", ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", CamelHarness.API_KEY));
            c.addTarget("backup", ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", CamelHarness.API_KEY));
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split").to(split)
                        .split(body()).streaming()
                            .process(e -> deltas.add(e.getMessage().getBody(String.class)))
                        .end();
                from("direct:to").to(to);
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getHeader(LlmRouterConstants.STREAM_INDEX)
                        + ":" + Boolean.TRUE.equals(e.getMessage().getHeader(LlmRouterConstants.STREAM_RESTART))
                        + ":" + e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());
    }

    private Exchange ask(String route) {
        return camel.template.send(route, e -> e.getMessage().setBody("What is the weather?"));
    }

    private static List<Attempt> attempts(Exchange ex) {
        return ResilienceFixtures.attempts(ex);
    }

    /** The pieces the emulator streams the answer in: split on spaces, each space starting the next piece. */
    static List<String> pieces(String text) {
        return List.of(text.split("(?= )"));
    }

    /**
     * The cost header is the sum of the failed attempts' billed costs (a cut stream reports none) and the cost of
     * the generation that completed the answer, as the server booked it.
     */
    private static void assertCostIsTheSumOfAttempts(Exchange ex) {
        BigDecimal failed = attempts(ex).stream().map(Attempt::cost).filter(Objects::nonNull)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        String id = ex.getMessage().getHeader(LlmRouterConstants.GENERATION_ID, String.class);
        BigDecimal served = generationCost(id);
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(cost);
        assertTrue(served.signum() > 0, "generation " + id + " cost " + served);
        assertEquals(0, cost.compareTo(failed.add(served)), "cost " + cost + " = " + failed + " + " + served);
    }

    /** What the emulator booked for a generation (GET /generation). */
    private static BigDecimal generationCost(String id) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(EMULATOR.baseUrl() + "/generation?id=" + id))
                            .header("Authorization", "Bearer " + CamelHarness.API_KEY).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return CamelHarness.json(r.body()).path("data").path("total_cost").decimalValue();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode lastMessage(RecordedCall call) {
        JsonNode messages = call.json().get("messages");
        return messages.get(messages.size() - 1);
    }

    @Test
    void aStreamCutMidWayContinuesOnTheSecondTargetAndSplitSeesTheWholeAnswer() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(3).times(1));
        routes("targets=primary,backup");

        Exchange ex = ask("direct:split");

        assertNull(ex.getException());
        assertEquals(ANSWER, String.join("", deltas));
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(2, calls.size());
        String prefix = String.join("", pieces(ANSWER).subList(0, 3));
        JsonNode prefill = lastMessage(calls.get(1));
        assertEquals("assistant", prefill.get("role").asText());
        assertEquals(prefix, prefill.get("content").asText());
        assertEquals("user", lastMessage(calls.get(0)).get("role").asText());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of("primary", "backup"), attempts.stream().map(Attempt::target).toList());
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                attempts.stream().map(Attempt::outcome).toList());
        assertTrue(attempts.get(0).detail().contains("failed after " + prefix.length() + " characters"),
                attempts.get(0).detail());
        assertEquals("continued the stream", attempts.get(1).detail());
        assertEquals("backup", ex.getMessage().getHeader(LlmRouterConstants.TARGET));
        assertEquals("stop", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertCostIsTheSumOfAttempts(ex);
    }

    @Test
    void anErrorChunkMidWayContinuesOnTheEscalationModelAndStreamToGetsOneSequence() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamError("Provider disconnected").afterTokens(2));
        routes("escalateModels=" + HAIKU);

        Exchange ex = ask("direct:to");

        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < deltas.size(); i++) {
            assertTrue(deltas.get(i).startsWith(i + ":false:"), "index " + i + " in order, no restart: " + deltas);
            joined.append(deltas.get(i).substring((i + ":false:").length()));
        }
        assertEquals(ANSWER, joined.toString());
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(2, calls.size());
        assertEquals(HAIKU, calls.get(1).json().get("model").asText());
        assertEquals(String.join("", pieces(ANSWER).subList(0, 2)), lastMessage(calls.get(1)).get("content").asText());
        assertEquals(HAIKU, ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(List.of(MINI, HAIKU), attempts(ex).stream().map(Attempt::model).toList());
        assertTrue(attempts(ex).get(0).detail().contains("Provider disconnected"), attempts(ex).get(0).detail());
        assertCostIsTheSumOfAttempts(ex);
    }

    @Test
    void restartTellsStreamToToDiscardAndDeliversTheWholeAnswerAgain() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(2).times(1));
        routes("targets=primary,backup&streamRecovery=restart");

        Exchange ex = ask("direct:to");

        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        List<String> first = pieces(ANSWER);
        assertEquals("0:false:" + first.get(0), deltas.get(0));
        assertEquals("1:false:" + first.get(1), deltas.get(1));
        assertEquals("2:true:", deltas.get(2));
        StringBuilder after = new StringBuilder();
        for (int i = 3; i < deltas.size(); i++) {
            assertTrue(deltas.get(i).startsWith(i + ":false:"), deltas.toString());
            after.append(deltas.get(i).substring((i + ":false:").length()));
        }
        assertEquals(ANSWER, after.toString());
        // a restart sends the original messages only
        assertEquals("user", lastMessage(EMULATOR.emulator().chatRequests().get(1)).get("role").asText());
        assertEquals("restarted the stream", attempts(ex).get(1).detail());
        assertCostIsTheSumOfAttempts(ex);
    }

    @Test
    void restartUnderSplitFailsOnceDeltasWereHandedOut() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamStall(Duration.ofSeconds(3)).afterTokens(2).times(1));
        routes("targets=primary,backup&streamRecovery=restart&streamIdleTimeout=400");

        Exchange ex = ask("direct:split");

        StreamStalledException e = assertInstanceOf(StreamStalledException.class, ex.getException());
        assertTrue(e.getMessage().contains("streamIdleTimeout"), e.getMessage());
        // Camel's splitter reads one ahead: the first delta was processed, the second one was waiting
        assertEquals(List.of(pieces(ANSWER).get(0)), deltas);
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "nothing sent that could not be used");
    }

    @Test
    void aTargetThatRefusesThePrefillIsAskedFromTheStartAndRemembered() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(2));
        EMULATOR.emulator().fault(HAIKU, EmulatorFault.rejectsPrefill());
        routes("escalateModels=" + HAIKU);

        Exchange ex = ask("direct:to");

        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        assertTrue(deltas.contains("2:true:"), "the consumer was told to discard: " + deltas);
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(3, calls.size());
        assertEquals("assistant", lastMessage(calls.get(1)).get("role").asText());
        assertEquals("user", lastMessage(calls.get(2)).get("role").asText());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                attempts.stream().map(Attempt::outcome).toList());
        assertEquals(400, attempts.get(1).status());
        assertTrue(attempts.get(1).detail().contains("prefill"), attempts.get(1).detail());

        // remembered: the next rescue on that model starts over without trying the prefill again
        deltas.clear();
        Exchange again = ask("direct:to");
        assertNull(again.getException());
        assertEquals(ANSWER, again.getMessage().getBody(String.class));
        List<RecordedCall> all = EMULATOR.emulator().chatRequests();
        assertEquals(5, all.size());
        assertEquals("user", lastMessage(all.get(4)).get("role").asText());
    }

    @Test
    void aStallIsAStreamStalledExceptionWithoutFallbackAndContinuedWithOne() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamStall(Duration.ofSeconds(3)).afterTokens(2).times(1));
        useHarness(null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:alone").to(camel.chat("model=" + MINI + "&stream=true&streamIdleTimeout=400"
                                                   + "&streamTo=direct:deltas"));
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());
        long start = System.nanoTime();

        Exchange ex = ask("direct:alone");

        StreamStalledException e = assertInstanceOf(StreamStalledException.class, ex.getException());
        assertTrue(e.getMessage().contains("400 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2900, "found before the stall ended");
        assertEquals(pieces(ANSWER).subList(0, 2), deltas);
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "a started stream is not retried");

        EMULATOR.emulator().reset();
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamStall(Duration.ofSeconds(3)).afterTokens(2).times(1));
        deltas.clear();
        routes("targets=primary,backup&streamIdleTimeout=400");
        Exchange rescued = ask("direct:to");
        assertNull(rescued.getException());
        assertEquals(ANSWER, rescued.getMessage().getBody(String.class));
        assertTrue(attempts(rescued).get(0).detail().contains("stalled"), attempts(rescued).get(0).detail());
    }

    @Test
    void firstTokenTimeoutMovesToTheNextTargetAtOnceForStreamsAndPlainCalls() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(3)).times(1));
        routes("targets=primary,backup&firstTokenTimeout=500&maxRetries=2");
        long start = System.nanoTime();

        Exchange streamed = ask("direct:split");
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(3)).times(1));
        Exchange plain = camel.template.send(camel.chat("model=" + MINI + "&targets=primary,backup&firstTokenTimeout=500"),
                e -> e.getMessage().setBody("What is the weather?"));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000, "no wait for the slow target");
        assertNull(streamed.getException());
        assertEquals(ANSWER, String.join("", deltas));
        assertNull(plain.getException());
        assertEquals(ANSWER, plain.getMessage().getBody(String.class));
        for (Exchange ex : List.of(streamed, plain)) {
            List<Attempt> attempts = attempts(ex);
            assertEquals(List.of("primary", "backup"), attempts.stream().map(Attempt::target).toList(),
                    "not retried on the silent target: " + attempts);
            assertTrue(attempts.get(0).detail().contains("firstTokenTimeout"), attempts.get(0).detail());
        }
        assertEquals(4, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void firstTokenTimeoutWithNothingLeftIsAFirstTokenTimeoutException() {
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(3)));

        Exchange ex = camel.template.send(camel.chat("model=" + MINI + "&firstTokenTimeout=300&maxRetries=2"),
                e -> e.getMessage().setBody("What is the weather?"));

        FirstTokenTimeoutException e = assertInstanceOf(FirstTokenTimeoutException.class, ex.getException());
        assertTrue(e.getMessage().contains("300 ms (firstTokenTimeout)"), e.getMessage());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "a silent target is not retried");
        assertEquals(1, e.getAttempts().size());
    }

    @Test
    void aMalformedChunkMidWayIsContinuedAndWithFailItEndsTheStream() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.malformedChunk().afterTokens(3).times(1));
        routes("targets=primary,backup");

        Exchange ex = ask("direct:split");

        assertNull(ex.getException());
        assertEquals(ANSWER, String.join("", deltas));
        assertEquals(2, EMULATOR.emulator().chatRequests().size());

        EMULATOR.emulator().fault(MINI, EmulatorFault.malformedChunk().afterTokens(3).times(1));
        deltas.clear();
        routes("targets=primary,backup&streamRecovery=fail");
        Exchange failed = ask("direct:split");
        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, failed.getException());
        assertTrue(e.getMessage().contains("Malformed chunk"), e.getMessage());
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void whenTheFallbackFailsTooTheStreamEndsWithItsFailureAndEveryAttempt() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(2).times(1));
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(500));
        routes("targets=primary,backup&maxRetries=1");

        Exchange ex = ask("direct:to");

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(500, e.getStatusCode());
        assertEquals(List.of("primary", "backup", "backup"), e.getAttempts().stream().map(Attempt::target).toList());
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
    }

    /** Two targets and a budget {@code name} of {@code amount}; direct:to streams to direct:deltas. */
    private void budgetRoutes(String name, BigDecimal amount, List<BigDecimal> reservedSeen) {
        String to = camel.chat("model=" + MINI + "&stream=true&maxTokens=100&targets=primary,backup&budget=" + name
                               + "&streamTo=direct:deltas");
        useHarness(c -> {
            c.addTarget("primary", ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", CamelHarness.API_KEY));
            c.addTarget("backup", ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", CamelHarness.API_KEY));
            c.addBudget(name, new LlmRouterBudget(amount, "none"));
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to").to(to);
                from("direct:deltas").process(e -> {
                    deltas.add(e.getMessage().getBody(String.class));
                    reservedSeen.add(CostGovernanceFixtures.row(camel.component, name, "").reserved());
                });
            }
        }, EMULATOR.baseUrl());
    }

    @Test
    void theBudgetHoldsTheContinuationBeforeItIsSentAndIsSettledAtTheSumOfTheAttempts() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(3).times(1));
        List<BigDecimal> reserved = new CopyOnWriteArrayList<>();
        budgetRoutes("wide", new BigDecimal("0.5"), reserved);

        Exchange ex = ask("direct:to");

        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        BigDecimal admitted = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        // the deltas after the third came from the continuation: by then its worst case was held as well
        BigDecimal during = reserved.subList(3, reserved.size()).stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        assertTrue(during.compareTo(admitted) > 0, "held " + during + " > admitted " + admitted);
        CostGovernanceFixtures.await(() -> CostGovernanceFixtures.row(camel.component, "wide", "").reserved()
                .signum() == 0, "every reservation to end");
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(0, cost.compareTo(CostGovernanceFixtures.row(camel.component, "wide", "").spent()),
                "settled once, at the sum of the attempts");
        assertCostIsTheSumOfAttempts(ex);
    }

    @Test
    void aRescueTheBudgetCannotHoldIsNotSentAndTheStreamFails() {
        EMULATOR.emulator().reply("weather", ANSWER);
        List<BigDecimal> reserved = new CopyOnWriteArrayList<>();
        budgetRoutes("probe", new BigDecimal("0.5"), reserved);
        BigDecimal worst = ask("direct:to").getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST,
                BigDecimal.class);
        EMULATOR.emulator().reset();
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(3).times(1));
        deltas.clear();
        // room for the call, not for a second one
        budgetRoutes("tight", worst.multiply(new BigDecimal("1.5")), reserved);

        Exchange ex = ask("direct:to");

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertTrue(e.getMessage().contains("[DONE]"), e.getMessage());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "the rescue was not sent");
        List<Attempt> attempts = e.getAttempts();
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SKIPPED),
                attempts.stream().map(Attempt::outcome).toList());
        assertTrue(attempts.get(1).detail().contains("budget"), attempts.get(1).detail());
        CostGovernanceFixtures.await(() -> CostGovernanceFixtures.row(camel.component, "tight", "").reserved()
                .signum() == 0, "the reservation to end");
    }

    @Test
    void aCutStreamContinuesOnTheEscalationModelUnderSplit() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(4));
        routes("escalateModels=" + HAIKU);

        Exchange ex = ask("direct:split");

        assertNull(ex.getException());
        assertEquals(ANSWER, String.join("", deltas));
        assertEquals(HAIKU, ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                attempts(ex).stream().map(Attempt::outcome).toList());
        assertEquals(String.join("", pieces(ANSWER).subList(0, 4)),
                lastMessage(EMULATOR.emulator().chatRequests().get(1)).get("content").asText());
        assertCostIsTheSumOfAttempts(ex);
    }

    @Test
    void firstTokenTimeoutOnAPlainCallMovesToTheEscalationModel() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(3)));
        long start = System.nanoTime();

        Exchange ex = camel.template.send(camel.chat("model=" + MINI + "&escalateModels=" + HAIKU
                                                     + "&firstTokenTimeout=400&maxRetries=2"),
                e -> e.getMessage().setBody("What is the weather?"));

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2500, "no wait for the slow model");
        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        assertEquals(List.of(MINI, HAIKU), attempts(ex).stream().map(Attempt::model).toList());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(0, cost.compareTo(generationCost(ex.getMessage().getHeader(LlmRouterConstants.GENERATION_ID,
                String.class))), "only the answer that came is billed");
    }
}
