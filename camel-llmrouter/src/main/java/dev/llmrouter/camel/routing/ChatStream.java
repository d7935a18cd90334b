package dev.llmrouter.camel.routing;

import java.io.Closeable;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Usage;

/**
 * A streamed answer: the content deltas in order, as an {@link Iterator} of Strings that blocks until the next
 * delta arrives. {@code split(body()).streaming()} in a route reads it delta by delta.
 * <ul>
 * <li>When the stream ends normally, {@link #hasNext()} returns false; usage, cost and finish reason are then
 * known ({@link #usage()}, {@link #cost()}, {@link #finishReason()}) and the end hooks have run.</li>
 * <li>When it fails after content has started (an error chunk, a connection cut before {@code [DONE]}, a
 * timeout), {@link #hasNext()} throws the failure: a truncated answer never looks like a complete one.</li>
 * <li>{@link #close()} stops reading early and frees the HTTP connection. A Camel exchange closes the stream it
 * carries when it completes.</li>
 * <li>A stream closed before anything read it (typically: the exchange completed first, as with
 * {@code ProducerTemplate.requestBody} or {@code send} on a {@code stream=true} endpoint, and the caller iterates
 * the body afterwards) throws an {@link IllegalStateException} from {@link #hasNext()} and {@link #next()}
 * instead of looking like an empty answer: read it inside the route with {@code split(body()).streaming()}, or
 * use option {@code streamTo}.</li>
 * </ul>
 * Read it either by iterating (one consumer thread) or with {@link #deliverTo}, not both.
 */
public final class ChatStream implements Iterator<String>, Closeable {

    private static final Object END = new Object();
    /** The answer starts over (streamRecovery=restart): what came before it is to be discarded. */
    private static final Object RESTART = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Runnable canceller;
    private final StringBuilder text = new StringBuilder();
    /** Every delta received so far (handed out or not): the prefill of a continuation. */
    private final StringBuilder pushed = new StringBuilder();
    /** How many deltas the iterator has handed out. */
    private volatile int handedOut;
    private volatile Runnable pushRestart;
    private final List<BiConsumer<ChatStream, LlmRouterException>> endHooks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean hooksRan = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();

    private volatile String generationId;
    private volatile String model;
    private volatile String provider;
    private volatile String finishReason;
    private volatile Usage usage;
    private volatile List<Attempt> attempts = List.of();
    private volatile BigDecimal earlierCost;
    private volatile String target;
    private volatile boolean complete;
    /** Set when the HTTP side has ended (done or failed): closing then has no connection to free. */
    private volatile boolean received;
    private volatile LlmRouterException failure;
    /** The answer assembled from the chunks, set when the stream ended with [DONE]. */
    private volatile ChatResponse response;
    /** Set once a reader started (iterating or {@link #deliverTo}). */
    private volatile boolean read;
    /** Set when the stream was closed before any reader started: reading it then is a mistake, not an empty answer. */
    private volatile boolean closedUnread;

    private String next;
    private volatile boolean ended;
    private volatile Executor pushExecutor;
    private volatile Consumer<String> pushConsumer;

    ChatStream(Runnable canceller) {
        this.canceller = canceller == null ? () -> { } : canceller;
    }

    // ---- fed by the reader of the HTTP stream ----

    void meta(String id, String servedModel, String servedProvider) {
        this.generationId = id;
        this.model = servedModel;
        this.provider = servedProvider;
    }

    void push(String delta) {
        synchronized (pushed) {
            pushed.append(delta);
        }
        queue.add(delta);
        signal();
    }

    /** The text received from the server so far, across rescues. */
    String received() {
        synchronized (pushed) {
            return pushed.toString();
        }
    }

    /** Another attempt takes over: the cancel now reaches its call. */
    void canceller(Runnable value) {
        this.canceller = value == null ? () -> { } : value;
    }

    /** A failed attempt's finish reason and usage do not belong to the answer that continues. */
    void rescued() {
        this.usage = null;
        this.finishReason = null;
    }

