package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.agent.McpToolSource;
import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.error.Usd;
import dev.llmrouter.camel.idempotency.ReplayStats;
import dev.llmrouter.camel.usage.SpendStats;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * Dev console {@code llmrouter}: for every {@code llmrouter} component of the context, spend and what remains per
 * budget (one row per ledger key: budget, scope key and window), overruns per budget (calls that cost more than
 * their reserved worst case: count and amount above it), calls, errors, tokens and cost per served model since
 * start, the prompt cache per route and model (cached over prompt tokens, and the dollars it saved), the state of
 * each target's circuit breaker, the MCP servers of the started endpoints (state, last error, the tools offered),
 * and per route the answers replayed or coalesced under an idempotency key with the dollars they saved.
 */
@DevConsole(name = "llmrouter", displayName = "LLM Router",
            description = "Spend and remaining per budget, calls, errors, tokens and cost per model, and circuit"
                          + " breaker states of the llmrouter components")
public class LlmRouterDevConsole extends AbstractDevConsole {

    public LlmRouterDevConsole() {
        super("camel", "llmrouter", "LLM Router",
              "Spend and remaining per budget, calls, errors, tokens and cost per model, and circuit breaker states"
              + " of the llmrouter components");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, LlmRouterComponent> c : components().entrySet()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("Component: ").append(c.getKey()).append('\n');
            List<BudgetView> budgets = budgets(c.getValue());
            sb.append("\nBudgets:\n");
            if (budgets.isEmpty()) {
                sb.append("    (none)\n");
            }
            for (BudgetView b : budgets) {
                sb.append("    ").append(b.budget);
                if (b.scope != null) {
                    sb.append(" (scope ").append(b.scope).append(')');
                }
                if (b.scopeKey != null && !b.scopeKey.isEmpty()) {
                    sb.append(" [").append(b.scopeKey).append(']');
                }
                if (b.windowStart != null) {
                    sb.append(" window ").append(b.windowStart).append(b.current ? "" : " (past)");
                }
                sb.append(": spent $").append(plain(b.spent)).append(", reserved $").append(plain(b.reserved));
                if (b.amount != null) {
                    sb.append(" of $").append(plain(b.amount));
                    if (b.current) {
                        sb.append(", remaining $").append(plain(b.remaining));
                    }
                }
                sb.append('\n');
            }
            Map<String, SpendStats.OverrunTotals> overruns = c.getValue().spendStats().overruns();
            sb.append("\nOverruns (calls above their reserved worst case):\n");
            if (overruns.isEmpty()) {
                sb.append("    (none)\n");
            }
            overruns.forEach((budget, o) -> sb.append("    ").append(budget).append(": ").append(o.count())
                    .append(" overruns, $").append(plain(o.amount())).append(" above the worst case\n"));
            Map<String, SpendStats.Totals> models = c.getValue().spendStats().snapshot();
            sb.append("\nModels:\n");
            if (models.isEmpty()) {
                sb.append("    (no calls)\n");
            }
            models.forEach((model, t) -> sb.append("    ").append(model).append(": calls ").append(t.calls())
                    .append(", errors ").append(t.errors()).append(", prompt tokens ").append(t.promptTokens())
                    .append(", completion tokens ").append(t.completionTokens()).append(", cost $")
                    .append(plain(t.cost())).append('\n'));
            List<SpendStats.CacheTotals> cache = c.getValue().spendStats().cache();
            sb.append("\nPrompt cache (per route and model):\n");
            if (cache.isEmpty()) {
                sb.append("    (no calls)\n");
            }
            cache.forEach(t -> sb.append("    ").append(t.route()).append(" ").append(t.model()).append(": cached ")
                    .append(t.cachedTokens()).append(" of ").append(t.promptTokens()).append(" prompt tokens (")
                    .append(String.format(java.util.Locale.ROOT, "%.1f", t.ratio() * 100)).append("%), saved $")
                    .append(plain(t.saved())).append('\n'));
            List<Breaker> breakers = breakers(c.getValue());
            sb.append("\nCircuit breakers:\n");
            if (breakers.isEmpty()) {
                sb.append("    (none used yet)\n");
            }
            breakers.forEach(b -> sb.append("    ").append(b.name()).append(": ").append(b.state())
                    .append(", failure rate ").append(b.failureRate() < 0 ? "n/a" : b.failureRate() + "%")
                    .append(", not permitted ").append(b.notPermitted())
                    .append(b.probeAt() == null ? "" : ", probed again after " + b.probeAt()).append('\n'));
            Map<String, ReplayStats.Totals> replays = c.getValue().runtime().replayStats().snapshot();
            sb.append("\nNever paid twice (idempotencyKey), per route:\n");
            if (replays.isEmpty()) {
                sb.append("    (no replays)\n");
            }
            replays.forEach((route, r) -> sb.append("    ").append(route.isEmpty() ? "(no route)" : route)
                    .append(": replays ").append(r.replays()).append(", coalesced ").append(r.coalesced())
                    .append(", saved $").append(plain(r.saved())).append('\n'));
            List<McpToolSource> mcp = c.getValue().mcpSources();
            if (!mcp.isEmpty()) {
                sb.append("\nMCP servers:\n");
                for (McpToolSource m : mcp) {
                    sb.append("    ").append(m.name()).append(" (").append(m.spec().location()).append("): ")
                            .append(m.state());
                    if (m.lastError() != null) {
                        sb.append(", last error: ").append(m.lastError());
                    }
                    sb.append(", tools: ");
                    sb.append(m.tools().isEmpty() ? "(none)" : String.join(", ", toolNames(m)));
                    sb.append('\n');
                }
            }
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        JsonArray list = new JsonArray();
        for (Map.Entry<String, LlmRouterComponent> c : components().entrySet()) {
            JsonObject jc = new JsonObject();
            jc.put("name", c.getKey());
            JsonArray budgets = new JsonArray();
            for (BudgetView b : budgets(c.getValue())) {
                JsonObject jb = new JsonObject();
                jb.put("budget", b.budget);
                jb.put("scope", b.scope);
                jb.put("scopeKey", b.scopeKey);
                jb.put("windowStart", b.windowStart == null ? null : b.windowStart.toString());
                jb.put("current", b.current);
                jb.put("amount", Usd.plain(b.amount));
                jb.put("spent", Usd.plain(b.spent));
                jb.put("reserved", Usd.plain(b.reserved));
                if (b.current && b.amount != null) {
                    jb.put("remaining", Usd.plain(b.remaining));
                }
                budgets.add(jb);
            }
            jc.put("budgets", budgets);
            JsonArray overruns = new JsonArray();
            c.getValue().spendStats().overruns().forEach((budget, o) -> {
                JsonObject jo = new JsonObject();
                jo.put("budget", budget);
                jo.put("count", o.count());
                jo.put("amount", Usd.plain(o.amount()));
                overruns.add(jo);
            });
            jc.put("overruns", overruns);
            JsonArray models = new JsonArray();
            c.getValue().spendStats().snapshot().forEach((model, t) -> {
                JsonObject jm = new JsonObject();
                jm.put("model", model);
                jm.put("calls", t.calls());
                jm.put("errors", t.errors());
                jm.put("promptTokens", t.promptTokens());
                jm.put("completionTokens", t.completionTokens());
                jm.put("cost", Usd.plain(t.cost()));
                models.add(jm);
            });
            jc.put("models", models);
            JsonArray cache = new JsonArray();
            c.getValue().spendStats().cache().forEach(t -> {
                JsonObject jp = new JsonObject();
                jp.put("route", t.route());
                jp.put("model", t.model());
                jp.put("promptTokens", t.promptTokens());
                jp.put("cachedTokens", t.cachedTokens());
                jp.put("cachedRatio", t.ratio());
                jp.put("saved", Usd.plain(t.saved()));
                cache.add(jp);
            });
            jc.put("promptCache", cache);
            JsonArray breakers = new JsonArray();
            breakers(c.getValue()).forEach(b -> {
                JsonObject jt = new JsonObject();
                jt.put("target", b.name());
                jt.put("model", b.model());
                jt.put("state", b.state());
                jt.put("failureRate", b.failureRate());
                jt.put("notPermittedCalls", b.notPermitted());
                if (b.probeAt() != null) {
                    jt.put("probeAt", b.probeAt().toString());
                }
                breakers.add(jt);
            });
            jc.put("circuitBreakers", breakers);
            JsonArray replays = new JsonArray();
            c.getValue().runtime().replayStats().snapshot().forEach((route, r) -> {
                JsonObject jr = new JsonObject();
                jr.put("route", route);
                jr.put("replays", r.replays());
                jr.put("coalesced", r.coalesced());
                jr.put("saved", Usd.plain(r.saved()));
                replays.add(jr);
            });
            jc.put("replays", replays);
            JsonArray mcp = new JsonArray();
            for (McpToolSource m : c.getValue().mcpSources()) {
                JsonObject jm = new JsonObject();
                jm.put("name", m.name());
                jm.put("location", m.spec().location());
                jm.put("state", m.state().name());
                jm.put("optional", m.spec().optional());
                jm.put("lastError", m.lastError());
                jm.put("lastRefresh", m.lastRefresh() == null ? null : m.lastRefresh().toString());
                jm.put("tools", new JsonArray(toolNames(m)));
                jm.put("serverTools", m.serverToolNames().size());
                mcp.add(jm);
            }
            jc.put("mcpServers", mcp);
            list.add(jc);
        }
        root.put("components", list);
        return root;
    }

