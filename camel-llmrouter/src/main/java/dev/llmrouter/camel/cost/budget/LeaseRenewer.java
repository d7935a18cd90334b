package dev.llmrouter.camel.cost.budget;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the leases of in-flight reservations alive: calls {@link #track} a granted reservation when they start; every
 * {@code period} one task (never a thread per call) renews every tracked reservation that is not finished yet, in
 * one {@link BudgetLedger#renew} call. A reservation stops being renewed once it is settled or released, or when
 * its call ends ({@link #untrack}) even if the ledger could not take the settlement: then its lease runs out. The task is armed on the given timer only while something is tracked, and the
 * renewal itself (ledger I/O) runs on the given worker, never on the timer thread.
 */
public final class LeaseRenewer {

    /** Runs a task once after a delay (the component's timer); may throw when the component is stopped. */
    @FunctionalInterface
    public interface Timer {
        /** Schedules {@code task} to run once after {@code delayMillis}. */
        void schedule(Runnable task, long delayMillis);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LeaseRenewer.class);

    private final BudgetLedger ledger;
    private final long periodMillis;
    private final Timer timer;
    private final Executor worker;
    private final Set<Reservation> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean armed = new AtomicBoolean();

    /**
     * @param ledger the ledger the reservations came from
     * @param lease  the lease; renewals happen every third of it
     * @param timer  arms the next renewal
     * @param worker runs the renewal
     */
    public LeaseRenewer(BudgetLedger ledger, Duration lease, Timer timer, Executor worker) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.periodMillis = Math.max(1, InMemoryLedger.positive(lease).toMillis() / 3);
        this.timer = Objects.requireNonNull(timer, "timer");
        this.worker = Objects.requireNonNull(worker, "worker");
    }

    /** Renews {@code r} until it is settled or released; ignores null, refused and finished reservations. */
    public void track(Reservation r) {
        if (r == null || !r.isGranted() || r.isFinished()) {
            return;
        }
        open.add(r);
        arm();
    }

    /** Stops renewing {@code r}: its call has ended, whether or not the ledger took the settlement. */
    public void untrack(Reservation r) {
        if (r != null) {
            open.remove(r);
        }
    }

    /** How many reservations are renewed now (for tests and the console). */
    public int tracked() {
        open.removeIf(Reservation::isFinished);
        return open.size();
    }

    /** Milliseconds between renewals. */
    public long periodMillis() {
        return periodMillis;
    }

    /** Renews every tracked, unfinished reservation now, on the calling thread. */
    public void renewNow() {
        open.removeIf(Reservation::isFinished);
        List<Reservation> live = List.copyOf(open);
        if (live.isEmpty()) {
            return;
        }
        try {
            ledger.renew(live);
        } catch (RuntimeException e) {
            LOG.warn("Renewing {} budget reservation lease(s) failed: {}", live.size(), e.toString());
        }
    }

    private void arm() {
        if (armed.compareAndSet(false, true)) {
            try {
                timer.schedule(this::due, periodMillis);
            } catch (RuntimeException e) {
                // the component is stopped: the next track arms again
                armed.set(false);
            }
        }
    }

    private void due() {
        try {
            worker.execute(this::run);
        } catch (RuntimeException e) {
            armed.set(false);
        }
    }

    private void run() {
        try {
            renewNow();
        } finally {
            armed.set(false);
            if (tracked() > 0) {
                arm();
            }
        }
    }
}
