package dev.llmrouter.camel.error;

/** HTTP 408 from the server, or no answer within the configured timeout. Retryable. */
public class RequestTimeoutException extends LlmRouterException {

    public RequestTimeoutException(ErrorInfo info) {
        super(info, true);
    }
}
