package dev.llmrouter.camel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.util.URISupport;

/**
 * An MCP server whose tools an endpoint offers to the model (endpoint option {@code mcpServers}, by name). It is
 * reached either over streamable HTTP ({@link #setUrl url}, with optional {@link #setHeaders headers}) or by running
 * a local process that speaks MCP on its standard input and output ({@link #setCommand command} and
 * {@link #setArgs args}); exactly one of the two. Define it on the component ({@code mcpServers}) or as a registry
 * bean of this type.
 * <p>
 * A server that cannot be reached when the endpoint starts fails the start, naming the server, unless it is
 * {@link #setOptional optional}: then it is skipped with a warning and tried again at every refresh.
 */
public class LlmRouterMcpServer {

    private String url;
    private String command;
    private List<String> args = new ArrayList<>();
    private Map<String, String> env = new LinkedHashMap<>();
    private Map<String, String> headers = new LinkedHashMap<>();
    private boolean optional;
    private String tools;
    private Long timeout;

    public LlmRouterMcpServer() {
    }

    /** A server reached over streamable HTTP at {@code url}. */
    public static LlmRouterMcpServer http(String url) {
        LlmRouterMcpServer s = new LlmRouterMcpServer();
        s.setUrl(url);
        return s;
    }

    /** A server run as a local process speaking MCP over its standard input and output. */
    public static LlmRouterMcpServer stdio(String command, String... args) {
        LlmRouterMcpServer s = new LlmRouterMcpServer();
        s.setCommand(command);
        s.setArgs(new ArrayList<>(List.of(args)));
        return s;
    }

    public String getUrl() {
        return url;
    }

    /** The server's streamable HTTP endpoint, e.g. {@code http://localhost:8080/mcp}. Not with command. */
    public void setUrl(String url) {
        this.url = url;
    }

    public String getCommand() {
        return command;
    }

    /** The program to run for a stdio server (found on the PATH or given with its path). Not with url. */
    public void setCommand(String command) {
        this.command = command;
    }

    public List<String> getArgs() {
        return args;
    }

    /** The arguments of the stdio server's command, in order. */
    public void setArgs(List<String> args) {
        this.args = args;
    }

    public Map<String, String> getEnv() {
        return env;
    }

    /** Environment variables added to the stdio server's process. */
    public void setEnv(Map<String, String> env) {
        this.env = env;
    }

    public Map<String, String> getHeaders() {
        return headers;
    }

    /**
     * HTTP headers sent with every request to an HTTP server, e.g. {@code Authorization}. Their values are never
     * logged nor shown in the dev console.
     */
    public void setHeaders(Map<String, String> headers) {
        this.headers = headers;
    }

    public boolean isOptional() {
        return optional;
    }

    /**
     * Whether the endpoint starts without this server when it cannot be reached (logged as a warning, tried again at
     * every refresh) instead of failing.
     */
    public void setOptional(boolean optional) {
        this.optional = optional;
    }

    public String getTools() {
        return tools;
    }

    /**
     * Which of the server's tools are offered: a comma-separated list of names or globs ({@code *} any characters,
     * {@code ?} one), e.g. {@code orders_*,ping}. Unset: all of them.
     */
    public void setTools(String tools) {
        this.tools = tools;
    }

    public Long getTimeout() {
        return timeout;
    }

    /**
     * How long connecting, listing tools and each tool call may take, in milliseconds. Unset: 30 seconds.
     */
    public void setTimeout(Long timeout) {
        this.timeout = timeout;
    }

    @Override
    public String toString() {
        return "LlmRouterMcpServer[" + (url != null ? "url=" + URISupport.sanitizeUri(url) : "command=" + command)
               + (headers == null || headers.isEmpty() ? "" : ", headers=" + headers.keySet()) + ", optional="
               + optional + (tools == null ? "" : ", tools=" + tools) + "]";
    }
}
