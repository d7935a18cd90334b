package dev.llmrouter.camel.error;

/**
 * The answer was larger than the {@code maxResponseSize} option allows (a JSON body, or the total bytes of an
 * event stream); reading stopped there. Not retryable, and no other target or model is tried: the same request
 * would produce an answer as large again. Raise {@code maxResponseSize}, or ask for less (e.g. {@code maxTokens}).
 */
public class ResponseTooLargeException extends LlmRouterException {

    private final long limit;

    public ResponseTooLargeException(ErrorInfo info, long limit) {
        super(info, false);
        this.limit = limit;
    }

    /** The limit in bytes that the answer went over. */
    public long getLimit() {
        return limit;
    }
}
