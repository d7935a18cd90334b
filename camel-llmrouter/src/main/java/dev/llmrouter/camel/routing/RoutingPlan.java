package dev.llmrouter.camel.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.protocol.Target;

/**
 * Where and how an endpoint's chat requests are sent, fixed when the endpoint starts.
 *
 * @param targets        targets in the order they are tried (at least one)
 * @param retry          retries, backoff and which failures move on
 * @param totalTimeout   the whole exchange's limit, retries and waits included; null for none
 * @param escalateModels models tried in order after the request's own model, when its answer fails {@code check}
 *                       or every target failed it
 * @param check          the escalation check, or null to accept every answer
 * @param cache          the exact response cache, or null
 * @param headers        extra request headers for targets of the OpenRouter dialect (attribution, cache)
 * @param maxResponseSize the most bytes an answer (a body, or a whole stream) may have
 * @param breakerScope   the circuit breaker scope of every target, or null for each target's default
 *                       ({@link BreakerScope#defaultFor})
 * @param contextWindows the models' context windows, for moving on after a context-length failure
 * @param streams        first-token and stall limits, and the rescue of a stream that fails mid-way
 */
public record RoutingPlan(List<Target> targets, RetryPolicy retry, Duration totalTimeout, List<String> escalateModels,
                          OutputCheck check, ResponseCache cache, Map<String, String> headers, int maxResponseSize,
                          BreakerScope breakerScope, ContextWindows contextWindows, StreamPolicy streams) {

    /**
     * A plan with each target's default breaker scope, unknown context windows and the default stream policy
     * (no first-token limit, 30 s idle limit, no rescue).
     */
    public RoutingPlan(List<Target> targets, RetryPolicy retry, Duration totalTimeout, List<String> escalateModels,
                       OutputCheck check, ResponseCache cache, Map<String, String> headers, int maxResponseSize) {
        this(targets, retry, totalTimeout, escalateModels, check, cache, headers, maxResponseSize, null, null,
             StreamPolicy.DEFAULT);
    }

    /** A plan with the default response size limit. */
    public RoutingPlan(List<Target> targets, RetryPolicy retry, Duration totalTimeout, List<String> escalateModels,
                       OutputCheck check, ResponseCache cache, Map<String, String> headers) {
        this(targets, retry, totalTimeout, escalateModels, check, cache, headers,
             dev.llmrouter.camel.transport.HttpCall.DEFAULT_MAX_RESPONSE_SIZE);
    }

    public RoutingPlan {
        if (targets == null || targets.isEmpty()) {
            throw new IllegalArgumentException("At least one target is needed");
        }
        targets = List.copyOf(targets);
        escalateModels = escalateModels == null ? List.of() : List.copyOf(escalateModels);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        contextWindows = contextWindows == null ? ContextWindows.UNKNOWN : contextWindows;
        streams = streams == null ? StreamPolicy.DEFAULT : streams;
    }

    /** The breaker scope of {@code target}: the plan's, else the target's default. */
    public BreakerScope scopeOf(Target target) {
        return breakerScope != null ? breakerScope : BreakerScope.defaultFor(target.dialect());
    }
}