    /**
     * Whether the answer can still start over: always when pushed to a consumer (it is told to discard what it
     * had), only while nothing was handed out when iterated.
     */
    boolean canRestart() {
        return pushExecutor != null || (handedOut == 0 && next == null);
    }

    /** The answer starts over: the deltas received so far are dropped (an iterator that handed any out fails). */
    void restart() {
        synchronized (pushed) {
            pushed.setLength(0);
        }
        if (pushExecutor == null) {
            // deltas still queued never reach the reader
            queue.clear();
        }
        queue.add(RESTART);
        signal();
    }

    /** Whether {@link #close()} was called (the reader stopped: there is nobody to rescue the stream for). */
    boolean isClosed() {
        return closed.get();
    }

    void finishReason(String reason) {
        this.finishReason = reason;
    }

    void usage(Usage value) {
        this.usage = value;
    }

    /** The answer assembled from the chunks (everything but the text); set before {@link #finish}. */
    void response(ChatResponse assembled) {
        this.response = assembled;
    }

    void finish(String reason, Usage value) {
        if (reason != null) {
            finishReason = reason;
        }
        if (value != null) {
            usage = value;
        }
        received = true;
        queue.add(END);
        signal();
    }

    void fail(LlmRouterException e) {
        received = true;
        queue.add(new Failure(e));
        signal();
    }

    void routed(List<Attempt> allAttempts, BigDecimal costBefore, String servedBy) {
        this.attempts = allAttempts;
        this.earlierCost = costBefore;
        this.target = servedBy;
    }

    // ---- read by the route ----

