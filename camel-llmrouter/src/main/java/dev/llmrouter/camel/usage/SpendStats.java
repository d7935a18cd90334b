package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Calls, errors, tokens and cost per served model, and overruns per budget, since start: the in-process view the
 * dev console shows.
 */
public final class SpendStats implements CallObserver {

    /** The budget name overruns of calls without a budget (a maxCostPerRequest only) are counted under. */
    public static final String NO_BUDGET = "(none)";

    private final Map<String, ModelTotals> byModel = new ConcurrentHashMap<>();
    private final Map<String, Overruns> overruns = new ConcurrentHashMap<>();
    /** Prompt-cache figures per route, then served model (two lookups: no key string built per call). */
    private final Map<String, Map<String, CacheSums>> cache = new ConcurrentHashMap<>();

    @Override
    public void onCall(CallEvent event) {
        UsageRecord u = event.usage();
        String model = u.model() != null ? u.model() : event.requestedModel() != null ? event.requestedModel() : "(none)";
        ModelTotals t = byModel.computeIfAbsent(model, m -> new ModelTotals());
        t.calls.increment();
        if (event.errorType() != null) {
            t.errors.increment();
        }
        if (u.promptTokens() != null) {
            t.promptTokens.add(u.promptTokens());
        }
        if (u.completionTokens() != null) {
            t.completionTokens.add(u.completionTokens());
        }
        if (u.cost() != null) {
            synchronized (t) {
                t.cost = t.cost.add(u.cost());
            }
        }
        if (u.promptTokens() != null && u.promptTokens() > 0) {
            String route = u.routeId() == null ? "(none)" : u.routeId();
            Map<String, CacheSums> perModel = cache.get(route);
            if (perModel == null) {
                perModel = cache.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
            }
            CacheSums c = perModel.get(model);
            if (c == null) {
                c = perModel.computeIfAbsent(model, m -> new CacheSums(route, m));
            }
            synchronized (c) {
                c.prompt += u.promptTokens();
                c.cached += u.cachedTokens() == null ? 0 : Math.max(0, u.cachedTokens());
                if (event.cacheSaved() != null) {
                    c.saved = c.saved.add(event.cacheSaved());
                }
            }
        }
        BigDecimal over = event.overrun();
        if (over != null) {
            Overruns o = overruns.computeIfAbsent(event.budget() == null ? NO_BUDGET : event.budget(),
                    b -> new Overruns());
            synchronized (o) {
                o.count++;
                o.amount = o.amount.add(over);
            }
        }
    }

    /**
     * Per budget name (calls without a budget under {@link #NO_BUDGET}), sorted: how many calls cost more than the
     * worst case they were admitted under, and by how much in total (USD). Budgets without overruns are absent.
     */
    public Map<String, OverrunTotals> overruns() {
        Map<String, OverrunTotals> out = new TreeMap<>();
        overruns.forEach((b, o) -> {
            synchronized (o) {
                out.put(b, new OverrunTotals(o.count, o.amount));
            }
        });
        return out;
    }

    /** The overruns of one budget: how many, and their sum above the worst case in USD. */
    public record OverrunTotals(long count, BigDecimal amount) {
    }

    private static final class Overruns {
        long count;
        BigDecimal amount = BigDecimal.ZERO;
    }

    /** The prompt-cache figures per route and served model, sorted by route, then model. */
    public java.util.List<CacheTotals> cache() {
        java.util.List<CacheTotals> out = new java.util.ArrayList<>();
        cache.values().forEach(perModel -> perModel.values().forEach(c -> {
            synchronized (c) {
                out.add(new CacheTotals(c.route, c.model, c.prompt, c.cached, c.saved));
            }
        }));
        out.sort(java.util.Comparator.comparing(CacheTotals::route).thenComparing(CacheTotals::model));
        return out;
    }

    /**
     * The prompt cache on one route and model since start.
     *
     * @param route        the route id ({@code (none)} without one)
     * @param model        the served model
     * @param promptTokens prompt tokens of the calls that reported usage
     * @param cachedTokens of those, the ones read from the prompt cache
     * @param saved        what the cache saved in USD, as far as prices were known (see {@link CallEvent#cacheSaved})
     */
    public record CacheTotals(String route, String model, long promptTokens, long cachedTokens, BigDecimal saved) {

        /** Cached over prompt tokens, 0 to 1. */
        public double ratio() {
            return promptTokens == 0 ? 0 : (double) cachedTokens / promptTokens;
        }
    }

    private static final class CacheSums {
        final String route;
        final String model;
        long prompt;
        long cached;
        BigDecimal saved = BigDecimal.ZERO;

        CacheSums(String route, String model) {
            this.route = route;
            this.model = model;
        }
    }

    /** A copy of the totals by model, sorted by model. */
    public Map<String, Totals> snapshot() {
        Map<String, Totals> out = new TreeMap<>();
        byModel.forEach((m, t) -> {
            BigDecimal cost;
            synchronized (t) {
                cost = t.cost;
            }
            out.put(m, new Totals(t.calls.sum(), t.errors.sum(), t.promptTokens.sum(), t.completionTokens.sum(), cost));
        });
        return out;
    }

    /** The totals of one model. */
    public record Totals(long calls, long errors, long promptTokens, long completionTokens, BigDecimal cost) {
    }

    private static final class ModelTotals {
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder promptTokens = new LongAdder();
        final LongAdder completionTokens = new LongAdder();
        BigDecimal cost = BigDecimal.ZERO;
    }
}
