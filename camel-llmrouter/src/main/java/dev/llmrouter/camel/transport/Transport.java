package dev.llmrouter.camel.transport;

/**
 * Sends HTTP calls without blocking the caller. Exactly one of the callback's methods runs, once, on the
 * transport's completion executor (never on the caller's thread after {@link #send} returned, and never on an
 * I/O thread).
 */
public interface Transport extends AutoCloseable {

    void send(HttpCall call, Callback callback);

    /** Closes the client and its connections. */
    @Override
    void close();

    /** Receives the outcome of one call. */
    interface Callback {

        /** Any HTTP answer, including error statuses. */
        void onReply(HttpReply reply);

        /** No HTTP answer: connection failure, timeout or cancellation, already mapped to a typed exception. */
        void onFailure(dev.llmrouter.camel.error.LlmRouterException failure);
    }
}