    private static List<String> toolNames(McpToolSource source) {
        List<String> names = new ArrayList<>();
        for (LlmRouterTool t : source.tools()) {
            names.add(t.name());
        }
        return names;
    }

    /** Every started-or-created llmrouter component by name (none is created here). */
    private Map<String, LlmRouterComponent> components() {
        Map<String, LlmRouterComponent> out = new LinkedHashMap<>();
        CamelContext context = getCamelContext();
        if (context == null) {
            return out;
        }
        for (String name : context.getComponentNames()) {
            Component c = context.hasComponent(name);
            if (c instanceof LlmRouterComponent l) {
                out.put(name, l);
            }
        }
        return out;
    }

    /** One row per ledger key, then a row for each defined budget nothing was booked on yet. */
    private static List<BudgetView> budgets(LlmRouterComponent component) {
        List<BudgetView> out = new ArrayList<>();
        Instant now = Instant.now();
        Set<String> seen = new LinkedHashSet<>();
        List<LedgerRow> rows;
        try {
            rows = component.ledger().snapshot();
        } catch (RuntimeException e) {
            rows = List.of();
        }
        for (LedgerRow r : rows) {
            BudgetDefinition def = definition(component, r.budget());
            boolean current = def == null || r.windowStart() == null || r.windowStart().equals(def.windowStart(now));
            BigDecimal amount = def == null ? null : def.amount();
            BigDecimal remaining = amount == null ? null : remaining(amount, zero(r.spent()), zero(r.reserved()));
            out.add(new BudgetView(r.budget(), scope(component, r.budget()), r.scopeKey(), r.windowStart(), current,
                    amount, zero(r.spent()), zero(r.reserved()), remaining));
            if (current) {
                seen.add(r.budget());
            }
        }
        // budgets defined on the component, then those defined as registry beans (which endpoints find by name too)
        Map<String, LlmRouterBudget> defined = new LinkedHashMap<>();
        if (component.getBudgets() != null) {
            defined.putAll(component.getBudgets());
        }
        try {
            component.getCamelContext().getRegistry().findByTypeWithName(LlmRouterBudget.class)
                    .forEach(defined::putIfAbsent);
        } catch (RuntimeException e) {
            // a registry that cannot list its beans: the component's budgets are shown
        }
        defined.forEach((name, b) -> {
            if (!seen.contains(name)) {
                out.add(new BudgetView(name, b.getScope(), null, null, true, b.getAmount(), BigDecimal.ZERO,
                        BigDecimal.ZERO, b.getAmount()));
            }
        });
        return out;
    }

