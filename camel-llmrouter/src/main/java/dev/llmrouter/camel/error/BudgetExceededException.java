package dev.llmrouter.camel.error;

import java.math.BigDecimal;
import java.util.List;

/**
 * A budget cannot cover the reservation a request needs: the budget's remaining amount in the current window is
 * smaller than the requested (worst-case) amount. Nothing was sent. Not retryable (the window must roll over or
 * the budget be raised).
 * <p>
 * With nested budgets (option {@code budget=tenant,team,global}) the refusing level is named: {@link #getLevel()}
 * is that budget's name, {@link #getLevels()} every level the call was to be booked on, and the message says which
 * of them refused and what it had left. Nothing is held on any level after a refusal.
 */
public class BudgetExceededException extends LlmRouterException {

    private final String budget;
    private final String scopeKey;
    private final BigDecimal remaining;
    private final BigDecimal requested;
    private final List<String> levels;

    /**
     * @param budget    the budget's name
     * @param scopeKey  the scope the budget is counted per (e.g. a tenant or route); may be empty
     * @param remaining what is left in the current window, USD
     * @param requested the amount that was asked for, USD
     */
    public BudgetExceededException(String budget, String scopeKey, BigDecimal remaining, BigDecimal requested) {
        this(budget, scopeKey, remaining, requested, List.of(String.valueOf(budget)));
    }

    /**
     * A refusal by one level of nested budgets.
     *
     * @param budget    the refusing level's budget name
     * @param scopeKey  the scope key on that level; may be empty
     * @param remaining what that level had left in its current window, USD
     * @param requested the amount that was asked for on every level, USD
     * @param levels    every budget the call was to be booked on, in the order of option {@code budget}
     */
    public BudgetExceededException(String budget, String scopeKey, BigDecimal remaining, BigDecimal requested,
                                   List<String> levels) {
        super(new ErrorInfo(message(budget, scopeKey, remaining, requested, levels), 0, "budget_exceeded",
                Usd.metadata("budget", String.valueOf(budget), "scopeKey", String.valueOf(scopeKey),
                        "remaining", remaining, "requested", requested),
                null, null), false);
        this.budget = budget;
        this.scopeKey = scopeKey;
        this.remaining = remaining;
        this.requested = requested;
        this.levels = levels == null || levels.isEmpty() ? List.of(String.valueOf(budget)) : List.copyOf(levels);
    }

    private static String message(String budget, String scopeKey, BigDecimal remaining, BigDecimal requested,
                                  List<String> levels) {
        String level = levels == null || levels.size() < 2 ? ""
                : ", level " + (levels.indexOf(budget) + 1) + " of " + levels.size() + " " + levels
                  + ", refused; nothing was reserved on any level";
        return "Budget '" + budget + "' (scope '" + scopeKey + "'" + level + ") has " + Usd.format(remaining)
               + " remaining, less than the " + Usd.format(requested) + " this request may cost; nothing was sent";
    }

    /** A refusal is a decision, not a crash: no stack trace is taken (it would explain nothing). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The budget's name. */
    public String getBudget() {
        return budget;
    }

    /** The level that refused: the budget's name (the same as {@link #getBudget()}). */
    public String getLevel() {
        return budget;
    }

    /** Every level the call was to be booked on, in the order of option {@code budget} (one for a single budget). */
    public List<String> getLevels() {
        return levels;
    }

    /** The scope key the budget was counted for. */
    public String getScopeKey() {
        return scopeKey;
    }

    /** The remaining amount in USD at the time of refusal. */
    public BigDecimal getRemaining() {
        return remaining;
    }

    /** The requested amount in USD. */
    public BigDecimal getRequested() {
        return requested;
    }
}
