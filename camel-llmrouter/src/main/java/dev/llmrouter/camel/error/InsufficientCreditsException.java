package dev.llmrouter.camel.error;

/** HTTP 402: the account or the key has run out of credits (or the key's limit is reached). Not retryable. */
public class InsufficientCreditsException extends LlmRouterException {

    public InsufficientCreditsException(ErrorInfo info) {
        super(info, false);
    }
}
