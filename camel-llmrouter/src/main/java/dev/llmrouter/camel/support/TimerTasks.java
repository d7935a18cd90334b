package dev.llmrouter.camel.support;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The component's timer tasks (backoff waits, total timeouts, rate-limit waits) that have neither run nor been
 * cancelled. When the component stops they run at once, on the stopping thread: with the transport closed each one
 * fails its exchange, so no exchange is left waiting for a timer that no longer exists. (The tasks that
 * {@code ScheduledThreadPoolExecutor.shutdownNow()} hands back cannot serve for that: they cancel themselves when
 * run after shutdown.) A cancelled task leaves the set at once, so the set holds only what is really pending.
 */
public final class TimerTasks {

    private final Set<Task> pending = ConcurrentHashMap.newKeySet();

    public Future<?> schedule(ScheduledExecutorService timer, Runnable action, long delayMillis) {
        Task task = new Task(action, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis)));
        pending.add(task);
        try {
            task.future = timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            pending.remove(task);
            throw e;
        }
        return task;
    }

    /** Runs every pending task once, now, in the order they were due (a retry before the total timeout after it). */
    public void runPending() {
        List<Task> due = new java.util.ArrayList<>(pending);
        due.sort((a, b) -> Long.signum(a.dueAt - b.dueAt));
        for (Task task : due) {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the task's exchange has been told; the others must still run
            }
        }
    }

    int size() {
        return pending.size();
    }

    private final class Task implements Runnable, Future<Object> {
        private final Runnable action;
        private final long dueAt;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile ScheduledFuture<?> future;

        Task(Runnable action, long dueAt) {
            this.action = action;
            this.dueAt = dueAt;
        }

        @Override
        public void run() {
            if (settled.compareAndSet(false, true)) {
                pending.remove(this);
                action.run();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!settled.compareAndSet(false, true)) {
                return false;
            }
            cancelled = true;
            pending.remove(this);
            ScheduledFuture<?> f = future;
            if (f != null) {
                f.cancel(false);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return settled.get();
        }

        @Override
        public Object get() throws InterruptedException, ExecutionException {
            ScheduledFuture<?> f = future;
            return f == null ? null : f.get();
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            ScheduledFuture<?> f = future;
            return f == null ? null : f.get(timeout, unit);
        }
    }
}
