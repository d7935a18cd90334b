package dev.llmrouter.camel.cost.budget;

import java.time.Instant;

/**
 * Counts requests and tokens per (budget, scope key, minute) for the {@code rpm} and {@code tpm} limits of a budget.
 * The window is a fixed calendar minute: {@code minute} is the start of the minute an admission falls in, and every
 * count starts from zero in the next minute.
 * <p>
 * An admission adds one request and the request's worst-case tokens atomically, and only if afterwards the minute
 * holds at most {@code rpm} requests and at most {@code tpm} tokens (admitted worst cases plus settled actuals);
 * otherwise it adds nothing and is refused. The check and the increment are one step with respect to every other
 * admission on the same key, in this JVM and (for a shared store) in every other one. After the call the grant is
 * settled: its reserved tokens are replaced by the actual total tokens (which may be more; they are recorded as
 * they are). The request stays counted.
 * <p>
 * Reached from a {@link BudgetLedger} by {@link BudgetLedger#rateLimits()}, so that a ledger shared between
 * instances shares its rate limits too.
 */
public interface RateLimits {

    /** No limit: an {@code rpm} or {@code tpm} of this value never refuses. */
    long UNLIMITED = Long.MAX_VALUE / 4;

    /**
     * Admits one request with {@code tokens} worst-case tokens in the minute if both limits still hold afterwards.
     *
     * @param minute the start of the minute (a whole minute, UTC)
     * @param rpm    the most requests per minute ({@link #UNLIMITED} for none)
     * @param tpm    the most tokens per minute ({@link #UNLIMITED} for none)
     * @param tokens the worst-case tokens of the request, zero or more
     * @return a granted grant, or a refused one carrying the minute's counts at the time of refusal
     */
    RateGrant acquire(String budget, String scopeKey, Instant minute, long rpm, long tpm, long tokens);

    /** Replaces a granted grant's reserved tokens by {@code actualTokens}. Ignored for refused or finished grants. */
    void settle(RateGrant grant, long actualTokens);

    /** Takes a granted grant back entirely (request and tokens), for a request that was not sent after all. */
    void release(RateGrant grant);

    /** The minute's counts: {@code [requests, tokens]}, zeros when nothing was admitted. */
    long[] usage(String budget, String scopeKey, Instant minute);
}
