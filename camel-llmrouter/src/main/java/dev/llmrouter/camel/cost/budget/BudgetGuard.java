package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
     * Reserves {@code amount} on every level at once, all or none ({@link BudgetLedger#reserveAll}).
     *
     * @param budgets   the levels' budgets, in the order of option {@code budget}
     * @param scopeKeys each level's scope key ({@code ""} or null for none), same order
     * @return one granted reservation per level, same order
     * @throws BudgetExceededException naming the level that refused (nothing is then held on any level)
     */
    public List<Reservation> reserveAll(List<BudgetDefinition> budgets, List<String> scopeKeys, BigDecimal amount) {
        if (budgets.size() == 1) {
            return List.of(reserve(budgets.get(0), scopeKeys.get(0), amount));
        }
        Instant now = clock.instant();
        List<BudgetLevel> levels = new ArrayList<>();
        for (int i = 0; i < budgets.size(); i++) {
            BudgetDefinition b = budgets.get(i);
            String scope = scopeKeys.get(i) == null ? "" : scopeKeys.get(i);
            levels.add(new BudgetLevel(b.name(), scope, b.windowStart(now), b.amount()));
        }
        List<Reservation> rs = ledger.reserveAll(levels, amount);
        if (rs.size() == 1 && !rs.get(0).isGranted()) {
            Reservation r = rs.get(0);
            throw new BudgetExceededException(r.budget(), r.scopeKey(), r.remaining(), r.amount(),
                    budgets.stream().map(BudgetDefinition::name).toList());
        }
        return rs;
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
