package dev.llmrouter.camel.transport;

/**
 * Sends HTTP calls without blocking the caller. Exactly one of the callback's methods runs, once: normally on the
 * transport's completion executor, so that no route processing runs on an I/O thread; on the caller's thread when
 * the call cannot even be sent (closed transport); on the thread at hand when the executor refuses work because it
 * is shutting down.
 */
public interface Transport extends AutoCloseable {

    /** Sends a call whose answer is read whole; the returned handle aborts it. */
    Cancellable send(HttpCall call, Callback callback);

    /**
     * Sends a call whose answer is a server-sent-event stream, delivered event by event to {@code listener} as it
     * arrives (see {@link StreamListener} for the threading). The returned handle aborts the stream and frees its
     * connection; a consumer that stops reading early must call it.
     */
    Cancellable stream(HttpCall call, StreamListener listener);

    /** Closes the client and its connections. */
    @Override
    void close();

    /** Receives the outcome of one call. */
    interface Callback {

        /**
         * The answer's status and headers have arrived (its body may still be on its way). Called on an I/O thread,
         * before {@link #onReply}; must return at once. Default: nothing.
         */
        default void onHead() {
        }

        /** Any HTTP answer, including error statuses. */
        void onReply(HttpReply reply);

        /** No HTTP answer: connection failure, timeout or cancellation, already mapped to a typed exception. */
        void onFailure(dev.llmrouter.camel.error.LlmRouterException failure);
    }
}
