package dev.llmrouter.camel.error;

/** The connection could not be made, or broke before a full answer arrived. Retryable. */
public class ConnectionFailedException extends LlmRouterException {

    public ConnectionFailedException(ErrorInfo info) {
        super(info, true);
    }
}
