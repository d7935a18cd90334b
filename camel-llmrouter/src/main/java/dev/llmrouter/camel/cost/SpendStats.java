package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Calls, errors, tokens and cost per served model since start: the in-process view the dev console shows. */
public final class SpendStats implements CallObserver {

    private final Map<String, ModelTotals> byModel = new ConcurrentHashMap<>();

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
