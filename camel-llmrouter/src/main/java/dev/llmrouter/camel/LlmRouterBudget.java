package dev.llmrouter.camel;

import java.math.BigDecimal;

import dev.llmrouter.camel.cost.budget.BudgetDefinition;

/**
 * A named spending limit that endpoints book their calls on with option {@code budget}: at most {@code amount}
 * USD per period, counted separately per scope key (see the endpoint option {@code budgetScope} and header
 * {@code CamelLlmRouterBudgetKey}, or this budget's own {@link #setScope scope}). Define it on the component
 * ({@code budgets}) or as a registry bean of this type. An endpoint may book on several budgets at once
 * ({@code budget=tenant,team,global}); each keeps its own amount, period, rpm/tpm and scope.
 */
public class LlmRouterBudget {

    private BigDecimal amount;
    private String period = "none";
    private String zone = "UTC";
    private Long rpm;
    private Long tpm;
    private String scope;

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

    public String getScope() {
        return scope;
    }

    /**
     * What this budget is counted per: {@code global} (one amount for every call), {@code route} (per route id),
     * {@code endpoint} (per endpoint URI), {@code header} (per value of header {@code CamelLlmRouterBudgetKey}) or a
     * Camel simple expression evaluated per message, e.g. {@code ${header.tenant}} (an empty result counts under the
     * empty key; write {@code $simple{header.tenant}} where {@code ${...}} is taken as a property placeholder, as in
     * Spring Boot properties). Unset: the endpoint's {@code budgetScope}, with header {@code CamelLlmRouterBudgetKey} taking
     * precedence, as for a single budget.
     */
    public void setScope(String scope) {
        this.scope = scope;
    }

    public BudgetDefinition toDefinition(String name) {
        return BudgetDefinition.parse(name, amount == null ? null : amount.toPlainString(), period, zone)
                .withRateLimits(rpm, tpm);
    }
}
