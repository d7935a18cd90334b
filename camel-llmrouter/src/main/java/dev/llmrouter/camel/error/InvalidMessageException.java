package dev.llmrouter.camel.error;

/** The exchange cannot be turned into a request (null, empty or unsupported body, or a bad header value). Nothing was sent. */
public class InvalidMessageException extends LlmRouterException {

    public InvalidMessageException(ErrorInfo info) {
        super(info, false);
    }
}
