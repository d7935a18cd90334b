package dev.llmrouter.camel.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.ConnectionFailedException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.protocol.Target;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * The Resilience4j circuit breakers of a component, shared by all its endpoints. Which breakers guard a call
 * depends on the target's {@link BreakerScope}:
 * <ul>
 * <li>{@link BreakerScope#TARGET}: one breaker per target. It counts the target's faults (connection failures,
 * timeouts, 408, 429 and every 5xx, unreadable answers); a request the server refused for its content (400, 401,
 * 402, 403) counts as a healthy answer.</li>
 * <li>{@link BreakerScope#MODEL}: one breaker per target and model, which counts the same faults except those of
 * the target itself, plus one target-wide breaker that counts only the target's own faults (it could not be
 * reached: {@link ConnectionFailedException}) and so gates all of the target's models.</li>
 * </ul>
 * Which failures count is said by each breaker's {@code recordException} / {@code ignoreException} predicates: the
 * caller reports every outcome. Each breaker carries the tags {@value #TAG_TARGET}, {@value #TAG_URL},
 * {@value #TAG_MODEL} ({@value #WHOLE_TARGET} for a target-wide breaker) and {@value #TAG_SCOPE}.
 */
public final class CircuitBreakers {

    /** Tag: the target's name. */
    public static final String TAG_TARGET = "target";
    /** Tag: the target's address. */
    public static final String TAG_URL = "base.url";
    /** Tag: the model a breaker guards, or {@value #WHOLE_TARGET}. */
    public static final String TAG_MODEL = "model";
    /** Tag: the scope of the endpoint that created the breaker, {@code target} or {@code model}. */
    public static final String TAG_SCOPE = "scope";
    /** The model tag of a breaker that guards a whole target. */
    public static final String WHOLE_TARGET = "*";
    /** How the detail of an attempt skipped for an open breaker starts; the breaker's {@link #label} follows. */
    public static final String SKIP_DETAIL = "circuit breaker open: ";
    /** What follows the label in that detail when the breaker's next probe time is known. */
    static final String PROBE_DETAIL = ", probed again after ";

    private final CircuitBreakerRegistry registry;
    private final boolean enabled;
    private final Duration wait;
    private final CircuitBreakerConfig targetConfig;
    private final CircuitBreakerConfig reachConfig;
    private final CircuitBreakerConfig modelConfig;
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> notPermitted = new ConcurrentHashMap<>();
    private final Map<Target, ModelBreakers> byTarget = new ConcurrentHashMap<>();

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
        this.wait = waitDurationInOpenState;
        Predicate<Throwable> fault = t -> t instanceof LlmRouterException l && RetryPolicy.isTargetFault(l);
        Predicate<Throwable> unreachable = CircuitBreakers::isTargetOwnFault;
        CircuitBreakerConfig base = CircuitBreakerConfig.custom()
                .failureRateThreshold(failureRateThreshold)
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(slidingWindowSize)
                .minimumNumberOfCalls(minimumNumberOfCalls)
                .waitDurationInOpenState(waitDurationInOpenState)
                .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpen)
                // the first call after the wait is the probe: an ordinary call of the model it guards
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .build();
        this.targetConfig = CircuitBreakerConfig.from(base).recordException(fault).build();
        this.reachConfig = CircuitBreakerConfig.from(base).recordException(unreachable).build();
        this.modelConfig = CircuitBreakerConfig.from(base).ignoreException(unreachable).recordException(fault).build();
        // no event consumer on the breakers: with one, Resilience4j builds an event (and reads the wall clock) for
        // every call's outcome; when a breaker opened is noted by the gate that reported the outcome instead
        this.registry = CircuitBreakerRegistry.of(base);
    }

    /**
     * Notes a change of state that an outcome just caused: when a breaker opened (for {@link #probeAt}), or that it
     * is no longer open.
     */
    void noteState(CircuitBreaker cb, CircuitBreaker.State before) {
        CircuitBreaker.State now = cb.getState();
        if (now == before) {
            return;
        }
        if (now == CircuitBreaker.State.OPEN || now == CircuitBreaker.State.FORCED_OPEN) {
            openedAt.put(cb.getName(), Instant.now());
        } else {
            openedAt.remove(cb.getName());
        }
    }

    /**
     * Whether a failure is the target's own, whatever the model: it could not be reached (connection refused or
     * reset, DNS, TLS, connect timeout).
     */
    public static boolean isTargetOwnFault(Throwable failure) {
        return failure instanceof ConnectionFailedException;
    }

    /** The breaker of a whole target in scope {@link BreakerScope#TARGET}, or null when breakers are disabled. */
    public CircuitBreaker of(Target target) {
        return enabled ? breaker(key(target), target, WHOLE_TARGET, BreakerScope.TARGET, targetConfig) : null;
    }

    /**
     * The breakers of one call of {@code model} (the target's name for it) on {@code target} in {@code scope}, or
     * null when breakers are disabled.
     */
    public Gate gate(Target target, String model, BreakerScope scope) {
        if (!enabled) {
            return null;
        }
        if (scope == BreakerScope.TARGET || model == null) {
            return new Gate(this, of(target), null);
        }
        ModelBreakers per = byTarget.get(target);
        if (per == null) {
            per = byTarget.computeIfAbsent(target, t -> new ModelBreakers(
                    breaker(key(t) + " " + WHOLE_TARGET, t, WHOLE_TARGET, BreakerScope.MODEL, reachConfig)));
        }
        CircuitBreaker one = per.byModel.get(model);
        if (one == null) {
            one = per.byModel.computeIfAbsent(model,
                    m -> breaker(key(target) + " " + m, target, m, BreakerScope.MODEL, modelConfig));
        }
        return new Gate(this, per.whole, one);
    }

    /**
     * The breakers of scope model of one target, found without building their names on every call: breakers are
     * never removed from the registry, so a breaker once looked up stays the one of its name.
     */
    private static final class ModelBreakers {
        final CircuitBreaker whole;
        final Map<String, CircuitBreaker> byModel = new ConcurrentHashMap<>();

        ModelBreakers(CircuitBreaker whole) {
            this.whole = whole;
        }
    }

    private CircuitBreaker breaker(String name, Target target, String model, BreakerScope scope,
                                   CircuitBreakerConfig config) {
        CircuitBreaker existing = registry.find(name).orElse(null);
        if (existing != null) {
            return existing;
        }
        return registry.circuitBreaker(name, config, Map.of(TAG_TARGET, target.name(), TAG_URL,
                target.baseUri().toString(), TAG_MODEL, model, TAG_SCOPE, scope.option()));
    }

    /**
     * The target-scope breaker's name: the target's name, plus its address when the target is an endpoint's own
     * (several endpoints may each have their own {@code openrouter} at different addresses). The breakers of
     * scope model add {@code " " + model} (or {@code " *"} for the target-wide one).
     */
    static String key(Target target) {
        return target.name() + " " + target.baseUri();
    }

    /**
     * How an exchange names a breaker it skipped: {@code target} for a target-wide breaker, {@code target/model}
     * for a model's.
     */
    public static String label(CircuitBreaker cb) {
        String target = cb.getTags().getOrDefault(TAG_TARGET, cb.getName());
        String model = cb.getTags().getOrDefault(TAG_MODEL, WHOLE_TARGET);
        return WHOLE_TARGET.equals(model) ? target : target + "/" + model;
    }

    /**
     * The breakers an exchange skipped, by {@link #label}, in the order met, each once: read from the attempts
     * skipped for an open breaker. Empty when none was.
     */
    public static List<String> skipped(List<Attempt> attempts) {
        List<String> out = new ArrayList<>(0);
        if (attempts == null) {
            return out;
        }
        for (Attempt a : attempts) {
            String d = a.detail();
            if (a.outcome() == Attempt.Outcome.SKIPPED && d != null && d.startsWith(SKIP_DETAIL)) {
                String label = d.substring(SKIP_DETAIL.length());
                int probe = label.indexOf(PROBE_DETAIL);
                label = probe < 0 ? label : label.substring(0, probe);
                if (!out.contains(label)) {
                    out.add(label);
                }
            }
        }
        return out;
    }

    /**
     * When an open breaker lets its next probe through (its wait runs out); null when it is not open, or was opened
     * by hand ({@code transitionToOpenState}) rather than by the outcomes of calls.
     */
    public Instant probeAt(CircuitBreaker cb) {
        Instant opened = openedAt.get(cb.getName());
        if (opened == null || cb.getState() != CircuitBreaker.State.OPEN) {
            return null;
        }
        return opened.plus(wait);
    }

    /** How many calls this breaker refused since it was created (Resilience4j's own count restarts per state). */
    public long notPermittedCalls(CircuitBreaker cb) {
        LongAdder n = notPermitted.get(cb.getName());
        return n == null ? 0 : n.sum();
    }

    void countNotPermitted(CircuitBreaker cb) {
        notPermitted.computeIfAbsent(cb.getName(), k -> new LongAdder()).increment();
    }

    /** The state of every breaker created so far, by name (target, address and, for scope model, the model). */
    public Map<String, CircuitBreaker.State> states() {
        Map<String, CircuitBreaker.State> out = new LinkedHashMap<>();
        registry.getAllCircuitBreakers().forEach(cb -> out.put(cb.getName(), cb.getState()));
        return out;
    }

    /**
     * The state of the breakers of the targets named {@code name}, target-wide and per model: OPEN when one is
     * open, else HALF_OPEN when one is half-open, else CLOSED (also when none was used yet).
     */
    public CircuitBreaker.State state(String name) {
        CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
        for (CircuitBreaker cb : registry.getAllCircuitBreakers()) {
            if (!name.equals(cb.getTags().get(TAG_TARGET))) {
                continue;
            }
            CircuitBreaker.State s = cb.getState();
            if (s == CircuitBreaker.State.OPEN || s == CircuitBreaker.State.FORCED_OPEN) {
                return s;
            }
            if (s != CircuitBreaker.State.CLOSED) {
                state = s;
            }
        }
        return state;
    }

    /**
     * The state of the breaker of {@code model} on the targets named {@code target}; CLOSED when none was used
     * yet. {@code model} {@value #WHOLE_TARGET} asks for the target-wide breakers.
     */
    public CircuitBreaker.State state(String target, String model) {
        CircuitBreaker.State state = CircuitBreaker.State.CLOSED;
        for (CircuitBreaker cb : registry.getAllCircuitBreakers()) {
            if (target.equals(cb.getTags().get(TAG_TARGET)) && model.equals(cb.getTags().get(TAG_MODEL))
                && cb.getState() != CircuitBreaker.State.CLOSED) {
                state = cb.getState();
            }
        }
        return state;
    }

    /** The registry, for metrics binders and tests. */
    public CircuitBreakerRegistry registry() {
        return registry;
    }

    /**
     * The breakers one call passes: the target-wide breaker, and the model's in scope model. Every outcome is
     * reported to both; each breaker's predicates decide whether it counts.
     *
     * @param whole the target-wide breaker
     * @param model the model's breaker, or null in scope target
     */
    public record Gate(CircuitBreakers owner, CircuitBreaker whole, CircuitBreaker model) {

        /** Takes a permission of each breaker; returns the breaker that refused (nothing is held then), or null. */
        CircuitBreaker tryAcquire() {
            if (!whole.tryAcquirePermission()) {
                owner.countNotPermitted(whole);
                return whole;
            }
            if (model != null && !model.tryAcquirePermission()) {
                whole.releasePermission();
                owner.countNotPermitted(model);
                return model;
            }
            return null;
        }

        void onSuccess(long durationMs) {
            report(whole, durationMs, null);
            if (model != null) {
                report(model, durationMs, null);
            }
        }

        void onError(long durationMs, LlmRouterException failure) {
            report(whole, durationMs, failure);
            if (model != null) {
                report(model, durationMs, failure);
            }
        }

        private void report(CircuitBreaker cb, long durationMs, LlmRouterException failure) {
            CircuitBreaker.State before = cb.getState();
            if (failure == null) {
                cb.onSuccess(durationMs, TimeUnit.MILLISECONDS);
            } else {
                cb.onError(durationMs, TimeUnit.MILLISECONDS, failure);
            }
            owner.noteState(cb, before);
        }

        void release() {
            whole.releasePermission();
            if (model != null) {
                model.releasePermission();
            }
        }
    }
}
