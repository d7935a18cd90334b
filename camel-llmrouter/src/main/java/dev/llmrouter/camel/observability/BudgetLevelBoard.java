package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import dev.llmrouter.camel.LlmRouterBudget;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.cost.budget.BudgetDefinition;
import dev.llmrouter.camel.cost.budget.BudgetLedger;
import dev.llmrouter.camel.cost.budget.InMemoryLedger;
import dev.llmrouter.camel.cost.budget.LedgerRow;
import dev.llmrouter.camel.support.LedgerWriter;
import dev.llmrouter.camel.usage.CallEvent;
import dev.llmrouter.camel.usage.CallObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every budget level (budget name and scope key) a component has booked a call on, with its current window's spent,
 * reserved and remaining amounts, for the budget gauges and the {@code llmrouter-budgets} health check.
 * <p>
 * Levels are learnt from finished calls (a {@link CallObserver} reading {@code budgetLevels} of each usage record,
 * refused calls included). How the amounts are read depends on the ledger:
 * <ul>
 * <li>{@link InMemoryLedger}: read live from the ledger on every {@link #read}, two map lookups;</li>
 * <li>any other ledger (JDBC, custom): never read on the caller's thread. A read returns the row last read and,
 * when that row is older than {@link #maxAge} (or from a past window), asks for a refresh, which reads every
 * level's row on the component's ledger threads, one refresh at a time; so a scrape or a health check never waits
 * for the database, and the database sees at most one round of reads per {@link #maxAge} however often it is
 * scraped.</li>
 * </ul>
 */
public final class BudgetLevelBoard implements CallObserver {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetLevelBoard.class);
    /** How old a row read from an external ledger may be before a read asks for a fresh one. */
    static final Duration MAX_AGE = Duration.ofSeconds(2);
    /**
     * How many levels a component tracks at most: scope keys minted per message must not grow the board (and the
     * gauges) without bound. Levels past it are counted, not shown; the ledger still books them.
     */
    static final int MAX_LEVELS = 10_000;

    /** One level's window as last read: null amounts when the budget is no longer defined. */
    public record Row(Instant windowStart, String period, BigDecimal amount, BigDecimal spent, BigDecimal reserved,
               BigDecimal remaining, long readAtMillis) {
    }

    /** A budget level: the budget's name and the scope key ({@code ""} for a global level). */
    public static final class Level {
        private final String budget;
        private final String scopeKey;
        private volatile Row row;

        Level(String budget, String scopeKey) {
            this.budget = budget;
            this.scopeKey = scopeKey;
        }

        String budget() {
            return budget;
        }

        String scopeKey() {
            return scopeKey;
        }

        @Override
        public String toString() {
            return scopeKey.isEmpty() ? budget : budget + "[" + scopeKey + "]";
        }
    }

    private record Key(String budget, String scopeKey) {
    }

    private final LlmRouterComponent component;
    private final Clock clock;
    private final Duration maxAge;
    private final ConcurrentMap<Key, Level> levels = new ConcurrentHashMap<>();
    private final List<Consumer<Level>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicReference<CompletableFuture<Void>> refreshing = new AtomicReference<>();
    private final LongAdder untracked = new LongAdder();
    private final int maxLevels;
    /**
     * The level specs whose levels are all tracked: a call with one of them has nothing to learn, and its spec is
     * not split again. As bounded as the levels themselves.
     */
    private final java.util.Set<String> knownSpecs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public BudgetLevelBoard(LlmRouterComponent component) {
        this(component, Clock.systemUTC(), MAX_AGE, MAX_LEVELS);
    }

    public BudgetLevelBoard(LlmRouterComponent component, Clock clock, Duration maxAge, int maxLevels) {
        this.component = component;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxLevels = maxLevels;
    }

    /** How many times a call's level was not tracked because {@link #MAX_LEVELS} were tracked already. */
    public long untracked() {
        return untracked.sum();
    }

    /** Learns the levels of a finished call ({@code budget=key;budget=key}). */
    @Override
    public void onCall(CallEvent event) {
        String spec = event.usage().budgetLevels();
        if (closed || spec == null || spec.isEmpty() || knownSpecs.contains(spec)) {
            return;
        }
        boolean all = true;
        for (String part : spec.split(";")) {
            int eq = part.indexOf('=');
            String budget = eq < 0 ? part : part.substring(0, eq);
            String key = eq < 0 ? "" : part.substring(eq + 1);
            if (!budget.isEmpty() && track(budget, key) == null) {
                all = false;
            }
        }
        if (all && knownSpecs.size() < maxLevels) {
            knownSpecs.add(spec);
        }
    }

    /**
     * The level of {@code budget} and {@code scopeKey}, tracked from now on; listeners hear of a new one. Past
     * {@link #MAX_LEVELS} levels a new one is not tracked (null) and only counted in {@link #untracked()}.
     */
    public Level track(String budget, String scopeKey) {
        Key k = new Key(budget, scopeKey == null ? "" : scopeKey);
        Level known = levels.get(k);
        if (known != null) {
            return known;
        }
        if (levels.size() >= maxLevels) {
            untracked.increment();
            return null;
        }
        Level fresh = new Level(k.budget(), k.scopeKey());
        Level prior = levels.putIfAbsent(k, fresh);
        if (prior != null) {
            return prior;
        }
        for (Consumer<Level> l : listeners) {
            try {
                l.accept(fresh);
            } catch (RuntimeException e) {
                LOG.debug("A budget level listener failed: {}", e.toString());
            }
        }
        if (!inProcess()) {
            requestRefresh();
        }
        return fresh;
    }

    /** Tells {@code listener} of every level known now and of each one learnt later. */
    void onLevel(Consumer<Level> listener) {
        listeners.add(listener);
        levels().forEach(listener);
    }

    void removeListener(Consumer<Level> listener) {
        listeners.remove(listener);
    }

    /** Every level known, ordered by budget and scope key. */
    public List<Level> levels() {
        List<Level> out = new ArrayList<>(levels.values());
        out.sort(Comparator.comparing(Level::budget).thenComparing(Level::scopeKey));
        return out;
    }

    /** Whether amounts are read live (an in-memory ledger), rather than from the last refresh. */
    boolean inProcess() {
        return component.ledger() instanceof InMemoryLedger;
    }

    /**
     * The level's current window: read live from an in-memory ledger; otherwise the row last read (null before the
     * first read), asking for a refresh when it is older than {@link #maxAge} or from a past window. Never blocks on
     * an external ledger.
     */
    Row read(Level level) {
        if (inProcess()) {
            return readNow(level, component.ledger());
        }
        Row r = level.row;
        if (r == null || stale(level, r)) {
            requestRefresh();
        }
        return r;
    }

    /**
     * Every level's row, for the health check: live for an in-memory ledger; otherwise, when a row is missing or
     * old, a refresh is asked for and awaited at most {@code wait}, after which the rows last read are returned
     * as they are (a level never read has a null row).
     *
     * @return the levels with their rows, and whether some row could not be refreshed in time
     */
    public Snapshot snapshot(Duration wait) {
        List<Level> all = levels();
        boolean late = false;
        if (!inProcess() && all.stream().anyMatch(l -> l.row == null || stale(l, l.row))) {
            CompletableFuture<Void> f = requestRefresh();
            try {
                f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                late = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                late = true;
            } catch (ExecutionException e) {
                late = true;
            }
        }
        List<LevelRow> rows = new ArrayList<>();
        for (Level l : all) {
            Row r;
            try {
                r = inProcess() ? readNow(l, component.ledger()) : l.row;
            } catch (RuntimeException e) {
                r = null;
                late = true;
            }
            rows.add(new LevelRow(l, r));
        }
        return new Snapshot(rows, late);
    }

    /** A level with its row (null when never read). */
    public record LevelRow(Level level, Row row) {
    }

    /** The rows of every level; {@code late} when an external ledger did not answer within the wait. */
    public record Snapshot(List<LevelRow> rows, boolean late) {
    }

    /**
     * Starts a refresh of every level on the ledger threads unless one is running; returns the running one. A
     * refresh that cannot be started (no ledger threads, component stopped) completes at once, changing nothing.
     */
    CompletableFuture<Void> requestRefresh() {
        CompletableFuture<Void> running = refreshing.get();
        if (running != null) {
            return running;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!refreshing.compareAndSet(null, mine)) {
            CompletableFuture<Void> other = refreshing.get();
            return other != null ? other : CompletableFuture.completedFuture(null);
        }
        Runnable task = () -> {
            RuntimeException failure = null;
            try {
                refreshAll();
            } catch (RuntimeException e) {
                failure = e;
            }
            // cleared before it completes: whoever sees it completed may start the next refresh at once
            refreshing.compareAndSet(mine, null);
            if (failure == null) {
                mine.complete(null);
            } else {
                mine.completeExceptionally(failure);
            }
        };
        LedgerWriter writer = component.runtime().ledgerWriter();
        if (closed || writer == null || !writer.offer(task)) {
            refreshing.compareAndSet(mine, null);
            mine.complete(null);
        }
        return mine;
    }

    /** Reads the current row of every level never read or read too long ago (on a ledger thread). */
    void refreshAll() {
        BudgetLedger ledger = component.ledger();
        RuntimeException first = null;
        for (Level l : levels()) {
            if (closed) {
                return;
            }
            Row before = l.row;
            if (before != null && !stale(l, before)) {
                continue;
            }
            try {
                l.row = readNow(l, ledger);
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            LOG.debug("Reading budget levels from the ledger failed: {}", first.toString());
            throw first;
        }
    }

    private boolean stale(Level level, Row r) {
        long now = clock.millis();
        if (now - r.readAtMillis() >= maxAge.toMillis()) {
            return true;
        }
        BudgetDefinition def = definition(level.budget());
        return def != null && !def.windowStart(Instant.ofEpochMilli(now)).equals(r.windowStart());
    }

    private Row readNow(Level level, BudgetLedger ledger) {
        Instant now = clock.instant();
        BudgetDefinition def = definition(level.budget());
        if (def == null) {
            return new Row(null, null, null, BigDecimal.ZERO, BigDecimal.ZERO, null, now.toEpochMilli());
        }
        Instant window = def.windowStart(now);
        LedgerRow row = ledger.row(level.budget(), level.scopeKey(), window);
        BigDecimal spent = row.spent() == null ? BigDecimal.ZERO : row.spent();
        BigDecimal reserved = row.reserved() == null ? BigDecimal.ZERO : row.reserved();
        return new Row(window, def.period().name().toLowerCase(java.util.Locale.ROOT), def.amount(), spent, reserved,
                def.amount().subtract(spent).subtract(reserved).max(BigDecimal.ZERO), now.toEpochMilli());
    }

    private BudgetDefinition definition(String name) {
        try {
            LlmRouterBudget b = component.budgetDefinition(name);
            return b == null ? null : b.toDefinition(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Forgets every level and stops refreshing (the component stops). */
    public void close() {
        closed = true;
        listeners.clear();
        levels.clear();
        knownSpecs.clear();
    }
}
