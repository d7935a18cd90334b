package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.observability.MicrometerObserver;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Micrometer meters a component registers when a MeterRegistry is in the Camel registry. */
class ObservabilityMetricsTest {

    private CamelContext context;

    private LlmRouterComponent start(SimpleMeterRegistry meters, boolean metricsEnabled) {
        context = new DefaultCamelContext();
        if (meters != null) {
            context.getRegistry().bind("meters", meters);
        }
        LlmRouterComponent component = new LlmRouterComponent();
        component.setEnvironment(name -> null);
        component.setMetricsEnabled(metricsEnabled);
        context.addComponent("llmrouter", component);
        context.start();
        return component;
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    static CallEvent ok() {
        UsageRecord u = new UsageRecord(Instant.now(), "classify", "llmrouter:chat", "anthropic/claude-sonnet-4.5",
                "Anthropic", "openrouter", 120, 30, 10, 100, new BigDecimal("0.00125"), "gen-1", "team:a", false, "ok");
        List<Attempt> attempts = List.of(
                new Attempt("openrouter", "anthropic/claude-haiku-4.5", Attempt.Outcome.FAILED, 503, 40, 0, null,
                            "Overloaded"),
                new Attempt("openrouter", "anthropic/claude-sonnet-4.5", Attempt.Outcome.SUCCESS, 200, 300, 0,
                            new BigDecimal("0.00125"), null));
        return new CallEvent(u, "chat", "anthropic/claude-haiku-4.5", "team", null, 350, attempts, false);
    }

    static CallEvent error() {
        UsageRecord u = new UsageRecord(Instant.now(), "classify", "llmrouter:chat", null, null, null, null, null,
                null, null, null, null, null, false, "error");
        return new CallEvent(u, "chat", "openai/gpt-4o-mini", null, "RateLimitException", 20, List.of(), false);
    }

    @Test
    void countsRequestsTokensCostFallbacksErrorsAndLatency() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmRouterComponent component = start(meters, true);

        component.runtime().publish(ok());
        component.runtime().publish(ok());
        component.runtime().publish(error());

        assertEquals(2, meters.get(MicrometerObserver.REQUESTS).tag("model", "anthropic/claude-sonnet-4.5")
                .tag("provider", "Anthropic").tag("target", "openrouter").tag("route", "classify")
                .tag("budget", "team").tag("outcome", "ok").counter().count());
        // null tag values are "none"; the requested model stands in for the served one
        assertEquals(1, meters.get(MicrometerObserver.REQUESTS).tag("model", "openai/gpt-4o-mini")
                .tag("provider", "none").tag("target", "none").tag("budget", "none").tag("outcome", "error")
                .counter().count());
        assertEquals(240, meters.get(MicrometerObserver.TOKENS).tag("kind", "prompt")
                .tag("model", "anthropic/claude-sonnet-4.5").tag("target", "openrouter").tag("route", "classify")
                .counter().count());
        assertEquals(60, meters.get(MicrometerObserver.TOKENS).tag("kind", "completion").counter().count());
        assertEquals(20, meters.get(MicrometerObserver.TOKENS).tag("kind", "reasoning").counter().count());
        assertEquals(200, meters.get(MicrometerObserver.TOKENS).tag("kind", "cached").counter().count());
        assertEquals(0.0025, meters.get(MicrometerObserver.COST).tag("model", "anthropic/claude-sonnet-4.5")
                .counter().count(), 1e-12);
        assertEquals(2, meters.get(MicrometerObserver.FALLBACKS).counter().count());
        assertEquals(1, meters.get(MicrometerObserver.ERRORS).tag("error.type", "RateLimitException")
                .tag("model", "openai/gpt-4o-mini").counter().count());
        Timer latency = meters.get(MicrometerObserver.LATENCY).tag("outcome", "ok").timer();
        assertEquals(2, latency.count());
        assertEquals(700, latency.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS), 0.001);
    }

    @Test
    void circuitBreakerStateGaugePerTarget() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmRouterComponent component = start(meters, true);
        CircuitBreaker cb = component.circuitBreakers()
                .of(new Target("backup", URI.create("http://localhost:1/v1"), null));

        Gauge gauge = meters.get(MicrometerObserver.CIRCUIT_STATE).tag("target", "backup")
                .tag("base.url", "http://localhost:1/v1").gauge();
        assertEquals(0, gauge.value());
        cb.transitionToOpenState();
        assertEquals(1, gauge.value());
        cb.transitionToHalfOpenState();
        assertEquals(2, gauge.value());

        // stopping the component removes the gauges and stops counting
        context.getComponent("llmrouter").stop();
        assertNull(meters.find(MicrometerObserver.CIRCUIT_STATE).gauge());
        component.runtime().publish(ok());
        assertNull(meters.find(MicrometerObserver.REQUESTS).counter());
    }

    @Test
    void noMetersWhenDisabledOrWithoutRegistry() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LlmRouterComponent component = start(meters, false);
        component.runtime().publish(ok());
        assertTrue(meters.getMeters().isEmpty());
        context.stop();

        LlmRouterComponent plain = start(null, true);
        plain.runtime().publish(ok());
        assertNotNull(plain.spendStats().snapshot().get("anthropic/claude-sonnet-4.5"));
    }
}
