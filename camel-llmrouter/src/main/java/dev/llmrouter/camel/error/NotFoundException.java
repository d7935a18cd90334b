package dev.llmrouter.camel.error;

/**
 * HTTP 404 that is not about routing: an unknown generation id, or a wrong {@code baseUrl} path. Not retryable.
 * (A 404 that says no provider meets the request's constraints is a {@link NoProviderException}.)
 */
public class NotFoundException extends LlmRouterException {

    public NotFoundException(ErrorInfo info) {
        super(info, false);
    }
}
