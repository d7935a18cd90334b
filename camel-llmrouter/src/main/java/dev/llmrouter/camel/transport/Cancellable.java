package dev.llmrouter.camel.transport;

/** A handle on a call in flight. Cancelling a call that has already finished does nothing. */
@FunctionalInterface
public interface Cancellable {

    /** A handle for a call that was never started. */
    Cancellable NONE = () -> {
    };

    /** Aborts the call and releases its connection; the call's callback then reports a failure (once). */
    void cancel();
}
