package dev.llmrouter.camel.error;

/**
 * The budget ledger could not be reached when a request asked for its reservation, and the endpoint fails closed
 * ({@code ledgerFailure=failClosed}, the default): nothing was sent and the message body is unchanged. Retryable
 * once the ledger is back.
 */
public class LedgerUnavailableException extends LlmRouterException {

    private final String budget;
    private final String scopeKey;

    /**
     * @param budget   the budget's name
     * @param scopeKey the scope the budget is counted per; may be empty
     * @param reason   why the ledger could not be used (the ledger's own message)
     */
    public LedgerUnavailableException(String budget, String scopeKey, String reason) {
        super(new ErrorInfo("Budget '" + budget + "' (scope '" + scopeKey + "') cannot be checked: the ledger is"
                + " unavailable (" + reason + "); nothing was sent (ledgerFailure=failClosed)",
                0, "ledger_unavailable", java.util.Map.of("budget", String.valueOf(budget),
                        "scopeKey", String.valueOf(scopeKey)), null, null), true);
        this.budget = budget;
        this.scopeKey = scopeKey;
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

    /** The scope key the budget is counted for. */
    public String getScopeKey() {
        return scopeKey;
    }
}
