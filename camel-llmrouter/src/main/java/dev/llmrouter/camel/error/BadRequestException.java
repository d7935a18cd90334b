package dev.llmrouter.camel.error;

/** HTTP 400, 413 or 422 for another reason (e.g. unknown model, invalid parameter). Not retryable. */
public class BadRequestException extends LlmRouterException {

    public BadRequestException(ErrorInfo info) {
        super(info, false);
    }
}
