package dev.llmrouter.camel.transport;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.LlmRouterException;

/**
 * Delivers the signals of one stream to its {@link StreamListener} in order, one at a time and never re-entrantly,
 * whichever threads raise them (the I/O thread, a thread that cancels, a listener calling cancel from a callback).
 * The thread that finds the queue idle delivers; a signal raised meanwhile, even from inside a callback, is queued
 * and delivered by that same thread after the current callback returns. The first terminal signal wins; nothing
 * is delivered after it.
 */
final class StreamSignals {

    private final StreamListener listener;
    private final HttpCall call;
    private final Runnable abort;
    private final Queue<Signal> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean terminated = new AtomicBoolean();
    // only touched by the delivering thread, which the pending counter makes exclusive
    private boolean delivered;

    /**
     * @param listener where the signals go
     * @param call     the call, for messages
     * @param abort    aborts the exchange when a listener callback throws
     */
    StreamSignals(StreamListener listener, HttpCall call, Runnable abort) {
        this.listener = listener;
        this.call = call;
        this.abort = abort;
    }

    /** True once a terminal signal was accepted (it may still be on its way to the listener). */
    boolean isTerminated() {
        return terminated.get();
    }

    void open(HttpReply head) {
        if (!terminated.get()) {
            submit(new Signal(false, l -> l.onOpen(head)));
        }
    }

    void data(String data) {
        if (!terminated.get()) {
            submit(new Signal(false, l -> l.onData(data)));
        }
    }

    void reply(HttpReply reply) {
        if (terminated.compareAndSet(false, true)) {
            submit(new Signal(true, l -> l.onReply(reply)));
        }
    }

    void done() {
        if (terminated.compareAndSet(false, true)) {
            submit(new Signal(true, StreamListener::onDone));
        }
    }

    /** The stream ended without {@code [DONE]} (see {@link StreamListener#onEndWithoutDone}). */
    void endedWithoutDone(LlmRouterException failure) {
        if (terminated.compareAndSet(false, true)) {
            submit(new Signal(true, l -> l.onEndWithoutDone(failure)));
        }
    }

    void fail(LlmRouterException failure) {
        if (terminated.compareAndSet(false, true)) {
            submit(new Signal(true, l -> l.onFailure(failure)));
        }
    }

    private void submit(Signal signal) {
        queue.add(signal);
        if (pending.getAndIncrement() != 0) {
            return; // another thread (or an outer frame of this one) is delivering and will pick it up
        }
        int missed = 1;
        do {
            Signal next;
            while ((next = queue.poll()) != null) {
                deliver(next);
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    private void deliver(Signal signal) {
        if (delivered) {
            return; // a terminal signal went out: a late open or data raced with it
        }
        delivered = signal.terminal;
        try {
            signal.action.accept(listener);
        } catch (RuntimeException e) {
            if (!signal.terminal) {
                // the listener cannot take the stream: end it, and say why
                fail(new ConnectionFailedException(ErrorInfo.of(
                        "The stream listener of " + call + " failed (" + e.getClass().getSimpleName() + ")", e)));
                abort.run();
            }
            // a terminal callback that throws has nobody left to tell
        }
    }

    private record Signal(boolean terminal, Consumer<StreamListener> action) {
    }
}
