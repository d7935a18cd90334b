package dev.llmrouter.camel.error;

/**
 * A budget's own {@code rpm} (requests per minute) or {@code tpm} (tokens per minute) limit refuses the request in
 * the current minute; nothing was sent. Unlike {@link RateLimitException} (the server's 429) this is decided here,
 * before any HTTP call, on the ledger's counts. With {@code onRateLimited=wait} it ends the exchange only when the
 * next minute would come after {@code totalTimeout}, or when the request can never fit ({@code tpm} smaller than
 * its worst-case tokens).
 */
public class LocalRateLimitException extends LlmRouterException {

    private final String budget;
    private final String scopeKey;
    private final String limitName;
    private final long limit;
    private final long used;
    private final long requested;
    private final long retryAfterMillis;

    /**
     * @param budget           the budget's name
     * @param scopeKey         the scope the limit is counted per; may be empty
     * @param limitName        {@code rpm} or {@code tpm}
     * @param limit            the limit's value
     * @param used             requests (rpm) or tokens (tpm) already counted in the minute
     * @param requested        what this request needs: 1 (rpm) or its worst-case tokens (tpm)
     * @param retryAfterMillis milliseconds until the next minute starts, or -1 when the request can never fit
     * @param why              what became of the request, ending the message (e.g. "nothing was sent")
     */
    public LocalRateLimitException(String budget, String scopeKey, String limitName, long limit, long used,
                                   long requested, long retryAfterMillis, String why) {
        super(new ErrorInfo(message(budget, scopeKey, limitName, limit, used, requested, why), 0, "rate_limited_locally",
                Usd.metadata("budget", budget, "scopeKey", scopeKey, "limit", limitName, "limitValue", limit,
                        "used", used, "requested", requested),
                null, null), retryAfterMillis >= 0);
        this.budget = budget;
        this.scopeKey = scopeKey;
        this.limitName = limitName;
        this.limit = limit;
        this.used = used;
        this.requested = requested;
        this.retryAfterMillis = retryAfterMillis;
    }

    private static String message(String budget, String scopeKey, String limitName, long limit, long used,
                                  long requested, String why) {
        String unit = "rpm".equals(limitName) ? "requests" : "tokens";
        String head = "Budget '" + budget + "' (scope '" + scopeKey + "') allows " + limit + " " + unit
                      + " per minute (" + limitName + ")";
        if ("rpm".equals(limitName)) {
            return head + " and has admitted " + used + " in this minute; " + why;
        }
        if (requested > limit) {
            return head + " but this request may use " + requested + " tokens; " + why;
        }
        return head + ", " + used + " are counted in this minute and this request may use " + requested + "; " + why;
    }

    /** A refusal is a decision, not a crash: no stack trace is taken. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The budget's name. */
    public String getBudget() {
        return budget;
    }

    /** The scope key the limit was counted for. */
    public String getScopeKey() {
        return scopeKey;
    }

    /** The limit that refused: {@code rpm} or {@code tpm}. */
    public String getLimitName() {
        return limitName;
    }

    /** The limit's value. */
    public long getLimit() {
        return limit;
    }

    /** What the minute had counted when the request was refused. */
    public long getUsed() {
        return used;
    }

    /** What the request needed: 1 request, or its worst-case tokens. */
    public long getRequested() {
        return requested;
    }

    /** Milliseconds until the next minute starts, or -1 when the request can never fit. */
    public long getRetryAfterMillis() {
        return retryAfterMillis;
    }

    /** The same refusal ending with another reason. */
    public LocalRateLimitException because(String why) {
        return new LocalRateLimitException(budget, scopeKey, limitName, limit, used, requested, retryAfterMillis, why);
    }
}
