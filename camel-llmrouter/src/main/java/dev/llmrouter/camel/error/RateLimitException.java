package dev.llmrouter.camel.error;

/** HTTP 429: rate limited. Retryable; {@link #getRetryAfter()} holds the delay the server asked for, if any. */
public class RateLimitException extends LlmRouterException {

    public RateLimitException(ErrorInfo info) {
        super(info, true);
    }
}