    /** The budget's own scope property (global, route, ..., or an expression), or null when it sets none. */
    private static String scope(LlmRouterComponent component, String name) {
        try {
            LlmRouterBudget b = component.budgetDefinition(name);
            return b == null || b.getScope() == null || b.getScope().isBlank() ? null : b.getScope().trim();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static BudgetDefinition definition(LlmRouterComponent component, String name) {
        try {
            LlmRouterBudget b = component.budgetDefinition(name);
            return b == null ? null : b.toDefinition(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * One breaker as shown: its name (target, address and, for scope model, the model), the model it guards
     * ({@code *} for a whole target), state, failure rate (-1 until enough calls), calls refused, next probe.
     */
    private record Breaker(String name, String model, String state, float failureRate, long notPermitted,
                           java.time.Instant probeAt) {
    }

    private static List<Breaker> breakers(LlmRouterComponent component) {
        dev.llmrouter.camel.routing.CircuitBreakers all = component.circuitBreakers();
        List<Breaker> out = new java.util.ArrayList<>();
        all.registry().getAllCircuitBreakers().forEach(cb -> out.add(new Breaker(cb.getName(),
                cb.getTags().getOrDefault(dev.llmrouter.camel.routing.CircuitBreakers.TAG_MODEL, "*"),
                cb.getState().name(), cb.getMetrics().getFailureRate(), all.notPermittedCalls(cb), all.probeAt(cb))));
        return out;
    }

    /** {@code amount - spent - reserved}, never below zero. */
    private static BigDecimal remaining(BigDecimal amount, BigDecimal spent, BigDecimal reserved) {
        return amount.subtract(spent).subtract(reserved).max(BigDecimal.ZERO);
    }

    private static BigDecimal zero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "0" : Usd.text(v);
    }

    private record BudgetView(String budget, String scope, String scopeKey, Instant windowStart, boolean current, BigDecimal amount,
                              BigDecimal spent, BigDecimal reserved, BigDecimal remaining) {
    }
}
