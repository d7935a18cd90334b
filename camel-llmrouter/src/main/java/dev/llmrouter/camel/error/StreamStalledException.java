package dev.llmrouter.camel.error;

/**
 * A stream that had started went silent for longer than option {@code streamIdleTimeout} between two content
 * deltas. The stream was abandoned (its connection closed); option {@code streamRecovery} decides whether another
 * target or model takes over.
 */
public class StreamStalledException extends RequestTimeoutException {

    public StreamStalledException(ErrorInfo info) {
        super(info);
    }
}
