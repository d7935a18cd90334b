package dev.llmrouter.camel;

/**
 * What one circuit breaker guards (option {@code breakerScope}); when the option is not set, each target gets
 * {@code model} on the openrouter dialect and {@code target} on the openai dialect.
 * <p>
 * The constants are spelt as the option's values, e.g. {@code breakerScope=target}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterBreakerScope {

    /** One breaker per target: every fault of a call counts on it. */
    target,

    /**
     * One breaker per target and model, plus a target-wide breaker for the faults of the target itself
     * (connection refused or reset, DNS, TLS, connect timeout).
     */
    model;
}
