package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Shared checks and rounding for ledger amounts (internal). */
public final class Amounts {

    private Amounts() {
    }

    static BigDecimal reservation(BigDecimal amount) {
        return nonNegative(amount, "amount").setScale(BudgetLedger.SCALE, RoundingMode.UP);
    }

    /** A cost as a ledger books it: at the ledger's scale, rounded half up; refuses a negative amount. */
    public static BigDecimal actual(BigDecimal amount) {
        return nonNegative(amount, "actual").setScale(BudgetLedger.SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal nonNegative(BigDecimal v, String name) {
        if (v == null || v.signum() < 0) {
            throw new IllegalArgumentException(name + " must be zero or positive USD, got " + v);
        }
        return v;
    }

    static BigDecimal remaining(BigDecimal limit, BigDecimal spent, BigDecimal reserved) {
        return limit.subtract(spent).subtract(reserved).max(BigDecimal.ZERO);
    }

    static void requireKey(String budget, String scopeKey, java.time.Instant windowStart) {
        if (budget == null || budget.isEmpty()) {
            throw new IllegalArgumentException("budget must not be empty");
        }
        if (scopeKey == null) {
            throw new IllegalArgumentException("scopeKey must not be null (use \"\" for no scope)");
        }
        if (windowStart == null) {
            throw new IllegalArgumentException("windowStart must not be null");
        }
    }
}
