package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The meters built once per tag combination count exactly what the meters built per call counted. */
class MicrometerObserverTest {

    private static CallEvent event(String outcome, String errorType, Integer reasoning, String cost, String levels,
                                   long ms) {
        UsageRecord u = new UsageRecord(Instant.parse("2026-12-06T12:00:00Z"), "route-1", "llmrouter:chat",
                "openai/gpt-4o-mini", "OpenAI", "openrouter", 27, 41, reasoning, null,
                cost == null ? null : new BigDecimal(cost), "gen-1", null, false, outcome, levels);
        return new CallEvent(u, "chat", "openai/gpt-4o-mini", "team", errorType, ms, List.of(), false);
    }

    @Test
    void everyCallOfATagCombinationCountsOnTheSameMetersAndOthersGetTheirOwn() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerObserver observer = new MicrometerObserver(registry);

        observer.onCall(event("ok", null, null, "0.25", "team=;tenant=acme", 100));
        observer.onCall(event("ok", null, 0, "0.5", "team=;tenant=acme", 300));
        observer.onCall(event("error", "UpstreamException", 5, null, "team=;tenant=acme", 50));

        Counter ok = registry.find(MicrometerObserver.REQUESTS).tag("outcome", "ok").tag("budget", "team")
                .tag("provider", "OpenAI").tag("model", "openai/gpt-4o-mini").tag("route", "route-1").counter();
        assertNotNull(ok);
        assertEquals(2.0, ok.count());
        assertEquals(1.0, registry.find(MicrometerObserver.REQUESTS).tag("outcome", "error").counter().count());
        assertEquals(3 * 27.0, registry.find(MicrometerObserver.TOKENS).tag("kind", "prompt").counter().count());
        assertEquals(3 * 41.0, registry.find(MicrometerObserver.TOKENS).tag("kind", "completion").counter().count());
        // the reasoning counter exists once a call had reasoning tokens, and counts only those
        assertEquals(5.0, registry.find(MicrometerObserver.TOKENS).tag("kind", "reasoning").counter().count());
        assertNull(registry.find(MicrometerObserver.TOKENS).tag("kind", "cached").counter(),
                "no call had cached tokens: no counter");
        assertEquals(0.75, registry.find(MicrometerObserver.COST).counter().count(), 1e-12);
        assertEquals(0.75, registry.find(MicrometerObserver.BUDGET_SPEND).tag("budget", "team")
                .tag("scope.key", "none").counter().count(), 1e-12);
        assertEquals(0.75, registry.find(MicrometerObserver.BUDGET_SPEND).tag("budget", "tenant")
                .tag("scope.key", "acme").counter().count(), 1e-12);
        assertEquals(1.0, registry.find(MicrometerObserver.ERRORS).tag("error.type", "UpstreamException").counter()
                .count());
        Timer okLatency = registry.find(MicrometerObserver.LATENCY).tag("outcome", "ok").timer();
        assertEquals(2, okLatency.count());
        assertEquals(400.0, okLatency.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertNull(registry.find(MicrometerObserver.FALLBACKS).counter(), "no call fell back");

        observer.close();
        observer.onCall(event("ok", null, null, "0.25", null, 10));
        assertEquals(2.0, ok.count(), "a closed observer counts nothing");
    }
}
