package dev.llmrouter.camel;

/**
 * What a cost ceiling or budget does with a model that has no price (option {@code unknownModelPolicy}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code unknownModelPolicy=reject}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterUnknownModelPolicy {

    /** The call fails with an UnknownModelPriceException. */
    reject,

    /** The model is priced with {@code worstCasePricePrompt} and {@code worstCasePriceCompletion}. */
    worstCase;
}
