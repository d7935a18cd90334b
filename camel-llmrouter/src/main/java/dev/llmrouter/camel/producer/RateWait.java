package dev.llmrouter.camel.producer;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.error.LocalRateLimitException;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/**
 * {@code onRateLimited=wait} for one exchange: when the budget's rpm/tpm refuses the call in this minute, the
 * admission is tried again when the next minute starts, as a task on the component's timer that hands over to the
 * completion executor (no thread waits). Ends the exchange with the {@link LocalRateLimitException} when the next
 * try would start after {@code totalTimeout} (counted from the first refusal), or when the component stops (the
 * component keeps each waiting exchange in {@code rateWaits} for that).
 */
public final class RateWait {

    private final LlmRouterEndpoint endpoint;
    private final Exchange exchange;
    private final AsyncCallback callback;
    private final ChatRequest planned;
    private final Overrides overrides;
    private final Consumer<Bookkeeper.Entry> send;
    private final java.math.BigDecimal allowance;
    private final long started = System.nanoTime();
    private final long deadline;

    /**
     * @param send sends an admitted call; throws when the router refuses to start
     */
    public RateWait(LlmRouterEndpoint endpoint, Exchange exchange, AsyncCallback callback, ChatRequest planned,
             Overrides overrides, Consumer<Bookkeeper.Entry> send) {
        this(endpoint, exchange, callback, planned, overrides, null, send);
    }

    /**
     * As above, for a model call of an agent loop: {@code allowance} is what the loop has left of maxLoopCost (null
     * for none), checked again at each try.
     */
    public RateWait(LlmRouterEndpoint endpoint, Exchange exchange, AsyncCallback callback, ChatRequest planned,
             Overrides overrides, java.math.BigDecimal allowance, Consumer<Bookkeeper.Entry> send) {
        this.allowance = allowance;
        this.endpoint = endpoint;
        this.exchange = exchange;
        this.callback = callback;
        this.planned = planned;
        this.overrides = overrides;
        this.send = send;
        long total = endpoint.getConfiguration().getTotalTimeout();
        this.deadline = total > 0 ? started + TimeUnit.MILLISECONDS.toNanos(total) : Long.MAX_VALUE;
    }

    /** Schedules the next try after the refusal's retry delay, or ends the exchange when that is too late. */
    public void later(LocalRateLimitException refusal) {
        long delay = refusal.getRetryAfterMillis();
        if (deadline != Long.MAX_VALUE && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) - deadline > 0) {
            fail(refusal.because("the next minute starts after totalTimeout ("
                                 + endpoint.getConfiguration().getTotalTimeout() + " ms); nothing was sent"));
            return;
        }
        LlmRouterComponent component = endpoint.getComponent();
        LocalRateLimitException stopped = refusal.because("the component stopped while the call waited; nothing was"
                                                          + " sent");
        // whichever comes first, the next minute or the component's stop, ends this round of waiting
        AtomicBoolean claimed = new AtomicBoolean();
        Runnable onStop = () -> {
            if (claimed.compareAndSet(false, true)) {
                fail(stopped);
            }
        };
        component.runtime().rateWaits().add(onStop);
        try {
            component.runtime().schedule(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return;
                }
                component.runtime().rateWaits().remove(onStop);
                try {
                    component.runtime().completion().execute(this::retry);
                } catch (RejectedExecutionException e) {
                    fail(stopped);
                }
            }, delay);
        } catch (RejectedExecutionException e) {
            component.runtime().rateWaits().remove(onStop);
            onStop.run();
        }
    }

    private void retry() {
        Bookkeeper.Entry entry;
        try {
            entry = endpoint.callBook().open(exchange, planned, overrides, true, allowance);
        } catch (LocalRateLimitException e) {
            if (e.getRetryAfterMillis() >= 0) {
                later(e);
            } else {
                done(e);
            }
            return;
        } catch (RuntimeException e) {
            done(e);
            return;
        }
        try {
            send.accept(entry);
        } catch (RuntimeException e) {
            done(e);
        }
    }

    private void fail(LocalRateLimitException e) {
        try {
            endpoint.callBook().refused(exchange, planned, e, started);
        } finally {
            done(e);
        }
    }

    private void done(RuntimeException e) {
        ExchangeCompletion.fail(exchange, callback, null, e);
    }
}
