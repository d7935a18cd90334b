package dev.llmrouter.camel.observability;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.CallObserver;
import dev.llmrouter.camel.usage.UsageRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The client instruments of the OpenTelemetry GenAI semantic conventions, recorded through Micrometer next to the
 * {@code llmrouter.*} meters of {@link MicrometerObserver}:
 * <ul>
 * <li>{@value #TOKEN_USAGE} (distribution summary, base unit {@code {token}}): one sample per call and token type,
 * tag {@value #TOKEN_TYPE} {@code input} (prompt tokens) or {@code output} (completion tokens)</li>
 * <li>{@value #OPERATION_DURATION} (timer): one sample per call, from the producer receiving the exchange to the
 * outcome, retries and fallbacks included</li>
 * </ul>
 * Both carry {@value #OPERATION_NAME} ({@code chat} or {@code embeddings}), {@value #PROVIDER_NAME} (the dialect of
 * the target: {@code openrouter}, or {@code openai} for any other OpenAI-compatible server), {@value #REQUEST_MODEL}
 * and {@value #RESPONSE_MODEL} (each when known) and, on a failed call only, {@value #ERROR_TYPE} (the simple class
 * name of the exception). Both have the bucket boundaries the conventions advise, so they export as histograms.
 * On a Prometheus registry an absent tag is registered with the empty value instead, so that all series of a name
 * have the same tag keys, and the token summary has no base unit, so that it is named
 * {@code gen_ai_client_token_usage} as OpenTelemetry's Prometheus export names it.
 * <p>
 * Only model calls are measured: the operations models, generation and key are not GenAI operations, and a call
 * replayed from the idempotency store made none. A response-cache hit records its duration but no tokens. Micrometer
 * is an optional dependency: this class is only loaded when it is on the classpath.
 */
public final class GenAiMeters implements CallObserver, AutoCloseable {

    public static final String TOKEN_USAGE = "gen_ai.client.token.usage";
    public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    public static final String PROVIDER_NAME = "gen_ai.provider.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String TOKEN_TYPE = "gen_ai.token.type";
    public static final String ERROR_TYPE = "error.type";

    /** The explicit bucket boundaries the GenAI conventions advise for token counts. */
    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864};
    /** The explicit bucket boundaries the GenAI conventions advise for durations, in seconds. */
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92};

    /** Class names of Micrometer's Prometheus registries (client 1.x and the older simpleclient one). */
    private static final java.util.Set<String> PROMETHEUS = java.util.Set.of(
            "io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
            "io.micrometer.prometheus.PrometheusMeterRegistry");

    /** Whether an absent tag is registered with the empty value instead (see {@link #needsUniformKeys}). */
    private final boolean uniformKeys;
    private final Meter.MeterProvider<DistributionSummary> tokens;
    private final Meter.MeterProvider<Timer> durations;
    /** The meters of each tag combination seen, so that a call looks its meters up once. */
    private final Map<Key, Series> series = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** The instruments on {@code registry}; uniform tag keys when it is (or holds) a Prometheus registry. */
    public GenAiMeters(MeterRegistry registry) {
        this(registry, needsUniformKeys(registry));
    }

    /**
     * @param uniformKeys whether every series has all tag keys, an absent one with the empty value: Micrometer's
     *                    Prometheus registry (the 1.15 line, and later ones until that changed) silently drops a meter
     *                    whose tag keys differ from those of the first meter of its name, which would lose every
     *                    failed call; Prometheus reads an empty label as no label, so queries see no difference. The
     *                    token summary then has no base unit, which Prometheus would append to its name
     */
    GenAiMeters(MeterRegistry registry, boolean uniformKeys) {
        this.uniformKeys = uniformKeys;
        // Prometheus names a summary with its base unit appended: without one it is gen_ai_client_token_usage, as
        // OpenTelemetry's own Prometheus export names it (which drops a {...} unit)
        this.tokens = DistributionSummary.builder(TOKEN_USAGE)
                .description("Tokens per llmrouter model call, by token type (input or output)")
                .baseUnit(uniformKeys ? null : "{token}").serviceLevelObjectives(TOKEN_BUCKETS).withRegistry(registry);
        Duration[] slos = new Duration[DURATION_BUCKETS.length];
        for (int i = 0; i < slos.length; i++) {
            slos[i] = Duration.ofMillis(Math.round(DURATION_BUCKETS[i] * 1000));
        }
        this.durations = Timer.builder(OPERATION_DURATION).description("Duration of llmrouter model calls, retries and fallbacks included")
                .serviceLevelObjectives(slos).withRegistry(registry);
    }

    /** The tag values of one series; null means the tag is absent. */
    private record Key(String operation, String provider, String requestModel, String responseModel,
                       String errorType) {
    }

    /** The meters of one tag combination; the token summaries are registered on first use. */
    private final class Series {
        final Tags tags;
        final Timer duration;
        private volatile DistributionSummary input;
        private volatile DistributionSummary output;

        Series(Key k) {
            Tags t = Tags.of(OPERATION_NAME, k.operation(), PROVIDER_NAME, k.provider());
            t = optional(t, REQUEST_MODEL, k.requestModel());
            t = optional(t, RESPONSE_MODEL, k.responseModel());
            this.tags = optional(t, ERROR_TYPE, k.errorType());
            this.duration = durations.withTags(tags);
        }

        DistributionSummary input() {
            DistributionSummary s = input;
            return s != null ? s : (input = tokens.withTags(tags.and(TOKEN_TYPE, "input")));
        }

        DistributionSummary output() {
            DistributionSummary s = output;
            return s != null ? s : (output = tokens.withTags(tags.and(TOKEN_TYPE, "output")));
        }
    }

    /** Embeddings calls are GenAI operations too. */
    @Override
    public boolean observesEmbeddings() {
        return true;
    }

    @Override
    public void onCall(CallEvent event) {
        if (closed) {
            return;
        }
        String operation = event.operation();
        if (!"chat".equals(operation) && !"embeddings".equals(operation)) {
            return;
        }
        UsageRecord u = event.usage();
        if ("replayed".equals(u.outcome())) {
            return;
        }
        // a refused call's record names the requested model, not an answer's
        String served = "refused".equals(u.outcome()) ? null : blank(u.model());
        Key key = new Key(operation, event.dialect() == null ? "openrouter" : event.dialect(),
                blank(event.requestedModel()), served, blank(event.errorType()));
        Series s = series.computeIfAbsent(key, Series::new);
        if (!u.cacheHit()) {
            if (u.promptTokens() != null && u.promptTokens() >= 0) {
                s.input().record(u.promptTokens());
            }
            if (u.completionTokens() != null && u.completionTokens() >= 0) {
                s.output().record(u.completionTokens());
            }
        }
        s.duration.record(Math.max(0, event.durationMs()), TimeUnit.MILLISECONDS);
    }

    private Tags optional(Tags tags, String key, String value) {
        return value != null ? tags.and(key, value) : uniformKeys ? tags.and(key, "") : tags;
    }

    /** Whether {@code registry} is a Prometheus registry, or a composite that holds one. */
    static boolean needsUniformKeys(MeterRegistry registry) {
        if (registry instanceof io.micrometer.core.instrument.composite.CompositeMeterRegistry composite) {
            return composite.getRegistries().stream().anyMatch(GenAiMeters::needsUniformKeys);
        }
        for (Class<?> c = registry.getClass(); c != null; c = c.getSuperclass()) {
            if (PROMETHEUS.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Stops recording (the meters keep their values). */
    @Override
    public void close() {
        closed = true;
        series.clear();
    }

    private static String blank(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