    @Override
    public boolean hasNext() {
        if (closedUnread) {
            throw new IllegalStateException("This ChatStream was closed before anything read it: the exchange that"
                    + " carried it had completed (e.g. ProducerTemplate.requestBody or send with stream=true), which"
                    + " closes its stream. Read the deltas inside the route with split(body()).streaming(), or set"
                    + " option streamTo to receive each delta and get the whole text as the body");
        }
        if (!read) {
            read = true;
        }
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new RequestTimeoutException(ErrorInfo.of("Interrupted while waiting for the next delta", e));
            }
            if (item != RESTART) {
                return accept(item);
            }
            if (handedOut > 0) {
                // the route already processed part of the failed answer: it cannot start over
                LlmRouterException e = new dev.llmrouter.camel.error.MalformedResponseException(ErrorInfo.of(
                        "The stream failed after " + handedOut + " deltas had been handed out and cannot restart"
                        + " under split; use streamRecovery=continue or streamTo"));
                failure = e;
                ended = true;
                canceller.run();
                runHooks(e);
                throw e;
            }
            text.setLength(0);
        }
    }

    private boolean accept(Object item) {
        if (item instanceof String s) {
            next = s;
            return true;
        }
        ended = true;
        if (item instanceof Failure f) {
            failure = f.error();
            runHooks(f.error());
            throw f.error();
        }
        complete = !closed.get();
        runHooks(null);
        return false;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The stream has ended");
        }
        String s = next;
        next = null;
        text.append(s);
        handedOut++;
        return s;
    }

    /**
     * Delivers every delta to {@code consumer} on {@code executor}, in order and one at a time, instead of
     * iterating: nothing blocks while waiting for the next delta. Failures and the end arrive through
     * {@link #onEnd}.
     */
    public void deliverTo(Executor executor, Consumer<String> consumer) {
        deliverTo(executor, consumer, () -> { });
    }

    /**
     * As {@link #deliverTo(Executor, Consumer)}; {@code onRestart} runs, in order with the deltas, when the answer
     * starts over on another target or model (streamRecovery=restart): the deltas before it are to be discarded.
     */
    public void deliverTo(Executor executor, Consumer<String> consumer, Runnable onRestart) {
        // the consumer first: signal() reads the executor, then uses the consumer
        this.pushRestart = onRestart;
        this.pushConsumer = consumer;
        read = true;
        this.pushExecutor = executor;
        signal();
    }

    private void signal() {
        Executor executor = pushExecutor;
        if (executor == null || pending.getAndIncrement() != 0) {
            return;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            drain();
        }
    }

    private void drain() {
        int missed = 1;
        do {
            Object item;
            while (!ended && (item = queue.poll()) != null) {
                if (item instanceof String s) {
                    text.append(s);
                    try {
                        pushConsumer.accept(s);
                    } catch (RuntimeException e) {
                        close();
                        return;
                    }
                } else if (item == RESTART) {
                    text.setLength(0);
                    try {
                        pushRestart.run();
                    } catch (RuntimeException e) {
                        close();
                        return;
                    }
                } else {
                    try {
                        accept(item);
                    } catch (LlmRouterException e) {
                        // reported to the end hooks
                    }
                }
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Runs {@code hook} once when the stream ends: with null after a normal end or an early {@link #close()}
     * (then {@link #isComplete()} is false), or with the failure. A hook added after the end runs at once.
     */
    public void onEnd(BiConsumer<ChatStream, LlmRouterException> hook) {
        endHooks.add(hook);
        if (hooksRan.get() && endHooks.remove(hook)) {
            hook.accept(this, failure);
        }
    }

    private void runHooks(LlmRouterException error) {
        if (hooksRan.compareAndSet(false, true)) {
            for (BiConsumer<ChatStream, LlmRouterException> hook : endHooks) {
                if (endHooks.remove(hook)) {
                    try {
                        hook.accept(this, error);
                    } catch (RuntimeException e) {
                        // one failing hook must not keep the others (which complete exchanges) from running
                        org.slf4j.LoggerFactory.getLogger(ChatStream.class).warn("A stream end hook failed: {}",
                                e.toString());
                    }
                }
            }
        }
    }

    /** Stops reading: frees the HTTP connection; later reads see the end. Safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closedUnread = !read;
            if (!received) {
                // still reading from the server: abort the call and free its connection
                canceller.run();
            }
            ended = true;
            next = null;
            // wakes a reader blocked in hasNext() on another thread
            queue.add(END);
            runHooks(null);
        }
    }

    /** Whether the stream ended with {@code [DONE]} and was read to its end (closing it afterwards is fine). */
    public boolean isComplete() {
        return complete;
    }

    /** The failure that ended the stream, or null. */
    public LlmRouterException failure() {
        return failure;
    }

    /** The text delivered so far (all of it, once the stream has ended). */
    public String text() {
        return text.toString();
    }

    public String generationId() {
        return generationId;
    }

    public String model() {
        return model;
    }

    public String provider() {
        return provider;
    }

    /**
     * Once the stream has ended with {@code [DONE]}: the answer assembled from its chunks in the shape of a
     * non-streamed response (one choice; its message has tool calls merged from their fragments, annotations,
     * reasoning and {@code reasoning_details}, refusal, images, audio; the choice its finish reasons and log
     * probabilities; plus usage, system fingerprint, service tier and OpenRouter metadata). Its {@code content} is
     * null (the text is what the stream delivered, {@link #text()}), unless the server ignored {@code stream=true}
     * and sent the whole answer at once. Null before the end or after a failure.
     */
    public ChatResponse response() {
        return response;
    }

    /** The finish reason from the last chunk; null before the end. */
    public String finishReason() {
        return finishReason;
    }

    /** Usage from the final chunk; null before the end or when the server sent none. */
    public Usage usage() {
        return usage;
    }

    /** What this stream and the failed attempts before it cost, once usage has arrived; else what is known. */
    public BigDecimal cost() {
        BigDecimal own = usage == null ? null : usage.cost();
        BigDecimal before = earlierCost;
        if (own == null) {
            return before;
        }
        return before == null ? own : before.add(own);
    }

    /** The attempts that led to this stream, the serving one last. */
    public List<Attempt> attempts() {
        return attempts;
    }

    /** The name of the target that serves the stream. */
    public String target() {
        return target;
    }

    private record Failure(LlmRouterException error) {
    }
}
