package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.CallObserver;
import dev.llmrouter.camel.usage.UsageRecord;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Counts every finished call in Micrometer meters. Micrometer is an optional dependency: this class is only loaded
 * when {@code io.micrometer.core.instrument.MeterRegistry} is on the classpath.
 * <ul>
 * <li>{@code llmrouter.requests} (counter): tags model, provider, target, route, budget, outcome</li>
 * <li>{@code llmrouter.tokens} (counter): tags kind (prompt, completion, reasoning, cached), model, target, route</li>
 * <li>{@code llmrouter.cost} (counter, USD): tags model, target, route</li>
 * <li>{@code llmrouter.fallbacks} (counter, failed or rejected attempts before the outcome): tags model, target,
 * route</li>
 * <li>{@code llmrouter.errors} (counter): tags error.type, model, target, route</li>
 * <li>{@code llmrouter.latency} (timer, whole exchange): tags model, target, route, outcome</li>
 * <li>{@code llmrouter.budget.overruns} (counter): calls that cost more than the worst case they were admitted
 * (and their budget reserved) under; tags budget, model, target, route</li>
 * <li>{@code llmrouter.budget.overrun.cost} (counter, USD): by how much those calls exceeded it; same tags</li>
 * <li>{@code llmrouter.budget.spend} (counter, USD): what calls booked on each budget level, one increment per
 * level a call was settled on; tags budget (the level's budget name) and scope.key (its scope key, {@code none} for
 * a global level). A scope per tenant makes one series per tenant: mind the cardinality of a large tenant set</li>
 * <li>{@code llmrouter.cache.saved} (counter, USD): what the prompt cache saved, cached prompt tokens times the
 * catalog's prompt price minus its cache-read price (counted when the endpoint has prices: a budget or
 * maxCostPerRequest); tags model, target, route</li>
 * <li>{@code llmrouter.cache.ratio} (gauge, 0 to 1): cached prompt tokens over prompt tokens since start; tags
 * model, target, route</li>
 * <li>{@code llmrouter.circuit.state} (gauge per circuit breaker: 0 closed, 1 open, 2 half-open): tags target,
 * base.url, model (the model a breaker of scope model guards, {@code *} for a target-wide breaker), scope</li>
 * <li>{@code llmrouter.circuit.failure.rate} (gauge per circuit breaker, percent of the calls in its window that
 * failed; -1 until the window has the minimum number of calls): same tags</li>
 * <li>{@code llmrouter.circuit.not.permitted} (function counter per circuit breaker: calls it refused while open,
 * which moved on to another model or target or failed): same tags</li>
 * </ul>
 * The model tag is the model that served, or the requested one when none served. A missing value is tagged
 * {@code none}.
 */
public final class MicrometerObserver implements CallObserver, AutoCloseable {

    public static final String REQUESTS = "llmrouter.requests";
    public static final String TOKENS = "llmrouter.tokens";
    public static final String COST = "llmrouter.cost";
    public static final String FALLBACKS = "llmrouter.fallbacks";
    public static final String ERRORS = "llmrouter.errors";
    public static final String LATENCY = "llmrouter.latency";
    public static final String CIRCUIT_STATE = "llmrouter.circuit.state";
    public static final String CIRCUIT_FAILURE_RATE = "llmrouter.circuit.failure.rate";
    public static final String CIRCUIT_NOT_PERMITTED = "llmrouter.circuit.not.permitted";
    public static final String OVERRUNS = "llmrouter.budget.overruns";
    public static final String OVERRUN_COST = "llmrouter.budget.overrun.cost";
    public static final String BUDGET_SPEND = "llmrouter.budget.spend";
    public static final String CACHE_SAVED = "llmrouter.cache.saved";
    public static final String CACHE_RATIO = "llmrouter.cache.ratio";

    static final String NONE = "none";

    private final MeterRegistry registry;
    private final Map<String, List<Meter>> breakerGauges = new ConcurrentHashMap<>();
    private volatile boolean closed;

