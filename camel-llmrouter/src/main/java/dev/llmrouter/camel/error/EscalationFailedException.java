package dev.llmrouter.camel.error;

/**
 * Every model of the escalation chain answered, but no answer passed the escalation check ({@code escalateOn}).
 * {@link #getAttempts()} lists every attempt with the reason each answer was rejected and its cost.
 */
public class EscalationFailedException extends LlmRouterException {

    public EscalationFailedException(ErrorInfo info) {
        super(info, false);
    }
}
