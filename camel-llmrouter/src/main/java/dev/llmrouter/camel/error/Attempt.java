package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * One try of one request at one target: what was tried, how it ended, how long it took and what it cost. The
 * list of attempts of an exchange is in header {@code CamelLlmRouterAttempts}, and on every exception that
 * ended a chain of tries ({@link LlmRouterException#getAttempts()}).
 *
 * @param target     the target's name
 * @param model      for an answer, the model that served it (the answer's {@code model}, e.g. a model of
 *                   OpenRouter's {@code models} fallback list); otherwise the model asked for (after the target's
 *                   model mapping); may be null for the account default
 * @param outcome    how the attempt ended
 * @param status     the HTTP status (or the status of an error inside the answer); 0 when there was no answer
 * @param durationMs from sending to the outcome, in milliseconds
 * @param waitedMs   how long the router waited before this attempt (backoff or {@code Retry-After})
 * @param cost       what the attempt cost in USD as the server reported it; null when unknown or nothing served
 * @param detail     for a failure or a rejection, why; otherwise null
 */
public record Attempt(String target, String model, Outcome outcome, int status, long durationMs, long waitedMs,
                      BigDecimal cost, String detail) {

    /** How an attempt ended. */
    public enum Outcome {
        /** An answer that was accepted. */
        SUCCESS,
        /** An answer from the response cache; nothing was sent. */
        CACHED,
        /** An answer that was served (and billed) but failed the escalation check. */
        REJECTED,
        /** An error: HTTP status, error inside the answer, unreadable answer, connection failure or timeout. */
        FAILED,
        /** Not sent: the target's circuit breaker was open, or the target has no mapping for the model. */
        SKIPPED
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96).append(target).append(' ').append(model).append(' ').append(outcome);
        if (status != 0) {
            sb.append(' ').append(status);
        }
        sb.append(' ').append(durationMs).append("ms");
        if (waitedMs > 0) {
            sb.append(" after ").append(waitedMs).append("ms wait");
        }
        if (cost != null) {
            sb.append(" $").append(Usd.text(cost));
        }
        if (detail != null) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
