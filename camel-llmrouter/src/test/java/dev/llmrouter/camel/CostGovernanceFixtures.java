package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.function.BooleanSupplier;

import dev.llmrouter.camel.cost.budget.LedgerRow;
import org.apache.camel.Exchange;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Shared bits of the CostGovernance*Test classes. */
final class CostGovernanceFixtures {

    static final String MINI = "openai/gpt-4o-mini";
    static final String HAIKU = "anthropic/claude-haiku-4.5";
    static final String FREE = "mistralai/mistral-small-3.2-24b-instruct:free";
    static final String PROMPT = "Say hello to the budget";

    private CostGovernanceFixtures() {
    }

    /** What one call of {@link #PROMPT} to a model costs at worst and in fact, measured on an unbudgeted endpoint. */
    record Probe(BigDecimal estimate, BigDecimal cost) {
    }

    static Probe probe(CamelHarness camel, String options) {
        Exchange ex = camel.send(camel.chat(options + "&maxCostPerRequest=100"), PROMPT);
        assertNull(ex.getException(), () -> "probe failed: " + ex.getException());
        BigDecimal estimate = ex.getMessage().getHeader(LlmRouterConstants.ESTIMATED_COST, BigDecimal.class);
        BigDecimal cost = ex.getMessage().getHeader(LlmRouterConstants.COST, BigDecimal.class);
        assertNotNull(estimate, "estimate header");
        assertNotNull(cost, "cost header");
        return new Probe(estimate, cost);
    }

    /** The ledger row of a budget and scope key, or null. */
    static LedgerRow row(LlmRouterComponent component, String budget, String scopeKey) {
        return component.ledger().snapshot().stream()
                .filter(r -> r.budget().equals(budget) && r.scopeKey().equals(scopeKey))
                .findFirst().orElse(null);
    }

    static Throwable root(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static int cmp(BigDecimal a, BigDecimal b) {
        return a.compareTo(b);
    }
}
