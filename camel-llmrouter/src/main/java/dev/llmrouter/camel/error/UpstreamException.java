package dev.llmrouter.camel.error;

/**
 * A server-side failure: HTTP 500, 502, 503, 524, 529 or another 5xx, or an error reported inside an HTTP 200
 * answer ({@code choices[].error}, {@code finish_reason: error}). Retryable for 500, 502, 503, 524 and 529.
 */
public class UpstreamException extends LlmRouterException {

    public UpstreamException(ErrorInfo info, boolean retryable) {
        super(info, retryable);
    }
}
