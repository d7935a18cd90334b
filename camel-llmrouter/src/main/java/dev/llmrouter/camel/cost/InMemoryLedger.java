package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link BudgetLedger} in this JVM's memory: thread-safe, every change of a key is one atomic
 * {@link ConcurrentMap#compute} on an immutable value (so the first reservations on a new key never race), lost on
 * restart. Each granted reservation is a lease that holds its amount until settled, released or expired
 * ({@link #renew renewal} extends it); {@code reserved} is the sum of the live leases. Old windows are kept until
 * {@link #evictBefore(Instant)} drops them.
 */
public final class InMemoryLedger implements BudgetLedger {

    /** The lease of a reservation nobody renews: 10 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private record Key(String budget, String scopeKey, Instant windowStart) {
    }

    private record Lease(BigDecimal amount, long expiresAt) {
    }

    /** Spent, and the leases by reservation id (expired ones are dropped on the next change of the key). */
    private record Account(BigDecimal spent, Map<String, Lease> leases) {
        static final Account EMPTY = new Account(BigDecimal.ZERO, Map.of());

        BigDecimal reserved(long now) {
            BigDecimal sum = BigDecimal.ZERO;
            for (Lease l : leases.values()) {
                if (l.expiresAt > now) {
                    sum = sum.add(l.amount);
                }
            }
            return sum;
        }

        Account with(BigDecimal newSpent, String id, Lease lease, long now) {
            Map<String, Lease> live = new HashMap<>();
            leases.forEach((k, l) -> {
                if (l.expiresAt > now) {
                    live.put(k, l);
                }
            });
            if (lease == null) {
                live.remove(id);
            } else {
                live.put(id, lease);
            }
            return new Account(newSpent, Map.copyOf(live));
        }
    }

    private final ConcurrentMap<Key, Account> accounts = new ConcurrentHashMap<>();
    private final RateLimits rateLimits = new InMemoryRateLimits();
    private final long leaseMillis;
    private final Clock clock;

    /** A ledger whose leases last {@link #DEFAULT_LEASE} unless renewed. */
    public InMemoryLedger() {
        this(DEFAULT_LEASE, Clock.systemUTC());
    }

    /**
     * @param lease how long a reservation holds its amount unless renewed or finished
     * @param clock decides when a lease has expired
     */
    public InMemoryLedger(Duration lease, Clock clock) {
        this.leaseMillis = positive(lease).toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static Duration positive(Duration lease) {
        if (lease == null || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("The reservation lease must be more than 0 but was " + lease);
        }
        return lease;
    }

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
        String id = UUID.randomUUID().toString();
        Reservation[] result = new Reservation[1];
        long now = clock.millis();
        accounts.compute(new Key(budget, scopeKey, windowStart), (k, old) -> {
            Account acc = old == null ? Account.EMPTY : old;
            BigDecimal reserved = acc.reserved(now);
            BigDecimal after = acc.spent.add(reserved).add(a);
            if (after.compareTo(limit) > 0) {
                result[0] = new Reservation(id, budget, scopeKey, windowStart, a, false,
                        Amounts.remaining(limit, acc.spent, reserved));
                return acc;
            }
            result[0] = new Reservation(id, budget, scopeKey, windowStart, a, true, limit.subtract(after));
            return acc.with(acc.spent, id, new Lease(a, now + leaseMillis), now);
        });
        return result[0];
    }

    /** Books {@code actual} once and drops the lease; a lease that already expired holds nothing to drop. */
    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        if (r == null || !r.markFinished()) {
            return;
        }
        long now = clock.millis();
        accounts.compute(key(r), (k, old) -> {
            Account acc = old == null ? Account.EMPTY : old;
            return acc.with(acc.spent.add(value), r.id(), null, now);
        });
    }

    @Override
    public void release(Reservation r) {
        if (r == null || !r.markFinished()) {
            return;
        }
        long now = clock.millis();
        accounts.computeIfPresent(key(r), (k, acc) -> acc.with(acc.spent, r.id(), null, now));
    }

    @Override
    public void renew(Collection<Reservation> open) {
        long now = clock.millis();
        for (Reservation r : open) {
            if (r == null || !r.isGranted() || r.isFinished()) {
                continue;
            }
            accounts.computeIfPresent(key(r), (k, acc) -> {
                Lease l = acc.leases.get(r.id());
                return l == null || l.expiresAt <= now ? acc
                        : acc.with(acc.spent, r.id(), new Lease(l.amount, now + leaseMillis), now);
            });
        }
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        Account acc = accounts.get(new Key(budget, scopeKey, windowStart));
        return acc == null ? BigDecimal.ZERO : acc.spent;
    }

    @Override
    public BigDecimal reserved(String budget, String scopeKey, Instant windowStart) {
        Account acc = accounts.get(new Key(budget, scopeKey, windowStart));
        return acc == null ? BigDecimal.ZERO : acc.reserved(clock.millis());
    }

    @Override
    public List<LedgerRow> snapshot() {
        long now = clock.millis();
        return accounts.entrySet().stream()
                .map(e -> new LedgerRow(e.getKey().budget(), e.getKey().scopeKey(), e.getKey().windowStart(),
                        e.getValue().spent, e.getValue().reserved(now)))
                .sorted(Comparator.comparing(LedgerRow::budget).thenComparing(LedgerRow::scopeKey)
                        .thenComparing(LedgerRow::windowStart))
                .toList();
    }

    /** Forgets keys whose window started before {@code cutoff} and that hold no live lease. */
    public void evictBefore(Instant cutoff) {
        long now = clock.millis();
        for (Key k : accounts.keySet()) {
            if (k.windowStart().isBefore(cutoff)) {
                accounts.computeIfPresent(k, (key, acc) -> acc.reserved(now).signum() == 0 ? null : acc);
            }
        }
    }

    private static Key key(Reservation r) {
        return new Key(r.budget(), r.scopeKey(), r.windowStart());
    }
}
