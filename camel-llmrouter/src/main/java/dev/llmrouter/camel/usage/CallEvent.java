package dev.llmrouter.camel.usage;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;

/**
 * Everything known about one finished exchange at an {@code llmrouter} endpoint, handed to every
 * {@link CallObserver}: the usage-log record, plus what meters and consoles need beyond it.
 *
 * @param usage          the usage-log record (time, route, endpoint, served model, provider, target, tokens, cost,
 *                       generation id, budget key, cache hit, outcome {@code ok}, {@code error} or {@code refused})
 * @param operation      chat, models, generation, key or embeddings
 * @param requestedModel the model the request named (before fallbacks and escalation); may be null
 * @param budget         the budget name the call was booked on, or null
 * @param errorType      the simple class name of the exception that ended the call, or null on success
 * @param durationMs     from the producer receiving the exchange to the outcome, in milliseconds
 * @param attempts       every attempt (empty for calls refused before sending)
 * @param streamed       whether the answer was streamed
 * @param worstCase      the worst case the call was admitted under (and its budget reserved), in USD, or null when
 *                       none was computed (no maxCostPerRequest and no budget, or refused before)
 * @param cacheSaved     what the prompt cache saved on the call, in USD (cached prompt tokens times the catalog's
 *                       prompt price minus its cache-read price), or null when unknown (no prices, no cached tokens)
 * @param dialect        the dialect of the target that served the call, else of the last target tried, else of the
 *                       endpoint's first target: {@code openrouter} or {@code openai}; null when unknown
 */
public record CallEvent(UsageRecord usage, String operation, String requestedModel, String budget, String errorType,
                        long durationMs, List<Attempt> attempts, boolean streamed, BigDecimal worstCase,
                        BigDecimal cacheSaved, String dialect) {

    public CallEvent {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    /** An event whose target dialect is not known. */
    public CallEvent(UsageRecord usage, String operation, String requestedModel, String budget, String errorType,
                     long durationMs, List<Attempt> attempts, boolean streamed, BigDecimal worstCase,
                     BigDecimal cacheSaved) {
        this(usage, operation, requestedModel, budget, errorType, durationMs, attempts, streamed, worstCase, cacheSaved,
                null);
    }

    /** An event without a cache saving. */
    public CallEvent(UsageRecord usage, String operation, String requestedModel, String budget, String errorType,
                     long durationMs, List<Attempt> attempts, boolean streamed, BigDecimal worstCase) {
        this(usage, operation, requestedModel, budget, errorType, durationMs, attempts, streamed, worstCase, null,
                null);
    }

    /** An event without a worst case. */
    public CallEvent(UsageRecord usage, String operation, String requestedModel, String budget, String errorType,
                     long durationMs, List<Attempt> attempts, boolean streamed) {
        this(usage, operation, requestedModel, budget, errorType, durationMs, attempts, streamed, null, null, null);
    }

    /**
     * By how much the call's cost exceeded the worst case it was admitted under (an overrun: the provider billed
     * more than the estimate), in USD; null when it did not, or when either is unknown.
     */
    public BigDecimal overrun() {
        BigDecimal cost = usage == null ? null : usage.cost();
        if (cost == null || worstCase == null || cost.compareTo(worstCase) <= 0) {
            return null;
        }
        return cost.subtract(worstCase);
    }

    /** How many attempts failed or were rejected before the outcome (retries, fallbacks, escalations). */
    public int fallbacks() {
        int n = 0;
        for (Attempt a : attempts) {
            if (a.outcome() == Attempt.Outcome.FAILED || a.outcome() == Attempt.Outcome.REJECTED) {
                n++;
            }
        }
        return n;
    }
}
