package dev.llmrouter.camel.cost.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link RateLimits} in this JVM's memory: each change of a key is one atomic {@link ConcurrentMap#compute}. Minutes
 * more than two minutes older than the newest admitted one are dropped as admissions move on.
 */
public final class InMemoryRateLimits implements RateLimits {

    private record Key(String budget, String scopeKey, Instant minute) {
    }

    private record Count(long requests, long tokens) {
    }

    private final ConcurrentMap<Key, Count> counts = new ConcurrentHashMap<>();
    private volatile Instant newest = Instant.EPOCH;

    @Override
    public RateGrant acquire(String budget, String scopeKey, Instant minute, long rpm, long tpm, long tokens) {
        RateWindow.check(budget, scopeKey, minute, tokens);
        sweep(minute);
        RateGrant[] result = new RateGrant[1];
        counts.compute(new Key(budget, scopeKey, minute), (k, old) -> {
            Count c = old == null ? new Count(0, 0) : old;
            if (c.requests + 1 > rpm || c.tokens + tokens > tpm) {
                result[0] = new RateGrant(budget, scopeKey, minute, tokens, false, c.requests, c.tokens);
                return old;
            }
            Count next = new Count(c.requests + 1, c.tokens + tokens);
            result[0] = new RateGrant(budget, scopeKey, minute, tokens, true, next.requests, next.tokens);
            return next;
        });
        return result[0];
    }

    @Override
    public void settle(RateGrant grant, long actualTokens) {
        if (grant == null || !grant.markFinished()) {
            return;
        }
        long delta = Math.max(0, actualTokens) - grant.tokens();
        counts.computeIfPresent(new Key(grant.budget(), grant.scopeKey(), grant.minute()),
                (k, c) -> new Count(c.requests, Math.max(0, c.tokens + delta)));
    }

    @Override
    public void release(RateGrant grant) {
        if (grant == null || !grant.markFinished()) {
            return;
        }
        counts.computeIfPresent(new Key(grant.budget(), grant.scopeKey(), grant.minute()),
                (k, c) -> new Count(Math.max(0, c.requests - 1), Math.max(0, c.tokens - grant.tokens())));
    }

    @Override
    public long[] usage(String budget, String scopeKey, Instant minute) {
        Count c = counts.get(new Key(budget, scopeKey, minute));
        return c == null ? new long[] {0, 0} : new long[] {c.requests, c.tokens};
    }

    private void sweep(Instant minute) {
        if (minute.isAfter(newest)) {
            newest = minute;
            Instant oldest = minute.minus(Duration.ofMinutes(2));
            counts.keySet().removeIf(k -> k.minute.isBefore(oldest));
        }
    }
}
