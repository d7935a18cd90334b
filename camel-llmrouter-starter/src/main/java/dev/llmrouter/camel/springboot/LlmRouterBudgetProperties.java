package dev.llmrouter.camel.springboot;

import java.math.BigDecimal;

/** A named budget under {@code camel.component.llmrouter.budgets.<name>}. */
public class LlmRouterBudgetProperties {

    /** The most that may be spent per period, in USD. Required. */
    private BigDecimal amount;
    /** When the budget starts afresh: none (never), hourly, daily, weekly (Mondays) or monthly. */
    private String period = "none";
    /** The time zone the periods follow, e.g. Europe/Berlin. */
    private String zone = "UTC";

    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getPeriod() {
        return period;
    }

    public void setPeriod(String period) {
        this.period = period;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }
}
