package dev.llmrouter.camel.cost.budget;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer of {@link RateLimits#acquire}: granted (one request and {@link #tokens()} held in the minute) or refused
 * (with the counts that refused it). A granted one is settled or released once; later calls are ignored.
 */
public final class RateGrant {

    private final String budget;
    private final String scopeKey;
    private final Instant minute;
    private final long tokens;
    private final boolean granted;
    private final long requestsUsed;
    private final long tokensUsed;
    private final AtomicBoolean finished = new AtomicBoolean();

    /**
     * @param requestsUsed the minute's admitted requests, including this one when granted
     * @param tokensUsed   the minute's tokens, including this one's when granted
     */
    public RateGrant(String budget, String scopeKey, Instant minute, long tokens, boolean granted, long requestsUsed,
                     long tokensUsed) {
        this.budget = budget;
        this.scopeKey = scopeKey;
        this.minute = minute;
        this.tokens = tokens;
        this.granted = granted;
        this.requestsUsed = requestsUsed;
        this.tokensUsed = tokensUsed;
    }

    public String budget() {
        return budget;
    }

    public String scopeKey() {
        return scopeKey;
    }

    /** The start of the minute the request was counted in. */
    public Instant minute() {
        return minute;
    }

    /** The worst-case tokens held. */
    public long tokens() {
        return tokens;
    }

    public boolean isGranted() {
        return granted;
    }

    /** Requests admitted in the minute (with this one when granted). */
    public long requestsUsed() {
        return requestsUsed;
    }

    /** Tokens counted in the minute (with this one's when granted). */
    public long tokensUsed() {
        return tokensUsed;
    }

    /** Marks a granted grant finished; true only the first time. */
    boolean markFinished() {
        return granted && finished.compareAndSet(false, true);
    }
}
