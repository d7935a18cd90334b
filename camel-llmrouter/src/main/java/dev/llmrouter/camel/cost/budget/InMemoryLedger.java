package dev.llmrouter.camel.cost.budget;

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
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link BudgetLedger} in this JVM's memory: thread-safe, every change of a key is one atomic
 * {@link ConcurrentMap#compute} on its account (so the first reservations on a new key never race), lost on
 * restart. A reservation also holds the lock stripes of its keys, so a {@link #reserveAll nested} one checks and
 * books all its levels in one step. Each granted reservation is a lease that holds its amount until settled, released or expired
 * ({@link #renew renewal} extends it); {@code reserved} is the sum of the live leases, kept as a running total so
 * that a reservation or a settlement costs the same however many calls are in flight. Old windows are kept until
 * {@link #evictBefore(Instant)} drops them.
 */
public final class InMemoryLedger implements BudgetLedger {

    /** The lease of a reservation nobody renews: 10 minutes. */
    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(10);

    private record Key(String budget, String scopeKey, Instant windowStart) {
    }

    private record Lease(BigDecimal amount, long expiresAt) {
    }

    /**
     * Spent, and the leases by reservation id with their running total. Changed only inside
     * {@code accounts.compute} for its key and read under its own monitor; expired leases are dropped when a read or
     * a change finds that the earliest expiry has passed.
     */
    private static final class Account {
        private BigDecimal spent = BigDecimal.ZERO;
        private final Map<String, Lease> leases = new HashMap<>();
        /** The sum of every lease in {@link #leases}, expired or not. */
        private BigDecimal total = BigDecimal.ZERO;
        /** No lease in {@link #leases} expires before this (a lower bound; Long.MAX_VALUE without leases). */
        private long earliest = Long.MAX_VALUE;

        synchronized BigDecimal spent() {
            return spent;
        }

        synchronized BigDecimal reserved(long now) {
            dropExpired(now);
            return total;
        }

        synchronized boolean isIdle(long now) {
            dropExpired(now);
            return total.signum() == 0;
        }

        synchronized Lease lease(String id, long now) {
            dropExpired(now);
            return leases.get(id);
        }

        /** Adds {@code add} to spent and puts ({@code lease} not null) or drops the lease {@code id}. */
        synchronized Account with(BigDecimal add, String id, Lease lease, long now) {
            dropExpired(now);
            if (add != null) {
                spent = spent.add(add);
            }
            Lease old = lease == null ? leases.remove(id) : leases.put(id, lease);
            if (old != null) {
                total = total.subtract(old.amount);
            }
            if (lease != null) {
                total = total.add(lease.amount);
                earliest = Math.min(earliest, lease.expiresAt);
            }
            if (leases.isEmpty()) {
                total = BigDecimal.ZERO;
                earliest = Long.MAX_VALUE;
            }
            return this;
        }

        private void dropExpired(long now) {
            if (earliest > now) {
                return;
            }
            BigDecimal sum = BigDecimal.ZERO;
            long min = Long.MAX_VALUE;
            for (java.util.Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
                Lease l = it.next();
                if (l.expiresAt > now) {
                    sum = sum.add(l.amount);
                    min = Math.min(min, l.expiresAt);
                } else {
                    it.remove();
                }
            }
            total = sum;
            earliest = min;
        }
    }

    /** Reservation ids: unique in this ledger, without a SecureRandom draw per call. */
    private final String idPrefix = UUID.randomUUID() + "-";
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    private static final int STRIPES = 64;

    private final ConcurrentMap<Key, Account> accounts = new ConcurrentHashMap<>();
    /** Reservations of a key hold its stripe, so checking several levels and adding their leases is one step. */
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
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
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
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
        return reserveAll(List.of(new BudgetLevel(budget, scopeKey, windowStart, limit)), amount).get(0);
    }

    /**
     * Atomic over every level: the levels' lock stripes are taken in ascending order (so two nested reservations
     * never wait for each other in a cycle), every level is checked, and only when all fit is a lease added on each.
     */
    @Override
    public List<Reservation> reserveAll(List<BudgetLevel> levels, BigDecimal amount) {
        BudgetLevel.lockOrder(BudgetLedger.requireLevels(levels));
        BigDecimal a = Amounts.reservation(amount);
        Key[] keys = new Key[levels.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(levels.get(i));
        }
        int[] held = stripes(keys);
        for (int s : held) {
            stripes[s].lock();
        }
        try {
            long now = clock.millis();
            BigDecimal[] after = new BigDecimal[levels.size()];
            // every level is checked: the refusal names the first refusing level in the order given
            for (int i = 0; i < levels.size(); i++) {
                BudgetLevel l = levels.get(i);
                Account acc = accounts.get(keys[i]);
                BigDecimal spent = acc == null ? BigDecimal.ZERO : acc.spent();
                BigDecimal reserved = acc == null ? BigDecimal.ZERO : acc.reserved(now);
                after[i] = spent.add(reserved).add(a);
                if (after[i].compareTo(l.limit()) > 0) {
                    return List.of(new Reservation(nextId(), l.budget(), l.scopeKey(),
                            l.windowStart(), a, false, Amounts.remaining(l.limit(), spent, reserved)));
                }
            }
            Reservation[] granted = new Reservation[levels.size()];
            Lease lease = new Lease(a, now + leaseMillis);
            for (int i = 0; i < levels.size(); i++) {
                BudgetLevel l = levels.get(i);
                String id = nextId();
                accounts.compute(keys[i], (k, old) -> (old == null ? new Account() : old).with(null, id, lease, now));
                granted[i] = new Reservation(id, l.budget(), l.scopeKey(), l.windowStart(), a, true,
                        l.limit().subtract(after[i]));
            }
            return List.of(granted);
        } finally {
            for (int i = held.length - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    private static int stripe(Key k) {
        return Math.floorMod(k.hashCode(), STRIPES);
    }

    /** The distinct lock stripes of some keys, ascending. */
    private static int[] stripes(Key[] keys) {
        if (keys.length == 1) {
            return new int[] {stripe(keys[0])};
        }
        return java.util.Arrays.stream(keys).mapToInt(InMemoryLedger::stripe).distinct().sorted().toArray();
    }

    private String nextId() {
        return idPrefix + ids.incrementAndGet();
    }

    private static Key key(BudgetLevel l) {
        return new Key(l.budget(), l.scopeKey(), l.windowStart());
    }

    /** Books {@code actual} once and drops the lease; a lease that already expired holds nothing to drop. */
    @Override
    public void settle(Reservation r, BigDecimal actual) {
        BigDecimal value = Amounts.actual(actual);
        if (r == null || !r.markFinished()) {
            return;
        }
        long now = clock.millis();
        accounts.compute(key(r), (k, old) -> (old == null ? new Account() : old).with(value, r.id(), null, now));
    }

    @Override
    public void release(Reservation r) {
        if (r == null || !r.markFinished()) {
            return;
        }
        long now = clock.millis();
        accounts.computeIfPresent(key(r), (k, acc) -> acc.with(null, r.id(), null, now));
    }

    @Override
    public void renew(Collection<Reservation> open) {
        long now = clock.millis();
        for (Reservation r : open) {
            if (r == null || !r.isGranted() || r.isFinished()) {
                continue;
            }
            accounts.computeIfPresent(key(r), (k, acc) -> {
                Lease l = acc.lease(r.id(), now);
                return l == null ? acc : acc.with(null, r.id(), new Lease(l.amount, now + leaseMillis), now);
            });
        }
    }

    @Override
    public BigDecimal spent(String budget, String scopeKey, Instant windowStart) {
        Account acc = accounts.get(new Key(budget, scopeKey, windowStart));
        return acc == null ? BigDecimal.ZERO : acc.spent();
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
                        e.getValue().spent(), e.getValue().reserved(now)))
                .sorted(Comparator.comparing(LedgerRow::budget).thenComparing(LedgerRow::scopeKey)
                        .thenComparing(LedgerRow::windowStart))
                .toList();
    }

    /** Forgets keys whose window started before {@code cutoff} and that hold no live lease. */
    public void evictBefore(Instant cutoff) {
        long now = clock.millis();
        for (Key k : accounts.keySet()) {
            if (k.windowStart().isBefore(cutoff)) {
                accounts.computeIfPresent(k, (key, acc) -> acc.isIdle(now) ? null : acc);
            }
        }
    }

    private static Key key(Reservation r) {
        return new Key(r.budget(), r.scopeKey(), r.windowStart());
    }
}
