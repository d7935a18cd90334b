package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.llmrouter.camel.idempotency.ReplayStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The meters of never paying twice, per route: {@value #REPLAYS} (answers given back from the answer store, the
 * coalesced ones included), {@value #COALESCED} (exchanges that waited for an answer in flight instead of calling)
 * and {@value #SAVED} (what the original calls cost, in USD), tag route. One per meter registry; a route's
 * counters are registered on its first replay.
 */
public final class ReplayMeters implements ReplayStats.Listener {

    public static final String REPLAYS = "llmrouter.replays";
    public static final String COALESCED = "llmrouter.coalesced";
    public static final String SAVED = "llmrouter.replay.saved";

    private final MeterRegistry registry;
    private final Map<String, Counter[]> routes = new ConcurrentHashMap<>();

    public ReplayMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void replayed(String route, boolean coalesced, BigDecimal saved) {
        Counter[] c = routes.computeIfAbsent(route == null ? "none" : route, this::counters);
        c[0].increment();
        if (coalesced) {
            c[1].increment();
        }
        if (saved != null && saved.signum() > 0) {
            c[2].increment(saved.doubleValue());
        }
    }

    private Counter[] counters(String route) {
        Tags tags = Tags.of("route", route);
        return new Counter[] {
            Counter.builder(REPLAYS).description("llmrouter answers given back without a call (idempotencyKey)")
                    .tags(tags).register(registry),
            Counter.builder(COALESCED).description("llmrouter exchanges that waited for the answer of the same key")
                    .tags(tags).register(registry),
            Counter.builder(SAVED).description("What the replayed answers cost when they were first paid")
                    .baseUnit("usd").tags(tags).register(registry)
        };
    }
}
