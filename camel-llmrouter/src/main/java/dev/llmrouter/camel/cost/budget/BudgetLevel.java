package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One level of a nested budget as a ledger sees it: the key (budget name, scope key, window) and the limit of that
 * window. {@link BudgetLedger#reserveAll} reserves one amount on several levels at once, all or none.
 *
 * @param budget      the budget name
 * @param scopeKey    the scope key on this level ({@code ""} for a global budget)
 * @param windowStart the start of the level's current window
 * @param limit       the level's amount per window, USD
 */
public record BudgetLevel(String budget, String scopeKey, Instant windowStart, BigDecimal limit) {

    /**
     * The order in which ledgers lock levels: by budget, scope key, then window. Every multi-level reservation takes
     * its locks in this order, so two of them can never wait for each other in a cycle.
     */
    public static final Comparator<BudgetLevel> LOCK_ORDER = Comparator.comparing(BudgetLevel::budget)
            .thenComparing(BudgetLevel::scopeKey).thenComparing(BudgetLevel::windowStart);

    /** Validates the key and the limit. */
    public BudgetLevel {
        Amounts.requireKey(budget, scopeKey, windowStart);
        Amounts.nonNegative(limit, "limit");
    }

    /** The positions of {@code levels} in {@link #LOCK_ORDER}; fails when two levels have the same key. */
    static int[] lockOrder(List<BudgetLevel> levels) {
        if (levels.size() == 1) {
            return new int[] {0};
        }
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            idx.add(i);
        }
        idx.sort((a, b) -> LOCK_ORDER.compare(levels.get(a), levels.get(b)));
        for (int i = 1; i < idx.size(); i++) {
            if (LOCK_ORDER.compare(levels.get(idx.get(i - 1)), levels.get(idx.get(i))) == 0) {
                throw new IllegalArgumentException("budget '" + levels.get(idx.get(i)).budget()
                        + "' appears twice with scope key '" + levels.get(idx.get(i)).scopeKey() + "'");
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }
}
