package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.UsageRecord;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which calls the GenAI instruments record, and with which tags, from the call events alone. */
class GenAiMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GenAiMeters meters = new GenAiMeters(registry);

    private static CallEvent event(String operation, String model, String outcome, String errorType, boolean cacheHit,
                                   long ms, String dialect) {
        boolean refused = "refused".equals(outcome);
        UsageRecord u = new UsageRecord(Instant.parse("2026-12-06T12:00:00Z"), "route-1", "llmrouter:chat", model,
                refused ? null : "OpenAI", refused ? null : "openrouter", refused ? null : 27, refused ? null : 41,
                null, null, new BigDecimal("0.001"), "gen-1", null, cacheHit, outcome,
                null);
        return new CallEvent(u, operation, "openai/gpt-4o-mini", null, errorType, ms, List.of(), false, null, null,
                dialect);
    }

    @Test
    void aServedCallRecordsBothTokenTypesAndItsDurationInSeconds() {
        meters.onCall(event("chat", "openai/gpt-4o-mini-2024-07-18", "ok", null, false, 1500, "openrouter"));

        assertEquals(27.0, registry.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "input")
                .tag(GenAiMeters.RESPONSE_MODEL, "openai/gpt-4o-mini-2024-07-18").summary().totalAmount());
        assertEquals(41.0, registry.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "output").summary()
                .totalAmount());
        Timer t = registry.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.REQUEST_MODEL, "openai/gpt-4o-mini")
                .timer();
        assertEquals(1.5, t.totalTime(TimeUnit.SECONDS), 1e-9);
        // 1.5 s falls in the advised buckets from 2.56 s on, not in 1.28 s
        for (var b : t.takeSnapshot().histogramCounts()) {
            double seconds = b.bucket(TimeUnit.SECONDS);
            assertEquals(seconds >= 1.5 ? 1 : 0, b.count(), 0.0, "bucket " + seconds);
        }
    }

    @Test
    void aRefusedCallHasNoResponseModelAndACacheHitNoTokens() {
        // a refused call's record names the requested model: it is no answer's model
        meters.onCall(event("chat", "openai/gpt-4o-mini", "refused", "BudgetExceededException", false, 2, null));
        meters.onCall(event("chat", "openai/gpt-4o-mini", "ok", null, true, 3, "openrouter"));

        Timer refused = registry.get(GenAiMeters.OPERATION_DURATION)
                .tag(GenAiMeters.ERROR_TYPE, "BudgetExceededException").timer();
        assertEquals(1, refused.count());
        assertNull(refused.getId().getTag(GenAiMeters.RESPONSE_MODEL));
        assertEquals("openrouter", refused.getId().getTag(GenAiMeters.PROVIDER_NAME), "an unknown dialect");
        assertEquals(1, registry.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.RESPONSE_MODEL,
                "openai/gpt-4o-mini").timer().count());
        // the cache hit's record carries the original answer's usage, but nothing was spent on it
        assertNull(registry.find(GenAiMeters.TOKEN_USAGE).summary(), "neither call used tokens");
    }

    @Test
    void onlyModelCallsAreRecordedAndNothingAfterClose() {
        meters.onCall(event("models", null, "ok", null, false, 5, "openrouter"));
        meters.onCall(event("key", null, "ok", null, false, 5, "openrouter"));
        meters.onCall(event("chat", "openai/gpt-4o-mini", "replayed", null, false, 0, null));
        assertTrue(registry.getMeters().isEmpty(), registry.getMeters().toString());

        meters.onCall(event("embeddings", "openai/text-embedding-3-small", "ok", null, false, 5, "openai"));
        assertEquals(1, registry.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "embeddings")
                .tag(GenAiMeters.PROVIDER_NAME, "openai").timer().count());

        meters.close();
        meters.onCall(event("chat", "openai/gpt-4o-mini", "ok", null, false, 5, "openrouter"));
        assertNull(registry.find(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.OPERATION_NAME, "chat").timer());
    }

    @Test
    void forPrometheusEverySeriesHasEveryTagKeyAnAbsentOneEmpty() {
        SimpleMeterRegistry uniform = new SimpleMeterRegistry();
        GenAiMeters prometheusLike = new GenAiMeters(uniform, true);
        prometheusLike.onCall(event("chat", "openai/gpt-4o-mini", "ok", null, false, 5, "openrouter"));
        prometheusLike.onCall(event("chat", null, "error", "UpstreamException", false, 5, "openrouter"));

        Timer ok = uniform.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.ERROR_TYPE, "").timer();
        Timer failed = uniform.get(GenAiMeters.OPERATION_DURATION).tag(GenAiMeters.ERROR_TYPE, "UpstreamException")
                .tag(GenAiMeters.RESPONSE_MODEL, "").timer();
        assertEquals(1, ok.count());
        assertEquals(1, failed.count());
        assertEquals(keys(ok), keys(failed));
        assertEquals(5, keys(ok).size());
        // no {token} unit that Prometheus would append to the name
        assertNull(uniform.get(GenAiMeters.TOKEN_USAGE).tag(GenAiMeters.TOKEN_TYPE, "input").summary().getId()
                .getBaseUnit());
        // which registries get uniform keys: only Prometheus ones (none here), also inside a composite
        assertEquals(false, GenAiMeters.needsUniformKeys(registry));
        assertEquals(false, GenAiMeters.needsUniformKeys(
                new io.micrometer.core.instrument.composite.CompositeMeterRegistry().add(new SimpleMeterRegistry())));
        // and elsewhere the conventions hold: no error.type on success
        meters.onCall(event("chat", "openai/gpt-4o-mini", "ok", null, false, 5, "openrouter"));
        assertNull(registry.get(GenAiMeters.OPERATION_DURATION).timer().getId().getTag(GenAiMeters.ERROR_TYPE));
    }

    private static java.util.Set<String> keys(Timer t) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        t.getId().getTags().forEach(tag -> keys.add(tag.getKey()));
        return keys;
    }
}
