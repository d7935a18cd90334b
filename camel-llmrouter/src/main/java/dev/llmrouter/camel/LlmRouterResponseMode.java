package dev.llmrouter.camel;

/**
 * What becomes the body of the answer (option {@code responseMode}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code responseMode=content}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterResponseMode {

    /** The assistant's text, or the {@code outputClass} instance. */
    content,

    /** The whole response object, a {@link dev.llmrouter.camel.wire.ChatResponse}. */
    full;
}
