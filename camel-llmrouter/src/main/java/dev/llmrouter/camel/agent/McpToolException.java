package dev.llmrouter.camel.agent;

/**
 * An MCP tool call that failed: the server answered with {@code isError} (the message carries the text it gave),
 * did not answer in time, or could not be reached. The agent loop treats it as any tool failure
 * ({@code onToolError}).
 */
public class McpToolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String server;
    private final String tool;

    public McpToolException(String server, String tool, String message, Throwable cause) {
        super(message, cause);
        this.server = server;
        this.tool = tool;
    }

    /** The configured name of the MCP server. */
    public String getServer() {
        return server;
    }

    /** The tool's name as the server knows it. */
    public String getTool() {
        return tool;
    }
}
