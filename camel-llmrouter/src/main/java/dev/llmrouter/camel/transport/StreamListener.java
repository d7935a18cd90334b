package dev.llmrouter.camel.transport;

/**
 * Receives a server-sent-event answer as it arrives. The methods are called in order on one thread at a time
 * (usually an I/O thread, so implementations must return quickly and never block). Exactly one terminal method
 * is called, once: {@link #onReply}, {@link #onDone} or {@link #onFailure}.
 */
public interface StreamListener {

    /**
     * The answer is not an event stream (an error status, or a 2xx with another content type): it was read whole
     * and is handed over as a plain reply. Terminal.
     */
    void onReply(HttpReply reply);

    /** A 2xx {@code text/event-stream} answer has started; {@code head} has its status and headers, no body. */
    void onOpen(HttpReply head);

    /** One event's data (multi-line data joined with {@code \n}). Comments and {@code [DONE]} are not passed on. */
    void onData(String data);

    /** The stream ended with {@code data: [DONE]}. Terminal. */
    void onDone();

    /**
     * No complete stream: connection failure, timeout, cancellation, or the connection ended before
     * {@code data: [DONE]}. Terminal.
     */
    void onFailure(dev.llmrouter.camel.error.LlmRouterException failure);

    /**
     * The connection ended (cleanly, or inside a chunk) after the last event without {@code data: [DONE]}.
     * Terminal. A listener that saw a {@code finish_reason} may take the answer as complete, as the common SDKs
     * do; by default it is the failure {@code failure} ("ended before data: [DONE]").
     */
    default void onEndWithoutDone(dev.llmrouter.camel.error.LlmRouterException failure) {
        onFailure(failure);
    }
}
