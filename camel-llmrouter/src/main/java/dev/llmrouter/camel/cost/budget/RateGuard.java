package dev.llmrouter.camel.cost.budget;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.llmrouter.camel.error.LocalRateLimitException;

/**
 * Applies a budget's {@code rpm} and {@code tpm} to a {@link RateLimits} store: finds the current minute with the
 * clock and throws {@link LocalRateLimitException} when a request does not fit. Built once per endpoint.
 */
public final class RateGuard {

    private final BudgetDefinition budget;
    private final RateLimits store;
    private final Clock clock;
    private final long rpm;
    private final long tpm;

    /**
     * @param budget a budget with {@code rpm} or {@code tpm}
     * @param store  where the counts are kept (the ledger's {@link BudgetLedger#rateLimits()})
     * @param clock  decides the current minute
     */
    public RateGuard(BudgetDefinition budget, RateLimits store, Clock clock) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.rpm = budget.rpm() == null ? RateLimits.UNLIMITED : budget.rpm();
        this.tpm = budget.tpm() == null ? RateLimits.UNLIMITED : budget.tpm();
    }

    /** Whether the budget limits tokens (and the worst-case tokens of each request must be counted). */
    public boolean countsTokens() {
        return budget.tpm() != null;
    }

    /**
     * Admits one request with {@code tokens} worst-case tokens in the current minute for {@code scopeKey}.
     *
     * @return the grant, to settle with the actual tokens (or release if the request is not sent)
     * @throws LocalRateLimitException when a limit refuses it; {@link LocalRateLimitException#getRetryAfterMillis()}
     *                                 tells when the next minute starts, or -1 when it can never fit
     */
    public RateGrant acquire(String scopeKey, long tokens) {
        String scope = scopeKey == null ? "" : scopeKey;
        long t = countsTokens() ? Math.max(0, tokens) : 0;
        Instant now = clock.instant();
        Instant minute = RateWindow.minuteOf(now);
        if (t > tpm) {
            throw new LocalRateLimitException(budget.name(), scope, "tpm", tpm, 0, t, -1, "nothing was sent");
        }
        RateGrant g = store.acquire(budget.name(), scope, minute, rpm, tpm, t);
        if (g.isGranted()) {
            return g;
        }
        long wait = Math.max(1, minute.plus(RateWindow.MINUTE).toEpochMilli() - now.toEpochMilli());
        if (g.requestsUsed() + 1 > rpm) {
            throw new LocalRateLimitException(budget.name(), scope, "rpm", rpm, g.requestsUsed(), 1, wait,
                    "nothing was sent");
        }
        throw new LocalRateLimitException(budget.name(), scope, "tpm", tpm, g.tokensUsed(), t, wait,
                "nothing was sent");
    }

    /** Books the grant at {@code actualTokens}; null keeps the worst case it holds. */
    public void settle(RateGrant grant, Long actualTokens) {
        if (grant == null) {
            return;
        }
        store.settle(grant, actualTokens == null ? grant.tokens() : actualTokens);
    }

    /** Takes back a grant whose request was not sent. */
    public void release(RateGrant grant) {
        if (grant != null) {
            store.release(grant);
        }
    }

    /** The current minute's {@code [requests, tokens]} for {@code scopeKey}. */
    public long[] usage(String scopeKey) {
        return store.usage(budget.name(), scopeKey == null ? "" : scopeKey, RateWindow.minuteOf(clock.instant()));
    }

    /** The clock the minutes follow. */
    public Clock clock() {
        return clock;
    }
}
