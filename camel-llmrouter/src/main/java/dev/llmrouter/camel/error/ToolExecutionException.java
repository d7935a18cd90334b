package dev.llmrouter.camel.error;

/**
 * A tool of the agent loop failed (it threw, its stage failed, or it did not answer within {@code toolTimeout})
 * with {@code onToolError=fail}, or the model called a tool the endpoint does not have with
 * {@code onUnknownTool=fail}. The loop stopped; the message keeps the body it had before the loop. The cause is
 * the tool's own failure, when there was one. Not retryable.
 */
public class ToolExecutionException extends LlmRouterException {

    private final String toolName;
    private final String toolCallId;

    /**
     * @param toolName   the function name the model called
     * @param toolCallId the id of the model's tool call
     * @param text       what went wrong
     * @param cause      the tool's failure, or null
     */
    public ToolExecutionException(String toolName, String toolCallId, String text, Throwable cause) {
        super(new ErrorInfo("Tool '" + toolName + "' (call " + toolCallId + "): " + text, 0, "tool_failed",
                Usd.metadata("tool", toolName, "toolCallId", toolCallId), null, cause), false);
        this.toolName = toolName;
        this.toolCallId = toolCallId;
    }

    /** The function name the model called. */
    public String getToolName() {
        return toolName;
    }

    /** The id of the model's tool call. */
    public String getToolCallId() {
        return toolCallId;
    }
}