    // built once: a call only adds its tags (Micrometer's MeterProvider), and the common series are kept below
    private final Meter.MeterProvider<Counter> requests;
    private final Meter.MeterProvider<Counter> tokens;
    private final Meter.MeterProvider<Counter> costs;
    private final Meter.MeterProvider<Counter> fallbackCounts;
    private final Meter.MeterProvider<Counter> errors;
    private final Meter.MeterProvider<Counter> overruns;
    private final Meter.MeterProvider<Counter> overrunCosts;
    private final Meter.MeterProvider<Counter> spend;
    private final Meter.MeterProvider<Timer> latency;
    private final Meter.MeterProvider<Counter> cacheSaved;
    /** Prompt and cached tokens per model, target and route, behind the {@value #CACHE_RATIO} gauges. */
    private final Map<Tags, long[]> cacheTokens = new ConcurrentHashMap<>();

    /** The meters of each tag combination seen, so that a call looks its meters up once. */
    private final Map<SeriesKey, Series> series = new ConcurrentHashMap<>();
    /** The {@value #BUDGET_SPEND} counters of each {@code budget=key;...} value seen. */
    private final Map<String, Counter[]> spendByLevels = new ConcurrentHashMap<>();

    public MicrometerObserver(MeterRegistry registry) {
        this.registry = registry;
        this.requests = Counter.builder(REQUESTS).description("Finished llmrouter calls").withRegistry(registry);
        this.tokens = Counter.builder(TOKENS).description("Tokens billed for llmrouter calls").baseUnit("tokens")
                .withRegistry(registry);
        this.costs = Counter.builder(COST).description("What llmrouter calls cost").baseUnit("usd")
                .withRegistry(registry);
        this.fallbackCounts = Counter.builder(FALLBACKS)
                .description("Failed or rejected attempts before the outcome of a call").withRegistry(registry);
        this.errors = Counter.builder(ERRORS).description("llmrouter calls that ended with an error")
                .withRegistry(registry);
        this.overruns = Counter.builder(OVERRUNS)
                .description("llmrouter calls that cost more than their reserved worst case").withRegistry(registry);
        this.overrunCosts = Counter.builder(OVERRUN_COST)
                .description("By how much llmrouter calls exceeded their reserved worst case").baseUnit("usd")
                .withRegistry(registry);
        this.spend = Counter.builder(BUDGET_SPEND).description("What llmrouter calls booked on a budget level")
                .baseUnit("usd").withRegistry(registry);
        this.cacheSaved = Counter.builder(CACHE_SAVED).description("What the prompt cache saved on llmrouter calls")
                .baseUnit("usd").withRegistry(registry);
        this.latency = Timer.builder(LATENCY)
                .description("Duration of llmrouter calls, from the producer to the outcome").withRegistry(registry);
    }

    /** The tags of the per-call meters (null values, not yet mapped to {@value #NONE}). */
    private record SeriesKey(String model, String target, String route, String provider, String budget,
                             String outcome) {
    }

    /**
     * The meters of one tag combination. The token, cost and fallback counters are registered on first use (a
     * series that never had reasoning tokens has no reasoning counter), as they were when built per call.
     */
    private final class Series {
        final Tags base;
        final Counter requests;
        final Timer latency;
        private volatile Counter prompt;
        private volatile Counter completion;
        private volatile Counter reasoning;
        private volatile Counter cached;
        private volatile Counter cost;
        private volatile Counter fallbacks;
        private volatile Counter cacheSaved;
        /** This series' entry of {@link #cacheTokens} (shared by the series of the same base tags). */
        private volatile long[] cacheSums;

        Series(SeriesKey k) {
            this.base = Tags.of(tag("model", k.model()), tag("target", k.target()), tag("route", k.route()));
            String outcome = value(k.outcome());
            this.requests = MicrometerObserver.this.requests.withTags(base.and("provider", value(k.provider()))
                    .and("budget", value(k.budget())).and("outcome", outcome));
            this.latency = MicrometerObserver.this.latency.withTags(base.and("outcome", outcome));
        }

