package dev.llmrouter.camel.cost.budget;

import java.time.Duration;
import java.time.Instant;

/** The fixed one-minute windows of {@link RateLimits}, and argument checks shared by its implementations. */
public final class RateWindow {

    /** The window length. */
    public static final Duration MINUTE = Duration.ofMinutes(1);

    private RateWindow() {
    }

    /** The start of the (UTC, epoch-aligned) minute containing {@code t}. */
    public static Instant minuteOf(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), MINUTE.toMillis()) * MINUTE.toMillis());
    }

    static void check(String budget, String scopeKey, Instant minute, long tokens) {
        if (budget == null || scopeKey == null || minute == null) {
            throw new IllegalArgumentException("budget, scope key and minute must not be null");
        }
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be zero or more but was " + tokens);
        }
    }
}
