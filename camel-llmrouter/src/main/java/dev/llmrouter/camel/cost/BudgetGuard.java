package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

import dev.llmrouter.camel.error.BudgetExceededException;

/**
 * Applies {@link BudgetDefinition}s to a {@link BudgetLedger}: finds the current window with the clock and throws
 * {@link BudgetExceededException} when a reservation is refused.
 */
public final class BudgetGuard {

    private final BudgetLedger ledger;
    private final Clock clock;

    /**
     * @param ledger where spending is kept
     * @param clock  decides the current window
     */
    public BudgetGuard(BudgetLedger ledger, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reserves {@code amount} on the budget's current window for {@code scopeKey} ({@code ""} for none).
     *
     * @return the granted reservation, to settle or release when the call ends
     * @throws BudgetExceededException when the amount does not fit
     */
    public Reservation reserve(BudgetDefinition budget, String scopeKey, BigDecimal amount) {
        String scope = scopeKey == null ? "" : scopeKey;
        Reservation r = ledger.reserve(budget.name(), scope, budget.windowStart(clock.instant()), budget.amount(),
                amount);
        if (!r.isGranted()) {
            throw new BudgetExceededException(budget.name(), scope, r.remaining(), r.amount());
        }
        return r;
    }

    /**
     * A reservation of nothing on the budget's current window, for a call admitted while the ledger is down
     * ({@code ledgerFailure=failOpen}): settling it books the real cost without returning any held amount.
     */
    public Reservation unreserved(BudgetDefinition budget, String scopeKey) {
        return new Reservation(budget.name(), scopeKey == null ? "" : scopeKey, budget.windowStart(clock.instant()),
                BigDecimal.ZERO, true, null);
    }

    /** What is left of the budget's current window for {@code scopeKey}. */
    public BigDecimal remaining(BudgetDefinition budget, String scopeKey) {
        return ledger.remaining(budget.name(), scopeKey == null ? "" : scopeKey,
                budget.windowStart(clock.instant()), budget.amount());
    }

    /** The ledger in use. */
    public BudgetLedger ledger() {
        return ledger;
    }
}
