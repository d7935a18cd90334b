package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.observability.MicrometerObserver;
import dev.llmrouter.test.EmulatorFault;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.junit.jupiter.api.Test;

import static dev.llmrouter.camel.ResilienceFixtures.CHEAP;
import static dev.llmrouter.camel.ResilienceFixtures.MINI;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Breaker state, failure rate and refused calls per target and model, as Micrometer meters and in the dev console. */
class BreakerMetricsTest extends EmulatorTestSupport {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Override
    protected CamelHarness createHarness() {
        return new CamelHarness(EMULATOR.baseUrl(), c -> {
            c.setCircuitBreakerMinimumNumberOfCalls(2);
            c.setCircuitBreakerSlidingWindowSize(2);
            c.setCircuitBreakerWaitDuration(60_000);
        }, null, beans -> beans.bind("meters", meters));
    }

    private RequiredSearch meter(String name, String model) {
        return meters.get(name).tag("target", "openrouter").tag("base.url", EMULATOR.baseUrl()).tag("model", model)
                .tag("scope", "model");
    }

    @Test
    void eachModelOfAGatewayHasItsOwnStateFailureRateAndRefusedCalls() {
        EMULATOR.emulator().fault(MINI, EmulatorFault.status(503));
        String a = camel.chat("maxRetries=1&retryDelay=1&model=" + MINI);

        assertInstanceOf(UpstreamException.class, camel.send(a, "Hi").getException());
        assertInstanceOf(CircuitOpenException.class, camel.send(a, "Hi").getException());
        assertInstanceOf(CircuitOpenException.class, camel.send(a, "Hi").getException());
        assertNull(camel.send(camel.chat("model=" + CHEAP), "Hi").getException());

        assertEquals(1, meter(MicrometerObserver.CIRCUIT_STATE, MINI).gauge().value(), "A open");
        assertEquals(100, meter(MicrometerObserver.CIRCUIT_FAILURE_RATE, MINI).gauge().value(), 0.001);
        assertEquals(2, meter(MicrometerObserver.CIRCUIT_NOT_PERMITTED, MINI).functionCounter().count());
        assertEquals(0, meter(MicrometerObserver.CIRCUIT_STATE, CHEAP).gauge().value(), "B closed");
        assertEquals(-1, meter(MicrometerObserver.CIRCUIT_FAILURE_RATE, CHEAP).gauge().value(), 0.001,
                "one call: below the minimum number of calls");
        assertEquals(0, meter(MicrometerObserver.CIRCUIT_NOT_PERMITTED, CHEAP).functionCounter().count());
        assertEquals(0, meter(MicrometerObserver.CIRCUIT_STATE, "*").gauge().value(), "the gateway itself closed");
        assertEquals(0, meter(MicrometerObserver.CIRCUIT_NOT_PERMITTED, "*").functionCounter().count());

        DevConsole console = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class)
                .resolveById("llmrouter");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        String name = "openrouter " + EMULATOR.baseUrl() + " " + MINI;
        assertTrue(text.contains(name + ": OPEN, failure rate 100.0%, not permitted 2, probed again after "), text);
        assertTrue(text.contains("openrouter " + EMULATOR.baseUrl() + " " + CHEAP
                                 + ": CLOSED, failure rate n/a, not permitted 0\n"), text);
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        List<?> breakers = (List<?>) ((Map<?, ?>) ((List<?>) json.get("components")).get(0)).get("circuitBreakers");
        Map<?, ?> open = breakers.stream().map(b -> (Map<?, ?>) b).filter(b -> name.equals(b.get("target")))
                .findFirst().orElseThrow();
        assertEquals(MINI, open.get("model"));
        assertEquals("OPEN", open.get("state"));
        assertEquals(2L, ((Number) open.get("notPermittedCalls")).longValue());
        assertTrue(open.containsKey("probeAt"), open.toString());
    }
}
