package dev.llmrouter.camel;

/**
 * What a message's policy headers (and the matching fields of a ChatRequest body) may do to the endpoint's
 * policy options (option {@code headerPolicy}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code headerPolicy=narrow}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterHeaderPolicy {

    /** They may only make the call stricter; a looser value fails the exchange with a PolicyViolationException. */
    narrow,

    /** They replace the options, stricter or looser. */
    override;
}
