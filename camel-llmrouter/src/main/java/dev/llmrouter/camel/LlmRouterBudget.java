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

    BudgetDefinition toDefinition(String name) {
        return BudgetDefinition.parse(name, amount == null ? null : amount.toPlainString(), period, zone);
    }
}