        void tokens(int kind, Integer count) {
            if (count == null || count <= 0) {
                return;
            }
            Counter c = switch (kind) {
                case 0 -> prompt != null ? prompt : (prompt = token("prompt"));
                case 1 -> completion != null ? completion : (completion = token("completion"));
                case 2 -> reasoning != null ? reasoning : (reasoning = token("reasoning"));
                default -> cached != null ? cached : (cached = token("cached"));
            };
            c.increment(count);
        }

        private Counter token(String kind) {
            return MicrometerObserver.this.tokens.withTags(base.and("kind", kind));
        }

        Counter cost() {
            Counter c = cost;
            return c != null ? c : (cost = costs.withTags(base));
        }

        Counter fallbacks() {
            Counter c = fallbacks;
            return c != null ? c : (fallbacks = fallbackCounts.withTags(base));
        }

        Counter cacheSaved() {
            Counter c = cacheSaved;
            return c != null ? c : (cacheSaved = MicrometerObserver.this.cacheSaved.withTags(base));
        }

        long[] cacheSums() {
            long[] sums = cacheSums;
            return sums != null ? sums : (cacheSums = cacheTokens.computeIfAbsent(base, t -> {
                long[] fresh = new long[2];
                Gauge.builder(CACHE_RATIO, fresh, MicrometerObserver::ratio)
                        .description("Cached prompt tokens over prompt tokens of llmrouter calls").tags(t)
                        .register(registry);
                return fresh;
            }));
        }
    }

