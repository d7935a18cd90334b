package dev.llmrouter.camel.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * One Resilience4j circuit breaker per target, shared by every endpoint of a component. The breaker of a target
 * counts the target's own faults (connection failures, timeouts, 408, 429 and every 5xx, unreadable answers); a request the
 * server refused for its content (400, 401, 402, 403) counts as a healthy answer.
 */
public final class CircuitBreakers {

    private final CircuitBreakerRegistry registry;
    private final boolean enabled;

    /**
     * @param enabled                  false to never open a breaker
     * @param failureRateThreshold     percentage of failed calls (0-100] that opens the breaker
     * @param slidingWindowSize        how many recent calls the failure rate is computed over
     * @param minimumNumberOfCalls     how many calls are needed before the failure rate counts
     * @param waitDurationInOpenState  how long an open breaker refuses calls before it lets a few through
     * @param permittedCallsInHalfOpen how many calls a half-open breaker lets through to test the target
     */
    public CircuitBreakers(boolean enabled, float failureRateThreshold, int slidingWindowSize,
                           int minimumNumberOfCalls, Duration waitDurationInOpenState, int permittedCallsInHalfOpen) {
        this.enabled = enabled;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .waitDurationInOpenState(waitDurationInOpenState)
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpen)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        this.registry = CircuitBreakerRegistry.of(config);
    }

    /** The breaker of a target (created on first use), or null when breakers are disabled. */
    public CircuitBreaker of(Target target) {
        return enabled ? registry.circuitBreaker(key(target)) : null;
    }

    /**
     * The breaker's name: the target's name, plus its address when the target is an endpoint's own (several
     * endpoints may each have their own {@code openrouter} at different addresses).
     */
    static String key(Target target) {
        return target.name() + " " + target.baseUri();
    }

    /** The state of every breaker created so far, by target name and address. */
    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> out = new LinkedHashMap<>();
        registry.getAllCircuitBreakers().forEach(cb -> out.put(cb.getName(), cb.getState()));
        return out;
    }

    /** The state of the breakers of the targets named {@code name}; CLOSED when none was used yet. */
    public CircuitBreaker.State state(String name) {
        CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
        for (CircuitBreaker cb : registry.getAllCircuitBreakers()) {
            if (cb.getName().startsWith(name + " ") && cb.getState() != CircuitBreaker.State.CLOSED) {
                state = cb.getState();
            }
        }
        return state;
    }

    /** The registry, for metrics binders and tests. */
    public CircuitBreakerRegistry registry() {
        return registry;
    }
}
