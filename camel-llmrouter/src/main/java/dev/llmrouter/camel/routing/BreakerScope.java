package dev.llmrouter.camel.routing;

import dev.llmrouter.camel.protocol.Dialect;
/**
 * What one circuit breaker guards: a whole target, or one model on a target.
 * <p>
 * A gateway such as OpenRouter sends each model to its own providers, so a model's outage says nothing about the
 * gateway's other models: there the breaker follows the model ({@link #MODEL}). A direct provider's server is one
 * upstream for all its models ({@link #TARGET}). In both scopes a fault of the target itself (it cannot be
 * reached: connection refused or reset, DNS, TLS, connect timeout) counts on the target-wide breaker, which gates
 * every model of that target.
 */
public enum BreakerScope {

    /** One breaker per target; every target fault counts on it. */
    TARGET("target"),
    /** One breaker per target and model, plus the target-wide breaker for the faults of the target itself. */
    MODEL("model");

    private final String option;

    BreakerScope(String option) {
        this.option = option;
    }

    /** The option value, {@code target} or {@code model}. */
    public String option() {
        return option;
    }

    /** The scope a target gets when the endpoint sets none: model on a gateway (OpenRouter dialect), else target. */
    public static BreakerScope defaultFor(Dialect dialect) {
        return dialect == Dialect.OPENROUTER ? MODEL : TARGET;
    }
}
