package dev.llmrouter.camel.agent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One MCP server an endpoint uses, validated: reached over streamable HTTP ({@code url}) or as a stdio process
 * ({@code command} and {@code args}), exactly one. The header values (an {@code Authorization} among them) are
 * secrets: {@link #toString()} and {@link #location()} never show them. Internal.
 *
 * @param name      the configured name (for logs, errors and the dev console)
 * @param url       the streamable HTTP endpoint, or null for a stdio server
 * @param command   the program of a stdio server, or null for an HTTP server
 * @param args      the program's arguments
 * @param env       environment variables added to the program's process
 * @param headers   HTTP headers sent with every request to an HTTP server
 * @param optional  whether the endpoint starts without the server when it cannot be reached
 * @param filter    which of its tools are offered
 * @param timeout   how long connecting, listing tools and one tool call may take
 */
public record McpServerSpec(String name, URI url, String command, List<String> args, Map<String, String> env,
        Map<String, String> headers, boolean optional, ToolFilter filter, Duration timeout) {

    /** The default of {@code timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public McpServerSpec {
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : Map.copyOf(env);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        filter = filter == null ? ToolFilter.ALL : filter;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Whether the server is reached over HTTP (else it is a stdio process). */
    public boolean http() {
        return url != null;
    }

    /** Where the server is, without secrets: the URL without user info and query, or the command line's program. */
    public String location() {
        if (url != null) {
            return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                   + (url.getRawPath() == null ? "" : url.getRawPath());
        }
        return "stdio:" + command;
    }

    /** The same server with another tool filter. */
    public McpServerSpec withFilter(ToolFilter other) {
        return new McpServerSpec(name, url, command, args, env, headers, optional, other, timeout);
    }

    @Override
    public String toString() {
        return "MCP server '" + name + "' (" + location() + ")";
    }
}
