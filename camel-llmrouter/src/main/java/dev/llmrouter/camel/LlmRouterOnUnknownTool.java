package dev.llmrouter.camel;

/**
 * What the agent loop does when the model calls a tool the endpoint does not have (option {@code onUnknownTool}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code onUnknownTool=fail}; a value is read ignoring case,
 * {@code -} and {@code _}.
 */
public enum LlmRouterOnUnknownTool {

    /** A tool message naming the tools that exist is sent back, and the loop goes on. */
    reprompt,

    /** The exchange fails with a ToolExecutionException; the message keeps its body. */
    fail;
}
