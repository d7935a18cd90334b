package dev.llmrouter.camel;

/**
 * What a message does when option {@code idempotencyKey} evaluates to null or an empty text (option
 * {@code onMissingIdempotencyKey}).
 * <p>
 * The constants are spelt as the option's values; a value is read ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterOnMissingIdempotencyKey {

    /** It fails with an InvalidMessageException naming the option and its expression; nothing is sent. */
    fail,

    /** It is sent as usual, without the protection of a key. */
    call;
}
