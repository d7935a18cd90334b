package dev.llmrouter.camel.error;

/**
 * A message whose idempotency key was being answered by another exchange (on this instance or another) gave up
 * waiting for that answer after requestTimeout. Nothing was sent for it; redelivered later, it gets the stored
 * answer once there is one. Retryable.
 */
public class AnswerPendingException extends LlmRouterException {

    private final String idempotencyKey;

    public AnswerPendingException(String idempotencyKey, String message) {
        super(ErrorInfo.of(message), true);
        this.idempotencyKey = idempotencyKey;
    }

    /** The key whose answer was still pending. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }
}
