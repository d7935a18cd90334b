package dev.llmrouter.camel.error;

/** HTTP 401: the API key is missing, wrong, disabled or expired. Not retryable. */
public class AuthenticationException extends LlmRouterException {

    public AuthenticationException(ErrorInfo info) {
        super(info, false);
    }
}
