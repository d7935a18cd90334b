package dev.llmrouter.camel;

import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.target;
import static dev.llmrouter.camel.ResilienceFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Circuit breakers per target: opening on target faults, skipping an open target, half-open recovery. */
class ResilienceBreakerTest extends EmulatorTestSupport {

    private OpenRouterEmulator local;

    @AfterEach
    void stopLocal() {
        if (local != null) {
            local.stop();
        }
    }

    /** Breakers that open after 2 calls with 50% failures; a second emulator as target local. */
    private void harness(long waitDuration) {
        local = OpenRouterEmulator.create().start();
        local.reply("", "from local");
        useHarness(c -> {
            c.setCircuitBreakerMinimumNumberOfCalls(2);
            c.setCircuitBreakerSlidingWindowSize(2);
            c.setCircuitBreakerWaitDuration(waitDuration);
            c.addTarget("local", target(local.baseUrl(), "openai", "sk-local"));
        }, null, EMULATOR.baseUrl());
    }

    private static final String SINGLE = "maxRetries=1&retryDelay=1&model=" + MINI;

    @Test
    void openBreakerFailsWithoutCallingTheServer() {
        harness(60_000);
        EMULATOR.emulator().fault("*", EmulatorFault.status(503));
        assertEquals("CLOSED", camel.component.circuitBreakerState("openrouter"));

        Exchange first = camel.send(camel.chat(SINGLE), "Hi");

        assertInstanceOf(UpstreamException.class, first.getException());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());
        assertEquals("OPEN", camel.component.circuitBreakerState("openrouter"));
        assertEquals("CLOSED", camel.component.circuitBreakerState("local"));

        Exchange second = camel.send(camel.chat(SINGLE), "original body");

        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, second.getException());
        assertTrue(e.getMessage().contains("openrouter"), e.getMessage());
        assertEquals(2, EMULATOR.emulator().chatRequests().size(), "nothing sent while open");
        assertEquals(List.of(Attempt.Outcome.SKIPPED), outcomes(e.getAttempts()));
        assertEquals("openrouter", e.getAttempts().get(0).target());
        assertEquals(0, e.getAttempts().get(0).status());
        assertEquals("original body", second.getMessage().getBody());
        assertEquals(e.getAttempts(), attempts(second));
    }

    @Test
    void openBreakerMovesOnToTheNextTarget() {
        harness(60_000);
        EMULATOR.emulator().fault("*", EmulatorFault.status(503));
        String uri = camel.chat("targets=openrouter,local&" + SINGLE);

        Exchange first = camel.send(uri, "Hi");

        assertNull(first.getException());
        assertEquals(List.of("openrouter", "openrouter", "local"), targets(attempts(first)));
        assertEquals("OPEN", camel.component.circuitBreakerState("openrouter"));

        Exchange second = camel.send(uri, "Hi again");

        assertNull(second.getException());
        assertEquals("from local", second.getMessage().getBody());
        assertEquals("local", second.getMessage().getHeader(LlmRouterConstants.TARGET));
        List<Attempt> attempts = attempts(second);
        assertEquals(List.of("openrouter", "local"), targets(attempts));
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertTrue(attempts.get(0).detail().contains("circuit breaker"), attempts.get(0).detail());
        assertEquals(2, EMULATOR.emulator().chatRequests().size(), "the open target was not called");
        assertEquals(2, local.chatRequests().size());
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        harness(60_000);
        EMULATOR.emulator().fault("*", EmulatorFault.status(400));

        for (int i = 0; i < 4; i++) {
            Exchange ex = camel.send(camel.chat(SINGLE), "Hi");
            assertInstanceOf(BadRequestException.class, ex.getException());
        }

        assertEquals("CLOSED", camel.component.circuitBreakerState("openrouter"));
        assertEquals(4, EMULATOR.emulator().chatRequests().size(), "every call was sent");
    }

    @Test
    void halfOpenBreakerRecoversAfterTheWait() throws Exception {
        harness(200);
        EMULATOR.emulator().fault("*", EmulatorFault.status(503).times(2));
        EMULATOR.emulator().reply("", "recovered");

        assertInstanceOf(UpstreamException.class, camel.send(camel.chat(SINGLE), "Hi").getException());
        assertEquals("OPEN", camel.component.circuitBreakerState("openrouter"));
        assertInstanceOf(CircuitOpenException.class, camel.send(camel.chat(SINGLE), "Hi").getException());
        assertEquals(2, EMULATOR.emulator().chatRequests().size());

        Thread.sleep(300);

        Exchange probe = camel.send(camel.chat(SINGLE), "Hi");
        assertNull(probe.getException());
        assertEquals("recovered", probe.getMessage().getBody());
        // two permitted calls in half-open state (the default): one success does not close it yet
        assertEquals("HALF_OPEN", camel.component.circuitBreakerState("openrouter"));
        Exchange second = camel.send(camel.chat(SINGLE), "Hi");
        assertNull(second.getException());
        assertEquals("CLOSED", camel.component.circuitBreakerState("openrouter"));
        assertEquals(4, EMULATOR.emulator().chatRequests().size());
    }
}
