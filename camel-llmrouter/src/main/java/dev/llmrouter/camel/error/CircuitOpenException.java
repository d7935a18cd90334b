package dev.llmrouter.camel.error;

/**
 * The target's circuit breaker is open: the call was not sent. Retryable in the sense that the same request may
 * succeed once the breaker lets calls through again, but the router never retries it at once: it moves to the
 * next target.
 */
public class CircuitOpenException extends LlmRouterException {

    public CircuitOpenException(ErrorInfo info) {
        super(info, true);
    }
}
