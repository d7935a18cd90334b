package dev.llmrouter.camel.routing;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoubleSupplier;

import dev.llmrouter.camel.error.Availability;
import dev.llmrouter.camel.error.CircuitOpenException;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.camel.error.FirstTokenTimeoutException;
import dev.llmrouter.camel.error.ForbiddenException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.ResponseTooLargeException;

/**
 * When to send a failed request again, where, and after how long.
 * <p>
 * OpenRouter's {@code error.availability} refines the decision: {@code retryable: false} turns a retry of the same
 * target into a move to the next one (nothing else changes: it never makes a failure retryable, nor stops one
 * that would move on), and its {@code retry_after} is the wait when the answer had no {@code Retry-After} header.
 *
 * @param maxRetries   how many times one target is tried again after a retryable failure (0: once only)
 * @param initialDelay the first backoff delay; doubled for each further retry
 * @param maxDelay     the longest wait between tries, also the cap on a server's {@code Retry-After}
 * @param fallbackOn   non-retryable failures that still move on to the next target or model
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Set<FallbackOn> fallbackOn) {

    public RetryPolicy {
        fallbackOn = Set.copyOf(fallbackOn);
    }

    /** What to do after a failure. */
    public enum Decision {
        /** Send the same request to the same target again (while retries last), then move on. */
        RETRY,
        /** Do not retry this target; try the next target, then the next model. */
        NEXT,
        /** Give up: the request itself is at fault (400, 401, 402, 403, ...), nothing else would help. */
        STOP
    }

    public Decision decide(LlmRouterException failure) {
        Decision d = decideByType(failure);
        Availability availability = failure.getAvailability();
        if (d == Decision.RETRY && availability != null && Boolean.FALSE.equals(availability.retryable())) {
            // the server says this target will not serve it soon: the next one may
            return Decision.NEXT;
        }
        return d;
    }

    private Decision decideByType(LlmRouterException failure) {
        if (failure instanceof CircuitOpenException || failure instanceof FirstTokenTimeoutException) {
            // a silent target retried only multiplies the wait: move on at once
            return Decision.NEXT;
        }
        if (failure instanceof ForbiddenException || failure instanceof ResponseTooLargeException) {
            // the key or account must change, or the same request would bring the same too-large answer
            return Decision.STOP;
        }
        if (failure instanceof ModerationException) {
            return fallbackOn.contains(FallbackOn.MODERATION) ? Decision.NEXT : Decision.STOP;
        }
        if (failure instanceof ContextLengthExceededException) {
            return fallbackOn.contains(FallbackOn.CONTEXT_LENGTH) ? Decision.NEXT : Decision.STOP;
        }
        if (failure instanceof NoProviderException && failure.getStatusCode() != 503) {
            return fallbackOn.contains(FallbackOn.NO_PROVIDER) ? Decision.NEXT : Decision.STOP;
        }
        if (failure.isRetryable()) {
            // the one answer to "may the same request succeed if sent again?": set where the failure is typed
            // (protocol.ErrorMapper for server answers; I/O failures and timeouts are retryable by their type)
            return Decision.RETRY;
        }
        if (failure instanceof MalformedResponseException || failure.getStatusCode() >= 500) {
            // the server answered with something unreadable, or a 5xx not worth repeating here (e.g. a proxy's 504):
            // another target may do better
            return Decision.NEXT;
        }
        return Decision.STOP;
    }

    /**
     * Whether a failure says the target is unwell (counts against its circuit breaker, whose
     * {@code recordException} predicate this is): a retryable failure (other than an open breaker's own refusal),
     * an unreadable answer, or any 5xx.
     */
    public static boolean isTargetFault(LlmRouterException failure) {
        return failure.isRetryable() && !(failure instanceof CircuitOpenException)
               || failure instanceof MalformedResponseException || failure.getStatusCode() >= 500;
    }

    /**
     * The wait before retry number {@code retry} (0 for the first retry): the server's {@code Retry-After} when it
     * sent one, else {@code error.availability.retry_after}, else exponential backoff with equal jitter (half the step fixed, half random); capped by
     * {@link #maxDelay()} either way.
     */
    public Duration delay(int retry, LlmRouterException failure, DoubleSupplier random) {
        long cap = maxDelay.toMillis();
        Duration retryAfter = failure.getRetryAfter();
        if (retryAfter == null && failure.getAvailability() != null) {
            retryAfter = failure.getAvailability().retryAfter();
        }
        if (retryAfter != null) {
            return Duration.ofMillis(Math.min(Math.max(0, retryAfter.toMillis()), cap));
        }
        long initial = initialDelay.toMillis();
        if (initial <= 0) {
            // retryDelay=0: retry at once (a step of 0 must not be taken for an overflow)
            return Duration.ZERO;
        }
        long step = initial << Math.min(retry, 30);
        if (step <= 0 || step > cap) {
            step = cap;
        }
        long half = step / 2;
        return Duration.ofMillis(half + (long) (random.getAsDouble() * (step - half)));
    }
}
