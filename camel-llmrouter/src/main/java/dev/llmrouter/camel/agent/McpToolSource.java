package dev.llmrouter.camel.agent;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The tools of one MCP server, through the MCP Java SDK's async client, over streamable HTTP or stdio. Starting it
 * connects (initialize, then {@code tools/list}); a server that cannot be reached fails the start with an exception
 * naming it, unless it is optional: then the start logs a warning and {@link #refresh()} tries again. Each
 * {@link LlmRouterTool} it offers calls {@code tools/call} without blocking the calling thread and completes with the
 * text of the result; a result marked {@code isError} completes exceptionally with a {@link McpToolException}
 * carrying that text.
 * <p>
 * {@link #refresh()} lists the tools again (over a new session when the old one no longer answers); when that
 * fails the last list stays and the failure is logged. Tool names
 * the model cannot call (outside {@code [A-Za-z0-9_-]}, or longer than 64) are offered with those characters replaced
 * by {@code _} and cut to 64, and called under their own name. Internal.
 */
public class McpToolSource extends ServiceSupport implements LlmRouterToolSource {

    private static final Logger LOG = LoggerFactory.getLogger(McpToolSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a source stands; see {@link McpToolSource#state()}. */
    public enum State {
        /** Not started, or stopped. */
        STOPPED,
        /** Connected; its tool list is current as of the last refresh. */
        CONNECTED,
        /** Optional and not reachable at start or since: it offers no tools until a refresh reaches it. */
        UNAVAILABLE
    }

    private final McpServerSpec spec;
    private final McpJsonMapper mapper = new JacksonMcpJsonMapper(JSON);

    private volatile McpAsyncClient client;
    private volatile List<LlmRouterTool> tools = List.of();
    private volatile List<String> serverToolNames = List.of();
    private volatile State state = State.STOPPED;
    private volatile String lastError;
    private volatile Instant lastRefresh;
    private volatile CompletableFuture<Void> inFlight;

    public McpToolSource(McpServerSpec spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public List<LlmRouterTool> tools() {
        return tools;
    }

    /** The server this source reads. */
    public McpServerSpec spec() {
        return spec;
    }

    /** Connected, unavailable (an optional server not reached) or stopped. */
    public State state() {
        return state;
    }

    /** Why the last connection or refresh failed, or null when it succeeded. */
    public String lastError() {
        return lastError;
    }

    /** When the tool list was last read successfully, or null. */
    public Instant lastRefresh() {
        return lastRefresh;
    }

    /** Every tool name the server listed at the last successful refresh, offered or not. */
    public List<String> serverToolNames() {
        return serverToolNames;
    }

    @Override
    protected void doStart() throws Exception {
        try {
            connect().toCompletableFuture().get(spec.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            closeClient();
            lastError = describe(cause);
            if (spec.optional()) {
                state = State.UNAVAILABLE;
                LOG.warn("{} is optional and cannot be reached ({}): starting without its tools; trying again at the"
                         + " next refresh", spec, lastError);
                return;
            }
            throw new IllegalStateException(spec + " cannot be reached: " + lastError, cause);
        }
    }

    @Override
    protected void doStop() throws Exception {
        state = State.STOPPED;
        tools = List.of();
        closeClient();
    }

    /**
     * Reads the tool list again (connecting first when the server was not reached yet). Never completes
     * exceptionally: a failure keeps the last list, is logged and shows in {@link #lastError()}. At most one refresh
     * runs at a time; a call while one runs returns that one.
     */
    public synchronized CompletionStage<Void> refresh() {
        if (!isStarted() && !isStarting()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> running = inFlight;
        if (running != null && !running.isDone()) {
            return running;
        }
        McpAsyncClient current = client;
        // a session that no longer answers (the server restarted, say) is replaced by a new one once per refresh
        CompletionStage<Void> work = current == null ? connect() : list(current).exceptionallyCompose(e -> {
            LOG.debug("Listing the tools of {} failed ({}): connecting again", spec, describe(e));
            return connect();
        });
        CompletableFuture<Void> done = work.handle((ok, e) -> {
            if (e != null) {
                lastError = describe(e);
                if (current == null) {
                    LOG.warn("{} still cannot be reached ({}): no tools from it until the next refresh", spec,
                            lastError);
                } else {
                    LOG.warn("Refreshing the tools of {} failed ({}): keeping the {} tools listed before", spec,
                            lastError, tools.size());
                }
            }
            return (Void) null;
        }).toCompletableFuture();
        inFlight = done;
        return done;
    }

    private CompletionStage<Void> connect() {
        McpAsyncClient c;
        try {
            c = McpClient.async(transport())
                    .clientInfo(new McpSchema.Implementation("camel-llmrouter", "1"))
                    .requestTimeout(spec.timeout())
                    .initializationTimeout(spec.timeout())
                    .jsonSchemaValidator(new LenientValidator(mapper))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return c.initialize().timeout(spec.timeout()).toFuture()
                .thenCompose(init -> list(c))
                .whenComplete((ok, e) -> {
                    if (e == null) {
                        if (isStopping() || isStopped()) {
                            c.closeGracefully().subscribe(v -> { }, err -> { });
                            return;
                        }
                        McpAsyncClient previous = client;
                        client = c;
                        state = State.CONNECTED;
                        if (previous != null && previous != c) {
                            previous.closeGracefully().subscribe(v -> { }, err -> { });
                        }
                        LOG.info("Connected to {}: offering {} of its {} tools", spec, tools.size(),
                                serverToolNames.size());
                    } else {
                        c.closeGracefully().subscribe(v -> { }, err -> { });
                    }
                });
    }

    private McpClientTransport transport() {
        if (spec.http()) {
            URI url = spec.url();
            String base = url.getScheme() + "://" + url.getRawAuthority();
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            if (url.getRawQuery() != null) {
                path += "?" + url.getRawQuery();
            }
            Map<String, String> headers = spec.headers();
            return HttpClientStreamableHttpTransport.builder(base)
                    .endpoint(path)
                    .jsonMapper(mapper)
                    .connectTimeout(spec.timeout())
                    .clientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                    .httpRequestCustomizer((builder, method, uri, body, context) -> headers.forEach(builder::setHeader))
                    .build();
        }
        ServerParameters params = ServerParameters.builder(spec.command()).args(spec.args()).env(spec.env()).build();
        StdioClientTransport stdio = new StdioClientTransport(params, mapper);
        stdio.setStdErrorHandler(line -> LOG.debug("{} stderr: {}", spec, line));
        return stdio;
    }

    /** Lists every page of tools and installs the filtered list. */
    private CompletionStage<Void> list(McpAsyncClient c) {
        return page(c, null, new ArrayList<>()).timeout(spec.timeout()).toFuture().thenAccept(all -> {
            List<String> names = new ArrayList<>();
            Map<String, LlmRouterTool> offered = new LinkedHashMap<>();
            for (McpSchema.Tool t : all) {
                names.add(t.name());
                if (!spec.filter().matches(t.name())) {
                    continue;
                }
                String callable = callableName(t.name());
                if (offered.containsKey(callable)) {
                    LOG.warn("{} lists tool '{}' whose callable name '{}' is taken by another of its tools: not"
                             + " offered", spec, t.name(), callable);
                    continue;
                }
                offered.put(callable, new McpTool(callable, t));
            }
            serverToolNames = List.copyOf(names);
            tools = List.copyOf(offered.values());
            lastRefresh = Instant.now();
            lastError = null;
        });
    }

    private Mono<List<McpSchema.Tool>> page(McpAsyncClient c, String cursor, List<McpSchema.Tool> acc) {
        Mono<McpSchema.ListToolsResult> next = cursor == null ? c.listTools() : c.listTools(cursor);
        return next.flatMap(r -> {
            if (r.tools() != null) {
                acc.addAll(r.tools());
            }
            String more = r.nextCursor();
            if (more == null || more.isEmpty() || more.equals(cursor) || acc.size() > 10_000) {
                return Mono.just(acc);
            }
            return page(c, more, acc);
        });
    }

    static String callableName(String name) {
        String n = ToolCatalog.sanitize(name);
        return n.isEmpty() ? "_" : n;
    }

    private void closeClient() {
        McpAsyncClient c = client;
        client = null;
        if (c != null) {
            try {
                c.closeGracefully().block(spec.timeout());
            } catch (RuntimeException e) {
                LOG.debug("Closing {} failed: {}", spec, e.getMessage());
                c.close();
            }
        }
    }

    /** The failure in a few words: its message, and the root cause when that is another exception. */
    private static String describe(Throwable e) {
        Throwable top = e;
        while (top.getCause() != null && (top instanceof CompletionException
                                          || top instanceof ExecutionException
                                          || top.getMessage() == null || top.getMessage().isBlank())) {
            top = top.getCause();
        }
        Throwable root = top;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (top instanceof TimeoutException || root instanceof TimeoutException) {
            return "no answer within the timeout";
        }
        String text = name(top);
        return root == top ? text : text + " (caused by " + name(root) + ")";
    }

    private static String name(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** One tool of the server. */
    private final class McpTool implements LlmRouterTool {

        private final String callable;
        private final McpSchema.Tool tool;
        private final Map<String, Object> parameters;

        McpTool(String callable, McpSchema.Tool tool) {
            this.callable = callable;
            this.tool = tool;
            Map<String, Object> schema = tool.inputSchema();
            this.parameters = schema == null || schema.isEmpty() ? RouteTool.OPEN_OBJECT : schema;
        }

        @Override
        public String name() {
            return callable;
        }

        @Override
        public String description() {
            if (tool.description() != null && !tool.description().isBlank()) {
                return tool.description();
            }
            return tool.title() != null ? tool.title() : tool.name();
        }

        @Override
        public Map<String, Object> parameters() {
            return parameters;
        }

        @Override
        public CompletionStage<String> invoke(String arguments, Exchange exchange) {
            McpAsyncClient c = client;
            if (c == null) {
                return CompletableFuture.failedFuture(new McpToolException(spec.name(), tool.name(),
                        "MCP tool '" + tool.name() + "' cannot be called: " + spec + " is not connected", null));
            }
            Map<String, Object> args;
            try {
                args = arguments == null || arguments.isBlank()
                        ? Map.of() : JSON.readValue(arguments, new TypeReference<Map<String, Object>>() {
                        });
                if (args == null) {
                    args = Map.of();
                }
            } catch (Exception e) {
                return CompletableFuture.failedFuture(new McpToolException(spec.name(), tool.name(),
                        "The arguments for MCP tool '" + tool.name() + "' are not a JSON object: " + e.getMessage(),
                        e));
            }
            CompletableFuture<String> answer = new CompletableFuture<>();
            c.callTool(new McpSchema.CallToolRequest(tool.name(), args))
                    .timeout(spec.timeout())
                    .subscribe(result -> {
                        String text = text(result);
                        if (Boolean.TRUE.equals(result.isError())) {
                            answer.completeExceptionally(new McpToolException(spec.name(), tool.name(),
                                    "MCP tool '" + tool.name() + "' on " + spec + " returned an error: " + text, null));
                        } else {
                            answer.complete(text);
                        }
                    }, e -> {
                        String why = e instanceof TimeoutException
                                ? "no answer within " + spec.timeout().toMillis() + " ms" : describe(e);
                        answer.completeExceptionally(new McpToolException(spec.name(), tool.name(),
                                "MCP tool '" + tool.name() + "' on " + spec + " failed: " + why, e));
                    }, () -> answer.completeExceptionally(new McpToolException(spec.name(), tool.name(),
                            "MCP tool '" + tool.name() + "' on " + spec + " gave no result", null)));
            return answer;
        }

        @Override
        public String toString() {
            return "McpTool[" + spec.name() + ":" + tool.name() + "]";
        }
    }

    /** The text of a result: its text parts joined by new lines; other parts are described in brackets. */
    String text(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) {
            for (McpSchema.Content content : result.content()) {
                if (content instanceof McpSchema.TextContent t) {
                    parts.add(t.text() == null ? "" : t.text());
                } else if (content instanceof McpSchema.EmbeddedResource r
                           && r.resource() instanceof McpSchema.TextResourceContents t) {
                    parts.add(t.text() == null ? "" : t.text());
                } else if (content instanceof McpSchema.ImageContent i) {
                    parts.add("[image " + i.mimeType() + "]");
                } else if (content instanceof McpSchema.AudioContent a) {
                    parts.add("[audio " + a.mimeType() + "]");
                } else if (content instanceof McpSchema.ResourceLink l) {
                    parts.add("[resource " + l.uri() + "]");
                } else if (content instanceof McpSchema.EmbeddedResource r) {
                    parts.add("[resource " + r.resource().uri() + "]");
                }
            }
        }
        if (parts.isEmpty() && result.structuredContent() != null) {
            try {
                return mapper.writeValueAsString(result.structuredContent());
            } catch (Exception e) {
                return String.valueOf(result.structuredContent());
            }
        }
        return String.join("\n", parts);
    }

    /**
     * Accepts every structured result: the SDK's own validator needs a newer json-schema-validator than the one the
     * component uses, and the loop passes the text on without relying on the structure.
     */
    private static final class LenientValidator implements JsonSchemaValidator {

        private final McpJsonMapper mapper;

        LenientValidator(McpJsonMapper mapper) {
            this.mapper = mapper;
        }

        @Override
        public ValidationResponse validate(Map<String, Object> schema, Object structuredContent) {
            try {
                return ValidationResponse.asValid(mapper.writeValueAsString(structuredContent));
            } catch (Exception e) {
                return ValidationResponse.asValid(String.valueOf(structuredContent));
            }
        }
    }
}
