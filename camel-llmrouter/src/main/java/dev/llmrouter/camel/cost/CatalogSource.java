package dev.llmrouter.camel.cost;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.wire.ModelInfo;

/**
 * Holds the current {@link PricingCatalog} and refreshes it lazily: an access after the refresh interval has
 * passed starts one refresh (never two at once; concurrent callers keep getting the previous catalog meanwhile).
 * A failed refresh keeps serving the last good catalog and is tried again after the retry delay. No background
 * thread is used; the clock is injectable for tests.
 * <p>
 * With a blocking loader ({@link #of}) the refresh runs on the calling thread. With an asynchronous loader
 * ({@link #ofAsync}) the caller that starts the refresh returns the previous catalog at once and the new one is
 * swapped in when the future completes. The very first load (no catalog yet, none given as initial) always waits
 * for the answer and throws {@link LlmRouterException} if it fails.
 */
public final class CatalogSource {

    private final Supplier<CompletableFuture<PricingCatalog>> loader;
    private final Duration refreshInterval;
    private final Duration retryDelay;
    private final Clock clock;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final Object firstLoad = new Object();

    private volatile PricingCatalog current;
    private volatile Instant loadedAt;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile Throwable lastError;

    private CatalogSource(Builder b) {
        this.loader = Objects.requireNonNull(b.loader, "loader");
        this.refreshInterval = positive(b.refreshInterval, "refreshInterval");
        this.retryDelay = positive(b.retryDelay == null ? b.refreshInterval : b.retryDelay, "retryDelay");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.current = b.initial;
    }

    private static Duration positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
        return d;
    }

    /** A source with a blocking loader (e.g. a call of {@code GET /models}), refreshed every {@code interval}. */
    public static CatalogSource of(Supplier<List<ModelInfo>> loader, Duration interval) {
        return builder(loader).refreshInterval(interval).build();
    }

    /** A source with an asynchronous loader, refreshed every {@code interval}. */
    public static CatalogSource ofAsync(Supplier<CompletableFuture<List<ModelInfo>>> loader, Duration interval) {
        return asyncBuilder(loader).refreshInterval(interval).build();
    }

    /** Starts configuring a source with a blocking loader. */
    public static Builder builder(Supplier<List<ModelInfo>> loader) {
        Objects.requireNonNull(loader, "loader");
        return new Builder(() -> {
            try {
                return CompletableFuture.completedFuture(PricingCatalog.of(loader.get()));
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Starts configuring a source with an asynchronous loader. */
    public static Builder asyncBuilder(Supplier<CompletableFuture<List<ModelInfo>>> loader) {
        Objects.requireNonNull(loader, "loader");
        return new Builder(() -> {
            try {
                return loader.get().thenApply(PricingCatalog::of);
            } catch (RuntimeException | Error e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /**
     * The catalog to use now: refreshed first when due (see the class description), else the last good one.
     *
     * @throws LlmRouterException when no catalog was ever loaded and loading fails
     */
    public PricingCatalog catalog() {
        PricingCatalog c = current;
        if (c == null) {
            return loadFirst();
        }
        if (!clock.instant().isBefore(nextAttempt)) {
            refresh(false);
        }
        return current;
    }

    /**
     * The catalog to use now, without ever waiting for an asynchronous load: when none has been loaded yet, a load
     * is started (if due) and a retryable {@link LlmRouterException} says the prices are not there yet. For the
     * path of a call, where a thread must not wait on an answer that may need that very thread.
     *
     * @throws LlmRouterException when no catalog has been loaded yet
     */
    public PricingCatalog catalogWithoutWaiting() {
        PricingCatalog c = current;
        if (c == null) {
            if (!clock.instant().isBefore(nextAttempt)) {
                refresh(false);
            }
            c = current;
            if (c == null) {
                Throwable e = lastError;
                throw new LlmRouterException(ErrorInfo.of("The pricing catalog is not loaded yet"
                        + (e == null ? " (loading)" : "; the last attempt failed: " + e.getMessage()), e), true);
            }
            return c;
        }
        if (!clock.instant().isBefore(nextAttempt)) {
            refresh(false);
        }
        return current;
    }

    /** Starts a refresh now unless one is running; waits for it only when the loader is blocking. */
    public void refreshNow() {
        refresh(false);
    }

    /** When the catalog in use was loaded; null before the first successful load (or for an initial catalog). */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** The failure of the latest refresh, or null when it succeeded. */
    public Throwable lastError() {
        return lastError;
    }

    private PricingCatalog loadFirst() {
        synchronized (firstLoad) {
            if (current == null) {
                CompletableFuture<Void> done = refresh(true);
                if (done != null) {
                    done.join();
                }
                if (current == null) {
                    Throwable e = lastError;
                    throw new LlmRouterException(ErrorInfo.of("The pricing catalog could not be loaded: "
                            + (e == null ? "no answer" : e.getMessage()), e), true);
                }
            }
            return current;
        }
    }

    /** Starts a refresh if none is running; returns its completion (never failing), or null if one was running. */
    private CompletableFuture<Void> refresh(boolean first) {
        if (!refreshing.compareAndSet(false, true)) {
            return null;
        }
        CompletableFuture<PricingCatalog> f;
        try {
            f = loader.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        if (f == null) {
            f = CompletableFuture.failedFuture(new IllegalStateException("the catalog loader returned null"));
        }
        return f.handle((catalog, error) -> {
            Instant now = clock.instant();
            if (error == null && catalog != null) {
                current = catalog;
                loadedAt = now;
                lastError = null;
                nextAttempt = now.plus(refreshInterval);
            } else {
                lastError = unwrap(error);
                nextAttempt = now.plus(retryDelay);
            }
            refreshing.set(false);
            return null;
        });
    }

    private static Throwable unwrap(Throwable e) {
        if (e instanceof CompletionException && e.getCause() != null) {
            return e.getCause();
        }
        return e == null ? new IllegalStateException("the catalog loader returned no catalog") : e;
    }

    /** Configures a {@link CatalogSource}. */
    public static final class Builder {
        private final Supplier<CompletableFuture<PricingCatalog>> loader;
        private Duration refreshInterval = Duration.ofHours(1);
        private Duration retryDelay;
        private Clock clock = Clock.systemUTC();
        private PricingCatalog initial;

        private Builder(Supplier<CompletableFuture<PricingCatalog>> loader) {
            this.loader = loader;
        }

        /** How long a loaded catalog is used before the next access refreshes it; default one hour. */
        public Builder refreshInterval(Duration value) {
            this.refreshInterval = value;
            return this;
        }

        /** How long to wait after a failed refresh before trying again; default the refresh interval. */
        public Builder retryDelay(Duration value) {
            this.retryDelay = value;
            return this;
        }

        /** The clock deciding when a refresh is due; default UTC system clock. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * A catalog to serve until the first load succeeds (e.g. one bundled with the application); the first
         * access then tries a refresh but never fails.
         */
        public Builder initial(PricingCatalog value) {
            this.initial = value;
            return this;
        }

        /** The configured source. */
        public CatalogSource build() {
            return new CatalogSource(this);
        }
    }
}
