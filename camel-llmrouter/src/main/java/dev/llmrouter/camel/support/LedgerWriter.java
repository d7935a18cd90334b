package dev.llmrouter.camel.support;

import java.math.BigDecimal;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.cost.budget.JournaledLedger;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * Writes settlements to a ledger that lives outside the JVM (JDBC or a custom one) off the completion threads, on a
 * few Camel-managed threads of its own, and replays the journal of settlements the ledger has not accepted yet: at
 * once when started, then on the component's timer, every {@value #IDLE_MILLIS} ms while nothing is pending and with
 * a doubling backoff from {@value #FIRST_BACKOFF_MILLIS} ms up to {@value #MAX_BACKOFF_MILLIS} ms while the ledger
 * keeps failing. A settlement the threads cannot take (queue full, component stopped) goes to the journal.
 */
public final class LedgerWriter {

    public static final long IDLE_MILLIS = 1_000;
    static final long FIRST_BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final int THREADS = 4;
    private static final int QUEUE = 10_000;

    private final LlmRouterComponent component;
    private final JournaledLedger ledger;
    private volatile ExecutorService executor;
    private volatile boolean running;
    private volatile long backoff = FIRST_BACKOFF_MILLIS;

    public LedgerWriter(LlmRouterComponent component, JournaledLedger ledger) {
        this.component = component;
        this.ledger = ledger;
    }

    public JournaledLedger ledger() {
        return ledger;
    }

    /** Creates the writer threads and replays the journal now. */
    public synchronized void start() {
        if (running) {
            return;
        }
        ThreadPoolProfile profile = new ThreadPoolProfile("LlmRouterLedger");
        profile.setPoolSize(THREADS);
        profile.setMaxPoolSize(THREADS);
        profile.setMaxQueueSize(QUEUE);
        profile.setAllowCoreThreadTimeOut(true);
        profile.setKeepAliveTime(60L);
        // a full queue must not run the write on the completion thread: the settlement is journaled instead
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
        executor = component.getCamelContext().getExecutorServiceManager().newThreadPool(component, "LlmRouterLedger",
                profile);
        running = true;
        backoff = FIRST_BACKOFF_MILLIS;
        schedule(0);
    }

    /** Stops the replay loop and lets the writes already handed over finish (what is not written stays journaled). */
    public synchronized void stop() {
        running = false;
        ExecutorService e = executor;
        executor = null;
        if (e != null) {
            component.getCamelContext().getExecutorServiceManager().shutdownGraceful(e);
        }
    }

    /**
     * Runs {@code write}, a settlement already in the journal, on the writer threads; returns false when they cannot
     * take it (the journal's next replay writes it then).
     */
    public boolean offer(Runnable write) {
        ExecutorService e = executor;
        if (e == null) {
            return false;
        }
        try {
            e.execute(write);
            return true;
        } catch (RejectedExecutionException x) {
            return false;
        }
    }

    private void schedule(long delayMillis) {
        if (!running) {
            return;
        }
        try {
            component.runtime().schedule(this::handOver, delayMillis);
        } catch (RejectedExecutionException e) {
            // the component is stopping: start() schedules again
        }
    }

    /** On the timer thread: only hands the replay to the writer threads. */
    private void handOver() {
        ExecutorService e = executor;
        if (!running || e == null) {
            return;
        }
        try {
            e.execute(this::replay);
        } catch (RejectedExecutionException x) {
            schedule(nextBackoff());
        }
    }

    private void replay() {
        boolean clean;
        try {
            clean = ledger.replay();
        } catch (RuntimeException e) {
            clean = false;
        }
        if (clean) {
            backoff = FIRST_BACKOFF_MILLIS;
            schedule(IDLE_MILLIS);
        } else {
            schedule(nextBackoff());
        }
    }

    private long nextBackoff() {
        long d = backoff;
        backoff = Math.min(MAX_BACKOFF_MILLIS, d * 2);
        return d;
    }
}
