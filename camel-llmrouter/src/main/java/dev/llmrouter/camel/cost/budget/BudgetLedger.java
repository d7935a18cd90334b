package dev.llmrouter.camel.cost.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Keeps spending per (budget, scope key, window). A request first reserves its worst-case cost; the reservation is
 * granted only if settled spending plus open reservations plus the amount stays within the limit, atomically with
 * respect to every other reservation on the same key. When the call ends the reservation is settled at the actual
 * cost (which may exceed the reserved amount; it is recorded as it is) or released when nothing was spent.
 * <p>
 * A granted reservation is a lease in ledgers that keep leases ({@link InMemoryLedger}, {@link JdbcLedger}): it
 * counts as reserved only until it expires, unless {@link #renew renewed} while its call is in flight; an expired
 * lease no longer holds anything, and settling it later still books the actual cost once.
 * <p>
 * Amounts are USD, stored with {@value #SCALE} decimals (reservations rounded up, settlements half-up).
 */
public interface BudgetLedger {

    /** Decimal places kept for amounts. */
    int SCALE = 12;

    /**
     * Holds {@code amount} against the key if it fits under {@code limit}.
     *
     * @return a granted reservation, or a refused one carrying the remaining amount
     */
    Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit, BigDecimal amount);

    /**
     * Holds {@code amount} on every level of a nested budget, all or none: either every level can take it and each
     * gets a granted reservation, or nothing stays held anywhere and the answer names the level that refused.
     * <p>
     * The answer is one reservation per level in the order of {@code levels} when all are granted; when a level
     * refuses it is a list of exactly one refused reservation (carrying what that level had left): the first level in
     * the order of {@code levels} that cannot hold the amount.
     * <p>
     * {@link InMemoryLedger} and {@link JdbcLedger} do this atomically (the JDBC ledger in one transaction that
     * locks the levels' rows in {@link BudgetLevel#LOCK_ORDER}). This default, for external ledgers, reserves the
     * levels one by one in the order given and releases what it took as soon as one refuses or fails (so a ledger
     * whose {@link #reserve} is atomic per key needs nothing more to stay within every limit): nothing stays held
     * after a refusal, but between the first grant and the release another call may see the lower levels fuller
     * than they end up, and be refused for it. A ledger that can do better should override it.
     *
     * @param levels the levels, each key at most once
     * @param amount the amount to hold on each level, USD
     * @throws IllegalArgumentException when {@code levels} is empty or names a key twice
     */
    default List<Reservation> reserveAll(List<BudgetLevel> levels, BigDecimal amount) {
        BudgetLevel.lockOrder(requireLevels(levels));
        Reservation[] granted = new Reservation[levels.size()];
        try {
            for (int i = 0; i < levels.size(); i++) {
                BudgetLevel l = levels.get(i);
                Reservation r = reserve(l.budget(), l.scopeKey(), l.windowStart(), l.limit(), amount);
                if (!r.isGranted()) {
                    releaseAll(granted);
                    return List.of(r);
                }
                granted[i] = r;
            }
        } catch (RuntimeException e) {
            try {
                releaseAll(granted);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
        return List.of(granted);
    }

    /** Checks that there is at least one level; returns them. */
    static List<BudgetLevel> requireLevels(List<BudgetLevel> levels) {
        if (levels == null || levels.isEmpty()) {
            throw new IllegalArgumentException("reserveAll needs at least one budget level");
        }
        return levels;
    }

    private void releaseAll(Reservation[] granted) {
        AllOf.apply(java.util.Arrays.asList(granted), this::release);
    }

    /** Replaces a granted reservation's held amount by the actual cost. Ignored for refused or finished ones. */
    void settle(Reservation reservation, BigDecimal actual);

    /**
     * Settles {@code r} at {@code actual} at most once per {@code settlementId}, whether or not {@code r} was
     * finished before: a second call with the same id (a replay after a lost acknowledgement) changes nothing. Used
     * by {@link JournaledLedger} to write journaled settlements exactly once. The default simply calls
     * {@link #settle} on a fresh copy of the reservation and is therefore not idempotent; ledgers that can fail
     * between applying and acknowledging a write ({@link JdbcLedger}) override it.
     */
    default void settleOnce(String settlementId, Reservation r, BigDecimal actual) {
        settle(new Reservation(r.id(), r.budget(), r.scopeKey(), r.windowStart(), r.amount(), true, null), actual);
    }

    /** Drops a granted reservation's held amount. Ignored for refused or finished ones. */
    void release(Reservation reservation);

    /**
     * Extends the leases of granted reservations whose calls are still in flight. A lease that has already expired
     * is not revived (its amount may have been granted to others since). Ledgers without leases ignore it.
     */
    default void renew(Collection<Reservation> open) {
    }

    /** Settled spending on the key, USD (zero when unknown). */
    BigDecimal spent(String budget, String scopeKey, Instant windowStart);

    /** Amount held by open reservations on the key, USD. */
    BigDecimal reserved(String budget, String scopeKey, Instant windowStart);

    /** {@code limit - spent - reserved}, never below zero. */
    default BigDecimal remaining(String budget, String scopeKey, Instant windowStart, BigDecimal limit) {
        return Amounts.remaining(limit, spent(budget, scopeKey, windowStart), reserved(budget, scopeKey, windowStart));
    }

    /**
     * One key's row: settled spending and what open reservations hold, read together (zeros for a key the ledger
     * does not hold). The default asks {@link #spent} and {@link #reserved}; a ledger that can read both at once
     * ({@link JdbcLedger}: one connection) overrides it. Used by the budget gauges and health check.
     */
    default LedgerRow row(String budget, String scopeKey, Instant windowStart) {
        return new LedgerRow(budget, scopeKey, windowStart, spent(budget, scopeKey, windowStart),
                reserved(budget, scopeKey, windowStart));
    }

    /** Every key the ledger holds, ordered by budget, scope key and window. */
    List<LedgerRow> snapshot();

    /**
     * Where the {@code rpm} and {@code tpm} limits of budgets booked on this ledger are counted, shared as widely
     * as the ledger itself; null (the default) when this ledger keeps none, and then a budget with rate limits
     * cannot be used with it.
     */
    default RateLimits rateLimits() {
        return null;
    }
}
