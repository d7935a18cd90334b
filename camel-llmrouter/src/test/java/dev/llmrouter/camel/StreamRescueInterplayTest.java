package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.StreamStalledException;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.routing.CircuitBreakers;
import dev.llmrouter.test.EmulatorFault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.StreamRescueTest.ANSWER;
import static dev.llmrouter.camel.StreamRescueTest.HAIKU;
import static dev.llmrouter.camel.StreamRescueTest.MINI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How a stream rescue (streamRecovery) meets the other parts of a call: the route closing the stream, the budget
 * reservations, the total timeout, the circuit breakers of scope model, and what counts as a first token.
 */
class StreamRescueInterplayTest extends EmulatorTestSupport {

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    private Exchange ask(String route) {
        return camel.template.send(route, e -> e.getMessage().setBody("What is the weather?"));
    }

    private static void addTargets(LlmRouterComponent c, String... names) {
        for (String name : names) {
            c.addTarget(name, ResilienceFixtures.target(EMULATOR.baseUrl(), "openrouter", CamelHarness.API_KEY));
        }
    }

    /** The breaker of {@code target} for {@code model} ({@link CircuitBreakers#WHOLE_TARGET}: the target-wide one). */
    private CircuitBreaker breaker(String target, String model) {
        return camel.component.circuitBreakers().registry().getAllCircuitBreakers().stream()
                .filter(cb -> target.equals(cb.getTags().get(CircuitBreakers.TAG_TARGET))
                              && model.equals(cb.getTags().get(CircuitBreakers.TAG_MODEL)))
                .findFirst().orElseThrow(() -> new AssertionError("no breaker " + target + "/" + model));
    }

    private BigDecimal reserved(String budget) {
        return CostGovernanceFixtures.row(camel.component, budget, "").reserved();
    }

