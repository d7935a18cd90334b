package dev.llmrouter.camel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.STRONG;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.target;
import static dev.llmrouter.camel.ResilienceFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default scope of each kind of target, option breakerScope overriding it, and the skip on other paths (a
 * stream, the request's fallback list with a second target).
 */
class BreakerScopeDefaultsTest extends EmulatorTestSupport {

    private static final String RETRY = "maxRetries=1&retryDelay=1&maxRetryDelay=5";

    private OpenRouterEmulator local;
    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLocal() {
        if (local != null) {
            local.stop();
        }
    }

    /** Breakers that open after 2 calls; {@code local} is a second emulator of the given dialect. */
    private void harness(String localDialect) {
        local = OpenRouterEmulator.create().start();
        local.reply("", "from local");
        useHarness(c -> {
            c.setCircuitBreakerMinimumNumberOfCalls(2);
            c.setCircuitBreakerSlidingWindowSize(2);
            c.setCircuitBreakerWaitDuration(60_000);
            c.addTarget("local", target(local.baseUrl(), localDialect, "sk-local"));
        }, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        }, EMULATOR.baseUrl());
    }

    @SuppressWarnings("unchecked")
    private static List<String> skipped(Exchange ex) {
        return ex.getMessage().getHeader(LlmRouterConstants.SKIPPED, List.class);
    }

    @Test
    void aTargetOfTheOpenAiDialectHasOneBreakerForAllItsModels() {
        harness("openai");
        local.fault(MINI, EmulatorFault.status(503));
        String a = camel.chat("targets=local&model=" + MINI + "&" + RETRY);

        assertInstanceOf(UpstreamException.class, camel.send(a, "Hi").getException());
        assertEquals("OPEN", camel.component.circuitBreakerState("local", "*"));

        Exchange b = camel.send(camel.chat("targets=local&model=" + CHEAP + "&" + RETRY), "Hi");
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, b.getException());
        assertTrue(e.getMessage().startsWith("The circuit breaker of local (probed again after "), e.getMessage());
        assertEquals(List.of("local"), skipped(b));
        assertEquals(2, local.chatRequests().size(), "B was not sent");
    }

    @Test
    void breakerScopeModelOnAnOpenAiTargetKeepsItsOtherModelsServed() {
        harness("openai");
        local.fault(MINI, EmulatorFault.status(503));

        assertInstanceOf(UpstreamException.class, camel.send(camel.chat("targets=local&breakerScope=model&model="
                                                                        + MINI + "&" + RETRY), "Hi").getException());
        Exchange b = camel.send(camel.chat("targets=local&breakerScope=model&model=" + CHEAP + "&" + RETRY), "Hi");

        assertNull(b.getException());
        assertEquals("from local", b.getMessage().getBody());
        assertEquals("OPEN", camel.component.circuitBreakerState("local", MINI));
        assertEquals("CLOSED", camel.component.circuitBreakerState("local", CHEAP));
    }

    @Test
    void breakerScopeTargetOnTheGatewayLetsOneModelBlockTheOthers() {
        harness("openai");
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(503));

        camel.send(camel.chat("breakerScope=target&model=" + MINI + "&" + RETRY), "Hi");
        Exchange b = camel.send(camel.chat("breakerScope=target&model=" + CHEAP + "&" + RETRY), "Hi");

        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, b.getException());
        assertTrue(e.getMessage().contains("openrouter (probed again after "), e.getMessage());
        assertEquals(List.of("openrouter"), skipped(b));
        assertEquals(0, EMULATOR.emulator().chatRequests().stream()
                .filter(c -> CHEAP.equals(c.json().path("model").asText())).count());
    }

    @Test
    void aStreamSkipsTheOpenModelAndCarriesTheSkipHeader() {
        harness("openai");
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(503));
        EMULATOR.emulator().reply("", "streamed by B");
        camel.send(camel.chat("model=" + MINI + "&" + RETRY), "Hi");

        Exchange ex = camel.send(camel.chat("model=" + MINI + "&escalateModels=" + CHEAP
                                            + "&stream=true&streamTo=direct:deltas&" + RETRY), "Hi");

        assertNull(ex.getException());
        assertEquals("streamed by B", ex.getMessage().getBody());
        assertEquals("streamed by B", String.join("", deltas));
        assertEquals(List.of("openrouter/" + MINI), skipped(ex));
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS), outcomes(attempts(ex)));
        assertEquals(2, EMULATOR.emulator().chatRequests().stream()
                .filter(c -> MINI.equals(c.json().path("model").asText())).count(), "A not sent again");
    }

    @Test
    void theRequestsFallbackListIsUsedOnTheGatewayOnlyAndTheNextTargetGetsTheOriginalModel() {
        harness("openrouter");
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(503));
        EMULATOR.emulator().fault(CHEAP, EmulatorFault.status(500));
        EMULATOR.emulator().fault(STRONG, EmulatorFault.status(500));
        camel.send(camel.chat("model=" + MINI + "&" + RETRY), "Hi");
        assertEquals("OPEN", camel.component.circuitBreakerState("openrouter", MINI));

        Exchange ex = camel.send(camel.chat("targets=openrouter,local&model=" + MINI + "&fallbackModels=" + CHEAP
                                            + "," + STRONG + "&maxRetries=0"), "Hi");

        assertNull(ex.getException());
        assertEquals("from local", ex.getMessage().getBody());
        List<Attempt> attempts = attempts(ex);
        assertEquals(List.of("openrouter", "openrouter", "local"), targets(attempts));
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.FAILED, Attempt.Outcome.SUCCESS),
                outcomes(attempts));
        // on the gateway: A skipped, sent as CHEAP with the rest of the list
        var sentToGateway = EMULATOR.emulator().lastRequest().json();
        assertEquals(CHEAP, sentToGateway.path("model").asText());
        assertEquals(List.of(STRONG), List.of(sentToGateway.path("models").get(0).asText()));
        assertEquals(1, sentToGateway.path("models").size());
        // the next target starts again from the request as it was
        var sentToLocal = local.lastRequest().json();
        assertEquals(MINI, sentToLocal.path("model").asText());
        assertEquals(CHEAP, sentToLocal.path("models").get(0).asText());
        assertEquals(STRONG, sentToLocal.path("models").get(1).asText());
    }
}
