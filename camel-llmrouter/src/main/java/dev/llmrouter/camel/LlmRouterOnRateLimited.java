package dev.llmrouter.camel;

/**
 * What a call does when a budget's rpm or tpm refuses it in the current minute (option {@code onRateLimited}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code onRateLimited=fail}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterOnRateLimited {

    /** It fails with a LocalRateLimitException; nothing is sent. */
    fail,

    /** It is admitted again when the next minute starts, without holding a thread. */
    wait;
}