    @Test
    void aRouteThatClosesTheStreamDuringARescueEndsTheRescueWithoutBookingOrBlamingTheTarget() {
        EMULATOR.emulator().reply("weather", ANSWER);
        // the first target cuts the stream; the rescue on the second one waits for its first token
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(3).times(1));
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(4)).times(1));
        String uri = camel.chat("model=" + MINI + "&stream=true&maxTokens=100&maxRetries=0"
                                + "&targets=primary,backup,third&budget=closing");
        useHarness(c -> {
            addTargets(c, "primary", "backup", "third");
            c.addBudget("closing", new LlmRouterBudget(BigDecimal.ONE, "none"));
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:read").to(uri).process(e -> {
                    ChatStream stream = e.getMessage().getBody(ChatStream.class);
                    deltas.add(stream.next());
                    // the route stops reading once the rescue is under way
                    CostGovernanceFixtures.await(() -> EMULATOR.emulator().chatRequests().size() == 2,
                            "the rescue to be sent");
                    stream.close();
                    e.getMessage().setBody(stream.text());
                });
            }
        }, EMULATOR.baseUrl());

        Exchange ex = ask("direct:read");

        assertNull(ex.getException());
        assertEquals(List.of(StreamRescueTest.pieces(ANSWER).get(0)), deltas);
        CostGovernanceFixtures.await(() -> reserved("closing").signum() == 0, "every reservation to be given back");
        sleep(700);
        assertEquals(0, reserved("closing").signum(), "no rescue reserved after the stream ended");
        assertEquals(2, EMULATOR.emulator().chatRequests().size(), "nothing sent after the route closed the stream");
        assertEquals(0, breaker("backup", CircuitBreakers.WHOLE_TARGET).getMetrics().getNumberOfFailedCalls(),
                "the route's close is no fault of the target");
        assertEquals(0, breaker("backup", MINI).getMetrics().getNumberOfFailedCalls());
    }

    @Test
    void aRescueOfOneModelReservesOnceEvenWhenItsPrefillIsRefusedAndItStartsOver() {
        EMULATOR.emulator().reply("weather", ANSWER);
        BigDecimal worstMini = worstCase(MINI);
        BigDecimal worstHaiku = worstCase(HAIKU);
        EMULATOR.emulator().reset();
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamCut().afterTokens(2).times(1));
        EMULATOR.emulator().fault(HAIKU, EmulatorFault.rejectsPrefill());
        // room for the call (admitted at the worst case of MINI and of its escalation model HAIKU) and for one
        // rescue of HAIKU, not for two
        BigDecimal amount = worstMini.add(worstHaiku.multiply(new BigDecimal("2.6")));
        String to = camel.chat("model=" + MINI + "&stream=true&maxTokens=100&escalateModels=" + HAIKU
                               + "&budget=tight&streamTo=direct:deltas");
        useHarness(c -> c.addBudget("tight", new LlmRouterBudget(amount, "none")), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to").to(to);
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());

        Exchange ex = ask("direct:to");

        assertEquals(0, ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class)
                .compareTo(worstMini.add(worstHaiku)), "admitted at the worst case of both models");
        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        assertEquals(3, EMULATOR.emulator().chatRequests().size(), "the cut, the refused prefill, the restart");
        assertEquals(List.of(Attempt.Outcome.FAILED, Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                ResilienceFixtures.attempts(ex).stream().map(Attempt::outcome).toList());
        CostGovernanceFixtures.await(() -> reserved("tight").signum() == 0, "every reservation to end");
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertEquals(0, cost.compareTo(CostGovernanceFixtures.row(camel.component, "tight", "").spent()));
    }

    /** What a streamed call of {@code model} reserves (its worst case), with the budget routes' request. */
    private BigDecimal worstCase(String model) {
        String uri = camel.chat("model=" + model + "&stream=true&maxTokens=100&budget=probe&streamTo=direct:deltas");
        useHarness(c -> c.addBudget("probe", new LlmRouterBudget(BigDecimal.ONE, "none")), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:probe").to(uri);
                from("direct:deltas").process(e -> { });
            }
        }, EMULATOR.baseUrl());
        BigDecimal worst = ask("direct:probe").getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST,
                BigDecimal.class);
        assertNotNull(worst);
        return worst;
    }

    @Test
    void aStreamThatFailsAfterTheTotalTimeoutKeepsItsServedRecordAndIsNotRescued() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.streamStall(Duration.ofSeconds(4)).afterTokens(2).times(1));
        String to = camel.chat("model=" + MINI + "&stream=true&targets=primary,backup&totalTimeout=1000"
                               + "&streamIdleTimeout=1800&streamTo=direct:deltas");
        useHarness(c -> addTargets(c, "primary", "backup"), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to").to(to);
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());

        Exchange ex = ask("direct:to");

        StreamStalledException e = assertInstanceOf(StreamStalledException.class, ex.getException());
        assertEquals(1, EMULATOR.emulator().chatRequests().size(), "no time was left for a rescue");
        assertEquals(List.of(Attempt.Outcome.SUCCESS), e.getAttempts().stream().map(Attempt::outcome).toList(),
                "the served attempt keeps its record: " + e.getAttempts());
        assertEquals(2, deltas.size());
    }

    @Test
    void aTotalTimeoutCountsAgainstTheModelNotAsTheTargetBeingUnreachable() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(3)).times(1));

        Exchange ex = camel.template.send(camel.chat("model=" + MINI + "&totalTimeout=600&maxRetries=0"),
                e -> e.getMessage().setBody("What is the weather?"));

        RequestTimeoutException e = assertInstanceOf(RequestTimeoutException.class, ex.getException());
        assertTrue(e.getMessage().contains("totalTimeout"), e.getMessage());
        CostGovernanceFixtures.await(() -> breaker("openrouter", MINI).getMetrics().getNumberOfFailedCalls() == 1,
                "the model's breaker to count the timeout");
        CircuitBreaker whole = breaker("openrouter", CircuitBreakers.WHOLE_TARGET);
        assertEquals(0, whole.getMetrics().getNumberOfFailedCalls(), "a slow model does not make the target unreachable");
        assertEquals(1, whole.getMetrics().getNumberOfSuccessfulCalls(), "the call was reported to it, as reached");
    }

    @Test
    void aRoleOnlyFirstChunkIsNoFirstToken() {
        EMULATOR.emulator().reply("weather", ANSWER);
        EMULATOR.emulator().fault(MINI, EmulatorFault.slowFirstToken(Duration.ofSeconds(4)).roleChunk().times(1));
        String to = camel.chat("model=" + MINI + "&stream=true&targets=primary,backup&firstTokenTimeout=500"
                               + "&streamTo=direct:deltas");
        useHarness(c -> addTargets(c, "primary", "backup"), new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:to").to(to);
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());
        long start = System.nanoTime();

        Exchange ex = ask("direct:to");

        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3500, "no wait for the silent target");
        assertNull(ex.getException());
        assertEquals(ANSWER, ex.getMessage().getBody(String.class));
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        List<Attempt> attempts = ResilienceFixtures.attempts(ex);
        assertEquals(List.of("primary", "backup"), attempts.stream().map(Attempt::target).toList());
        assertTrue(attempts.get(0).detail().contains("firstTokenTimeout"), attempts.get(0).detail());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
