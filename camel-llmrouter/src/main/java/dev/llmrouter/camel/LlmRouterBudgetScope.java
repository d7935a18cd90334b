package dev.llmrouter.camel;

/**
 * What a budget is counted per when the budget sets no scope of its own (option {@code budgetScope}); header
 * {@code CamelLlmRouterBudgetKey} overrides it per message.
 * <p>
 * The constants are spelt as the option's values, e.g. {@code budgetScope=global}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterBudgetScope {

    /** One pot for every call. */
    global,

    /** One pot per route id. */
    route,

    /** One pot per endpoint URI. */
    endpoint;
}
