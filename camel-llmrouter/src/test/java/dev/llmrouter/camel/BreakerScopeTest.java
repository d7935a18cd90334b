package dev.llmrouter.camel;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.routing.CircuitBreakers;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.OpenRouterEmulator;
import dev.llmrouter.test.RecordedCall;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static dev.llmrouter.camel.ResilienceFixtures.attempts;
import static dev.llmrouter.camel.ResilienceFixtures.outcomes;
import static dev.llmrouter.camel.ResilienceFixtures.target;
import static dev.llmrouter.camel.ResilienceFixtures.targets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Breakers that follow models (issue 19), as one application would live through an outage: ONE CamelContext for
 * the whole class, the steps in order. The default target {@code openrouter} (a gateway: scope model) is emulator
 * {@code gw}; target {@code backup} is a second emulator; target {@code down} is a loopback port nobody listens on.
 * Model A is {@value ResilienceFixtures#MINI}, model B {@value ResilienceFixtures#CHEAP}. Breakers open after 2
 * calls at 50 % failures and wait {@value #WAIT_MS} ms.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BreakerScopeTest {

    private static final long WAIT_MS = 4000;
    private static final String A = MINI;
    private static final String B = CHEAP;
    private static final String RETRY = "maxRetries=1&retryDelay=1&maxRetryDelay=5";

    private static OpenRouterEmulator gw;
    private static OpenRouterEmulator backup;
    private static CamelHarness camel;
    private static String downUrl;

    @BeforeAll
    static void start() throws Exception {
        gw = OpenRouterEmulator.create().start();
        backup = OpenRouterEmulator.create().start();
        backup.reply("", "from backup");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        downUrl = "http://127.0.0.1:" + port + "/api/v1";
        camel = new CamelHarness(gw.baseUrl(), c -> {
            c.setCircuitBreakerMinimumNumberOfCalls(2);
            c.setCircuitBreakerSlidingWindowSize(2);
            c.setCircuitBreakerWaitDuration(WAIT_MS);
            c.addTarget("backup", target(backup.baseUrl(), "openrouter", "sk-backup"));
            c.addTarget("down", target(downUrl, "openrouter", "sk-down"));
        }, null);
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.close();
        }
        gw.stop();
        backup.stop();
    }

    private static long calls(OpenRouterEmulator emulator, String model) {
        return emulator.chatRequests().stream().filter(c -> model.equals(c.json().path("model").asText())).count();
    }

    @SuppressWarnings("unchecked")
    private static List<String> skipped(Exchange ex) {
        return ex.getMessage().getHeader(LlmRouterConstants.SKIPPED, List.class);
    }

    private static CircuitBreakers breakers() {
        return camel.component.circuitBreakers();
    }

    @Test
    @Order(1)
    void modelAFailingWith503OpensOnlyItsOwnBreaker() {
        gw.fault(A, EmulatorFault.status(503));

        Exchange failed = camel.send(camel.chat("model=" + A + "&" + RETRY), "Hi");

        assertInstanceOf(UpstreamException.class, failed.getException());
        assertEquals(2, calls(gw, A));
        assertEquals("OPEN", breakers().state("openrouter", A).name());
        assertEquals("CLOSED", breakers().state("openrouter", CircuitBreakers.WHOLE_TARGET).name(),
                "a model's 503s are not the gateway's fault");
        assertEquals("CLOSED", breakers().state("openrouter", B).name());

        // open now: nothing is sent, and the failure names the breaker and when it is probed again
        Exchange skippedCall = camel.send(camel.chat("model=" + A + "&" + RETRY), "Hi");
        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, skippedCall.getException());
        assertTrue(e.getMessage().startsWith("The circuit breaker of openrouter/" + A + " (probed again after "),
                e.getMessage());
        assertEquals(2, calls(gw, A), "nothing sent to the open breaker");
        assertEquals(List.of("openrouter/" + A), skipped(skippedCall));
        assertEquals(List.of(Attempt.Outcome.SKIPPED), outcomes(e.getAttempts()));
    }

    @Test
    @Order(2)
    void healthyModelBOnTheSameTargetIsSentAsUsual() {
        Exchange ok = camel.send(camel.chat("model=" + B + "&" + RETRY), "Hi");

        assertNull(ok.getException());
        assertEquals(B, ok.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(1, calls(gw, B));
        assertEquals("CLOSED", breakers().state("openrouter", B).name());
        assertEquals("OPEN", breakers().state("openrouter", A).name());
        assertNull(skipped(ok), "no breaker was skipped");
    }

    @Test
    @Order(3)
    void modelAWithEscalationIsServedByBWithoutARequestToA() {
        Exchange ok = camel.send(camel.chat("model=" + A + "&escalateModels=" + B + "&" + RETRY), "Hi");

        assertNull(ok.getException());
        assertEquals(B, ok.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(2, calls(gw, A), "no request to A");
        assertEquals(2, calls(gw, B));
        assertEquals(List.of("openrouter/" + A), skipped(ok));
        List<Attempt> attempts = attempts(ok);
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(A, attempts.get(0).model());
        assertTrue(attempts.get(0).detail().startsWith("circuit breaker open: openrouter/" + A), attempts.get(0).detail());
    }

    @Test
    @Order(4)
    void modelAWithFallbackModelsIsSentAsItsNextModel() {
        Exchange ok = camel.send(camel.chat("model=" + A + "&fallbackModels=" + B + "&" + RETRY), "Hi");

        assertNull(ok.getException());
        assertEquals(2, calls(gw, A), "no request to A");
        RecordedCall sent = gw.lastRequest();
        assertEquals(B, sent.json().path("model").asText());
        assertTrue(sent.json().path("models").isMissingNode() || sent.json().path("models").isNull(),
                sent.body());
        assertEquals(List.of("openrouter/" + A), skipped(ok));
    }

    @Test
    @Order(5)
    void aTargetThatCannotBeReachedOpensForAllItsModelsAndTheSecondTargetServes() {
        Exchange first = camel.send(camel.chat("targets=down,backup&model=" + B + "&" + RETRY), "Hi");

        assertNull(first.getException());
        assertEquals("from backup", first.getMessage().getBody());
        assertEquals(List.of("down", "down", "backup"), targets(attempts(first)));
        assertEquals("OPEN", breakers().state("down", CircuitBreakers.WHOLE_TARGET).name());
        assertEquals("CLOSED", breakers().state("down", B).name(), "connection faults do not count per model");

        // another model of the same target: skipped at once on the target-wide breaker
        Exchange other = camel.send(camel.chat("targets=down,backup&model=" + A + "&" + RETRY), "Hi");
        assertNull(other.getException());
        assertEquals("backup", other.getMessage().getHeader(LlmRouterConstants.TARGET));
        assertEquals(List.of("down"), skipped(other));
        List<Attempt> attempts = attempts(other);
        assertEquals(List.of(Attempt.Outcome.SKIPPED, Attempt.Outcome.SUCCESS), outcomes(attempts));
        assertEquals(1, calls(backup, A));
    }

    @Test
    @Order(6)
    void whenEveryCandidateIsOpenTheFailureNamesEachAndItsProbeTime() {
        Exchange failed = camel.send(camel.chat("targets=openrouter,down&model=" + A + "&" + RETRY), "original");

        CircuitOpenException e = assertInstanceOf(CircuitOpenException.class, failed.getException());
        String m = e.getMessage();
        assertTrue(m.startsWith("The circuit breakers of every candidate are open, nothing was sent: openrouter/"
                                + A + " (probed again after "), m);
        assertTrue(m.contains(", down (probed again after "), m);
        CircuitBreaker open = breakers().registry().find("openrouter " + gw.baseUrl() + " " + A).orElseThrow();
        Instant probe = breakers().probeAt(open);
        assertNotNull(probe);
        assertTrue(m.contains(probe.toString()), m);
        assertEquals(List.of("openrouter/" + A, "down"), skipped(failed));
        assertEquals("original", failed.getMessage().getBody());
        assertEquals(2, calls(gw, A));
    }

    @Test
    @Order(7)
    void modelARecoversAndIsUsedAgainAfterTheWait() throws Exception {
        CircuitBreaker open = breakers().registry().find("openrouter " + gw.baseUrl() + " " + A).orElseThrow();
        Instant probe = breakers().probeAt(open);
        assertNotNull(probe, "A's breaker is still open");
        gw.reset(); // A is healthy again
        long wait = java.time.Duration.between(Instant.now(), probe).toMillis() + 50;
        if (wait > 0) {
            Thread.sleep(wait);
        }

        // the probe is an ordinary call of A: escalation model B is not asked
        Exchange probed = camel.send(camel.chat("model=" + A + "&escalateModels=" + B + "&" + RETRY), "Hi");
        assertNull(probed.getException());
        assertEquals(A, probed.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals(List.of(Attempt.Outcome.SUCCESS), outcomes(attempts(probed)));
        assertNull(skipped(probed));
        assertEquals(1, calls(gw, A));
        assertEquals(0, calls(gw, B));
        assertEquals("HALF_OPEN", breakers().state("openrouter", A).name());

        Exchange second = camel.send(camel.chat("model=" + A + "&escalateModels=" + B + "&" + RETRY), "Hi");
        assertNull(second.getException());
        assertEquals("CLOSED", breakers().state("openrouter", A).name());
        assertEquals(2, calls(gw, A));
    }
}