    @Override
    public void onCall(CallEvent event) {
        if (closed) {
            return;
        }
        UsageRecord u = event.usage();
        String model = u.model() != null ? u.model() : event.requestedModel();
        Series s = series.computeIfAbsent(new SeriesKey(model, u.target(), u.routeId(), u.provider(),
                event.budget(), u.outcome()), Series::new);

        s.requests.increment();
        s.tokens(0, u.promptTokens());
        s.tokens(1, u.completionTokens());
        s.tokens(2, u.reasoningTokens());
        s.tokens(3, u.cachedTokens());
        cache(s, u.promptTokens(), u.cachedTokens(), event.cacheSaved());
        BigDecimal cost = u.cost();
        if (cost != null && cost.signum() > 0) {
            double usd = cost.doubleValue();
            s.cost().increment(usd);
            levels(u.budgetLevels(), usd);
        }
        int fallbacks = event.fallbacks();
        if (fallbacks > 0) {
            s.fallbacks().increment(fallbacks);
        }
        if (event.errorType() != null) {
            errors.withTags(s.base.and("error.type", event.errorType())).increment();
        }
        BigDecimal over = event.overrun();
        if (over != null) {
            Tags tags = s.base.and("budget", value(event.budget()));
            overruns.withTags(tags).increment();
            overrunCosts.withTags(tags).increment(over.doubleValue());
        }
        s.latency.record(Math.max(0, event.durationMs()), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** The cache figures of a call: its saving, and the prompt and cached tokens behind the ratio gauge. */
    private static void cache(Series s, Integer prompt, Integer cached, BigDecimal saved) {
        if (saved != null && saved.signum() > 0) {
            s.cacheSaved().increment(saved.doubleValue());
        }
        if (prompt == null || prompt <= 0) {
            return;
        }
        long[] sums = s.cacheSums();
        synchronized (sums) {
            sums[0] += prompt;
            sums[1] += cached == null ? 0 : Math.max(0, cached);
        }
    }

    private static double ratio(long[] sums) {
        synchronized (sums) {
            return sums[0] == 0 ? 0 : (double) sums[1] / sums[0];
        }
    }

    /** One increment of {@value #BUDGET_SPEND} per level in {@code budget=key;...}. */
    private void levels(String levels, double usd) {
        if (levels == null || levels.isEmpty()) {
            return;
        }
        for (Counter c : spendByLevels.computeIfAbsent(levels, this::spendCounters)) {
            c.increment(usd);
        }
    }

    private Counter[] spendCounters(String levels) {
        String[] parts = levels.split(";");
        Counter[] out = new Counter[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String level = parts[i];
            int eq = level.indexOf('=');
            String budget = eq < 0 ? level : level.substring(0, eq);
            String key = eq < 0 ? "" : level.substring(eq + 1);
            out[i] = spend.withTags(Tags.of(tag("budget", budget), tag("scope.key", key.isEmpty() ? null : key)));
        }
        return out;
    }

    /**
     * Adds a gauge {@value #CIRCUIT_STATE} for every breaker of {@code breakers}, now and as breakers are created.
     */
    public MicrometerObserver bindCircuitBreakers(CircuitBreakerRegistry breakers) {
        return bindCircuitBreakers(breakers, cb -> cb.getMetrics().getNumberOfNotPermittedCalls());
    }

    /**
     * Adds the gauges {@value #CIRCUIT_STATE}, {@value #CIRCUIT_FAILURE_RATE} and the counter
     * {@value #CIRCUIT_NOT_PERMITTED} for every breaker of {@code breakers}, now and as breakers are created.
     */
    public MicrometerObserver bindCircuitBreakers(dev.llmrouter.camel.routing.CircuitBreakers breakers) {
        return bindCircuitBreakers(breakers.registry(), breakers::notPermittedCalls);
    }

    private MicrometerObserver bindCircuitBreakers(CircuitBreakerRegistry breakers,
                                                   java.util.function.ToLongFunction<CircuitBreaker> notPermitted) {
        breakers.getAllCircuitBreakers().forEach(cb -> gauge(cb, notPermitted));
        breakers.getEventPublisher().onEntryAdded((EntryAddedEvent<CircuitBreaker> e) -> gauge(e.getAddedEntry(),
                notPermitted));
        return this;
    }

    private void gauge(CircuitBreaker cb, java.util.function.ToLongFunction<CircuitBreaker> notPermitted) {
        if (closed) {
            return;
        }
        breakerGauges.computeIfAbsent(cb.getName(), name -> {
            Map<String, String> t = cb.getTags();
            int space = name.indexOf(' ');
            String target = t.getOrDefault("target", space < 0 ? name : name.substring(0, space));
            String url = t.getOrDefault("base.url", space < 0 ? NONE : name.substring(space + 1));
            List<Tag> tags = List.of(tag("target", target), tag("base.url", url),
                    tag("model", t.getOrDefault("model", "*")), tag("scope", t.getOrDefault("scope", "target")));
            return List.of(
                    Gauge.builder(CIRCUIT_STATE, cb, c -> stateValue(c.getState()))
                            .description("Circuit breaker state of an llmrouter target or model: 0 closed, 1 open,"
                                         + " 2 half-open")
                            .tags(tags).register(registry),
                    Gauge.builder(CIRCUIT_FAILURE_RATE, cb, c -> c.getMetrics().getFailureRate())
                            .description("Failure rate in percent over the breaker's window; -1 until the window"
                                         + " has the minimum number of calls")
                            .baseUnit("percent").tags(tags).register(registry),
                    io.micrometer.core.instrument.FunctionCounter.builder(CIRCUIT_NOT_PERMITTED, cb,
                                    c -> notPermitted.applyAsLong(c))
                            .description("Calls the breaker refused while open (they moved on or failed)")
                            .tags(tags).register(registry));
        });
    }

    /** 0 closed (also disabled and metrics-only), 1 open (also forced open), 2 half-open. */
    static double stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 0;
        };
    }

    /** Stops counting and removes the circuit breaker gauges (the counters keep their values). */
    @Override
    public void close() {
        closed = true;
        series.clear();
        spendByLevels.clear();
        cacheTokens.clear();
        for (List<Meter> meters : breakerGauges.values()) {
            meters.forEach(registry::remove);
        }
        breakerGauges.clear();
    }

    private static Tag tag(String key, String value) {
        return Tag.of(key, value(value));
    }

    private static String value(String v) {
        return v == null || v.isEmpty() ? NONE : v;
    }
}
