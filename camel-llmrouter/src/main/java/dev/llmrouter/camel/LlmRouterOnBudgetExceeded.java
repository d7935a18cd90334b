package dev.llmrouter.camel;

/**
 * What a call does when the budget cannot hold it (option {@code onBudgetExceeded}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code onBudgetExceeded=fail}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterOnBudgetExceeded {

    /** It fails with a BudgetExceededException; nothing is sent. */
    fail,

    /** It is sent to {@code downgradeModels} instead, without escalation, if the budget can hold that. */
    downgrade;
}
