package dev.llmrouter.camel;

import java.math.BigDecimal;

import dev.llmrouter.camel.cost.BudgetDefinition;

/**
 * A named spending limit that endpoints book their calls on with option {@code budget}: at most {@code amount}
 * USD per period, counted separately per scope key (see the endpoint option {@code budgetScope} and header
 * {@code CamelLlmRouterBudgetKey}). Define it on the component ({@code budgets}) or as a registry bean of this type.
 */
public class LlmRouterBudget {

    private BigDecimal amount;
    private String period = "none";
    private String zone = "UTC";
    private Long rpm;
    private Long tpm;

    public LlmRouterBudget() {
    }

    public LlmRouterBudget(BigDecimal amount, String period) {
        this.amount = amount;
        this.period = period;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    /** The most that may be spent per period, in USD. Required. */
    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getPeriod() {
        return period;
    }

    /** When the budget starts afresh: none (never), hourly, daily, weekly (Mondays) or monthly. */
    public void setPeriod(String period) {
        this.period = period;
    }

    public String getZone() {
        return zone;
    }

    /** The time zone the periods follow, e.g. Europe/Berlin. */
    public void setZone(String zone) {
        this.zone = zone;
    }

    public Long getRpm() {
        return rpm;
    }

    /**
     * At most this many requests per minute across every instance sharing the ledger (counted when a call is
     * admitted, before it is sent); unset for no limit. See the endpoint option {@code onRateLimited}.
     */
    public void setRpm(Long rpm) {
        this.rpm = rpm;
    }

    public Long getTpm() {
        return tpm;
    }

    /**
     * At most this many tokens per minute across every instance sharing the ledger: a call holds its worst-case
     * tokens (prompt estimate plus max completion tokens) when admitted and its actual total tokens once answered;
     * unset for no limit.
     */
    public void setTpm(Long tpm) {
        this.tpm = tpm;
    }

    BudgetDefinition toDefinition(String name) {
        return BudgetDefinition.parse(name, amount == null ? null : amount.toPlainString(), period, zone)
                .withRateLimits(rpm, tpm);
    }
}
