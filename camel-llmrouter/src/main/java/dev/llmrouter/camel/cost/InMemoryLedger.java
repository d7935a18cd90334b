package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BudgetLedger} in this JVM's memory: thread-safe, every change of a key is one atomic
 * {@link ConcurrentMap#compute} on an immutable value, lost on restart. Old windows are kept until
 * {@link #evictBefore(Instant)} drops them.
 */
public final class InMemoryLedger implements BudgetLedger {

    private record Key(String budget, String scopeKey, Instant windowStart) {
    }

    private record Account(BigDecimal spent, BigDecimal reserved) {
        static final Account EMPTY = new Account(BigDecimal.ZERO, BigDecimal.ZERO);
    }

    private final ConcurrentMap<Key, Account> accounts = new ConcurrentHashMap<>();
    private final RateLimits rateLimits = new InMemoryRateLimits();

    /** Rate limits in this JVM's memory too. */
    @Override
    public RateLimits rateLimits() {
        return rateLimits;
    }

    @Override
    public Reservation reserve(String budget, String scopeKey, Instant windowStart, BigDecimal limit,
                               BigDecimal amount) {
        Amounts.requireKey(budget, scopeKey, windowStart);
        Amounts.nonNegative(limit, "limit");
        BigDecimal a = Amounts.reservation(amount);
        Reservation[] result = new Reservation[1];
        accounts.compute(new Key(budget, scopeKey, windowStart), (k, old) -> {
            Account acc = old == null ? Account.EMPTY : old;
            BigDecimal after = acc.spent.add(acc.reserved).add(a);
            if (after.compareTo(limit) > 0) {
                result[0] = new Reservation(budget, scopeKey, windowStart, a, false,
                        Amounts.remaining(limit, acc.spent, acc.reserved));
                return acc;
            }
            result[0] = new Reservation(budget, scopeKey, windowStart, a, true, limit.subtract(after));
            return new Account(acc.spent, acc.reserved.add(a));
        });
        return result[0];
    }

    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        if (r == null || !r.markFinished()) {
            return;
        }
        accounts.compute(key(r), (k, old) -> {
            Account acc = old == null ? Account.EMPTY : old;
            return new Account(acc.spent.add(value), acc.reserved.subtract(r.amount()).max(BigDecimal.ZERO));
        });
    }

    @Override
    public void release(Reservation r) {
        if (r == null || !r.markFinished()) {
            return;
        }
        accounts.computeIfPresent(key(r),
                (k, acc) -> new Account(acc.spent, acc.reserved.subtract(r.amount()).max(BigDecimal.ZERO)));
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        Account acc = accounts.get(new Key(budget, scopeKey, windowStart));
        return acc == null ? BigDecimal.ZERO : acc.spent;
    }

    @Override
    public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
        Account acc = accounts.get(new Key(budget, scopeKey, windowStart));
        return acc == null ? BigDecimal.ZERO : acc.reserved;
    }

    @Override
    public List<LedgerRow> snapshot() {
        return accounts.entrySet().stream()
                .map(e -> new LedgerRow(e.getKey().budget(), e.getKey().scopeKey(), e.getKey().windowStart(),
                        e.getValue().spent, e.getValue().reserved))
                .sorted(Comparator.comparing(LedgerRow::budget).thenComparing(LedgerRow::scopeKey)
                        .thenComparing(LedgerRow::windowStart))
                .toList();
    }

    /** Forgets keys whose window started before {@code cutoff} and that hold no open reservation. */
    public void evictBefore(Instant cutoff) {
        for (Key k : accounts.keySet()) {
            if (k.windowStart().isBefore(cutoff)) {
                accounts.computeIfPresent(k, (key, acc) -> acc.reserved.signum() == 0 ? null : acc);
            }
        }
    }

    private static Key key(Reservation r) {
        return new Key(r.budget(), r.scopeKey(), r.windowStart());
    }
}
