package dev.llmrouter.camel;

/**
 * What the agent loop does when a tool fails: it throws, its answer fails, or it does not answer within
 * {@code toolTimeout} (option {@code onToolError}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code onToolError=fail}; a value is read ignoring case,
 * {@code -} and {@code _}.
 */
public enum LlmRouterOnToolError {

    /** The error text is sent to the model as the tool message, and the loop goes on: the model may recover. */
    reprompt,

    /** The exchange fails with a ToolExecutionException; the message keeps its body. */
    fail;
}
