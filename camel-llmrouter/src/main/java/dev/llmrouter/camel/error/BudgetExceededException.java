package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * A budget cannot cover the reservation a request needs: the budget's remaining amount in the current window is
 * smaller than the requested (worst-case) amount. Nothing was sent. Not retryable (the window must roll over or
 * the budget be raised).
 */
public class BudgetExceededException extends LlmRouterException {

    private final String budget;
    private final String scopeKey;
    private final BigDecimal remaining;
    private final BigDecimal requested;

    /**
     * @param budget    the budget's name
     * @param scopeKey  the scope the budget is counted per (e.g. a tenant or route); may be empty
     * @param remaining what is left in the current window, USD
     * @param requested the amount that was asked for, USD
     */
    public BudgetExceededException(String budget, String scopeKey, BigDecimal remaining, BigDecimal requested) {
        super(new ErrorInfo("Budget '" + budget + "' (scope '" + scopeKey + "') has " + Usd.format(remaining)
                + " remaining, less than the " + Usd.format(requested) + " this request may cost; nothing was sent",
                0, "budget_exceeded", Usd.metadata("budget", String.valueOf(budget), "scopeKey", String.valueOf(scopeKey),
                        "remaining", remaining, "requested", requested),
                null, null), false);
        this.budget = budget;
        this.scopeKey = scopeKey;
        this.remaining = remaining;
        this.requested = requested;
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
