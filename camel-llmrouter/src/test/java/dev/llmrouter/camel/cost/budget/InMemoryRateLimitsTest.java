package dev.llmrouter.camel.cost.budget;

/** {@link InMemoryRateLimits} through {@link InMemoryLedger}: one ledger stands for both. */
class InMemoryRateLimitsTest extends RateLimitsContract {

    private final InMemoryLedger ledger = new InMemoryLedger();

    @Override
    BudgetLedger ledger() {
        return ledger;
    }

    @Override
    BudgetLedger otherLedger() {
        return ledger;
    }
}
