package dev.llmrouter.camel.cost;

/** What to do when the pricing catalog does not know a model. */
public enum UnknownModelPolicy {
    /** Refuse with {@link dev.llmrouter.camel.error.UnknownModelPriceException}: no estimate, nothing sent. */
    REJECT,
    /** Assume a configured worst-case {@link Price}, so ceilings and budgets still hold. */
    WORST_CASE
}
