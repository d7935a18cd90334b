package dev.llmrouter.camel.routing;

import java.time.Duration;

/**
 * How an endpoint guards its calls against silent and broken providers.
 *
 * @param firstTokenTimeout the longest wait for the first content delta (stream) or the response headers (plain
 *                          call), or null for none; when it runs out the call moves on without a retry there
 * @param idleTimeout       the longest silence between two content deltas of a started stream, or null for none
 * @param recovery          what a stream that fails after content has started does
 */
public record StreamPolicy(Duration firstTokenTimeout, Duration idleTimeout, Recovery recovery) {

    /** No first-token limit, a 30 s idle limit, no rescue. */
    public static final StreamPolicy DEFAULT = new StreamPolicy(null, Duration.ofSeconds(30), Recovery.FAIL);

    public StreamPolicy {
        firstTokenTimeout = positiveOrNull(firstTokenTimeout);
        idleTimeout = positiveOrNull(idleTimeout);
        recovery = recovery == null ? Recovery.FAIL : recovery;
    }

    /** What a stream that fails after content has started does. */
    public enum Recovery {
        /** The stream ends with the failure. */
        FAIL,
        /** The next target or model starts the answer over; the consumer is told to discard what it had. */
        RESTART,
        /** The next target or model continues from the text received so far (an assistant prefill). */
        CONTINUE
    }

    private static Duration positiveOrNull(Duration d) {
        return d == null || d.isZero() || d.isNegative() ? null : d;
    }
}
