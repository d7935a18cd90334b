package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * The gauges {@value #RESERVED} and {@value #REMAINING} (USD) of every budget level a component has booked on,
 * tagged {@code budget} (the level's budget name) and {@code scope.key} (its scope key, {@code none} for a global
 * level): registered once per level when the {@link BudgetLevelBoard} first sees it, removed by {@link #close()}
 * (when the component stops). The values are the board's: live from an in-memory ledger, the last refresh of an
 * external one. A level whose amounts are not known yet (an external ledger not read yet, or a budget no longer
 * defined) reads NaN.
 * <p>
 * Only loaded when Micrometer is on the classpath (from {@code LlmRouterObservability.MicrometerBinding}).
 */
public final class BudgetLevelGauges implements AutoCloseable {

    /** What open reservations hold on the level's current window, USD. */
    public static final String RESERVED = "llmrouter.budget.reserved";
    /** What is left of the level's current window ({@code amount - spent - reserved}, never below 0), USD. */
    public static final String REMAINING = "llmrouter.budget.remaining";
    private static final String NONE = "none";

    private final MeterRegistry registry;
    private final BudgetLevelBoard board;
    private final Map<BudgetLevelBoard.Level, List<Meter>> gauges = new ConcurrentHashMap<>();
    private final Consumer<BudgetLevelBoard.Level> listener = this::register;
    private volatile boolean closed;

    public BudgetLevelGauges(MeterRegistry registry, BudgetLevelBoard board) {
        this.registry = registry;
        this.board = board;
        board.onLevel(listener);
    }

    private void register(BudgetLevelBoard.Level level) {
        if (closed) {
            return;
        }
        gauges.computeIfAbsent(level, l -> {
            Tags tags = Tags.of("budget", l.budget(), "scope.key", l.scopeKey().isEmpty() ? NONE : l.scopeKey());
            return List.of(
                    gauge(RESERVED, "What open reservations hold on an llmrouter budget level's current window", l,
                            tags, BudgetLevelBoard.Row::reserved),
                    gauge(REMAINING, "What is left of an llmrouter budget level's current window", l, tags,
                            BudgetLevelBoard.Row::remaining));
        });
        if (closed) {
            // closed meanwhile: do not leave this level's gauges behind
            List<Meter> late = gauges.remove(level);
            if (late != null) {
                late.forEach(registry::remove);
            }
        }
    }

    private Meter gauge(String name, String description, BudgetLevelBoard.Level level, Tags tags,
                        Function<BudgetLevelBoard.Row, BigDecimal> value) {
        return Gauge.builder(name, level, l -> {
            try {
                BudgetLevelBoard.Row r = board.read(l);
                BigDecimal v = r == null ? null : value.apply(r);
                return v == null ? Double.NaN : v.doubleValue();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description(description).baseUnit("usd").tags(tags).strongReference(true).register(registry);
    }

    /** Removes every gauge and stops registering new ones. */
    @Override
    public void close() {
        closed = true;
        board.removeListener(listener);
        for (List<Meter> meters : gauges.values()) {
            meters.forEach(registry::remove);
        }
        gauges.clear();
    }
}
