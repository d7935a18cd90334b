package dev.llmrouter.examples.agent;

import java.io.File;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import reactor.core.publisher.Mono;

/**
 * The shop's policy handbook as an MCP server (the MCP Java SDK over streamable HTTP, in an embedded Tomcat on a free
 * loopback port): one tool, {@code policy_search}, that answers with the paragraphs about a topic. It stands for
 * the MCP servers a company already runs; the agent reaches it through option {@code mcpServers}.
 */
public final class PolicyServer implements AutoCloseable {

    /** The handbook: topic keywords and the paragraph each finds. */
    static final Map<String, String> HANDBOOK = Map.of(
            "return", "Returns: unopened items can be returned within 30 days of delivery for a full refund;"
                      + " opened items within 14 days, minus a 10% restocking fee.",
            "damaged", "Damaged items: an item that arrived damaged is refunded in full, without returning it,"
                       + " when the customer reports it within 14 days of delivery.",
            "shipping", "Shipping: orders ship within one business day; delivery takes 2 to 4 business days."
                        + " An order not delivered after 10 business days is investigated and reshipped.",
            "refund", "Refunds: a refund is paid back to the original payment method within 5 business days of"
                      + " being accepted. Orders that have not been delivered cannot be refunded; they can be"
                      + " refused at delivery.");

    /** Tomcat's leak checks at stop look for a web application's JDBC drivers, which this servlet has none of. */
    private static final java.util.logging.Logger QUIET_LOADER =
            java.util.logging.Logger.getLogger("org.apache.catalina.loader.WebappClassLoaderBase");

    static {
        QUIET_LOADER.setLevel(java.util.logging.Level.SEVERE);
    }

    private final Tomcat tomcat;
    private final McpAsyncServer server;
    private final String url;
    private final AtomicInteger calls = new AtomicInteger();

    /** Starts the server. */
    public PolicyServer() throws Exception {
        McpJsonMapper mapper = new JacksonMcpJsonMapper(new ObjectMapper());
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(mapper).mcpEndpoint("/mcp")
                // no idle-session sweeper: the SDK runs it on a thread of its own that nothing stops, which would
                // keep the JVM (and mvn exec:java) from ending; this server lives as long as the example
                .sessionSweepInterval(null)
                .build();
        McpSchema.Tool search = McpSchema.Tool.builder("policy_search")
                .description("Searches the shop's policy handbook (returns, damaged items, shipping, refunds)"
                             + " and answers with the matching paragraphs")
                .inputSchema(Map.of("type", "object",
                        "properties", Map.of("topic", Map.of("type", "string",
                                "description", "What the customer asks about, in a few words")),
                        "required", List.of("topic")))
                .build();
        server = McpServer.async(transport)
                .serverInfo("policy-handbook", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonMapper(mapper)
                // the tool has no structured output to check
                .jsonSchemaValidator((schema, content) -> JsonSchemaValidator.ValidationResponse
                        .asValid(String.valueOf(content)))
                .tools(McpServerFeatures.AsyncToolSpecification.builder().tool(search)
                        .callHandler((exchange, request) -> {
                            calls.incrementAndGet();
                            Object topic = request.arguments() == null ? null : request.arguments().get("topic");
                            return Mono.just(McpSchema.CallToolResult.builder()
                                    .addTextContent(search(String.valueOf(topic))).build());
                        }).build())
                .build();
        File baseDir = Files.createTempDirectory("policy-mcp").toFile();
        tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        StandardContext ctx = (StandardContext) tomcat.addContext("", baseDir.getAbsolutePath());
        // one servlet, no web application classes: nothing for Tomcat's leak checks to clear at stop
        ctx.setClearReferencesObjectStreamClassCaches(false);
        ctx.setClearReferencesRmiTargets(false);
        ctx.setClearReferencesThreadLocals(false);
        Wrapper wrapper = Tomcat.addServlet(ctx, "mcp", transport);
        wrapper.setAsyncSupported(true);
        ctx.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
        url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    /** The paragraphs whose keyword the topic mentions, or a note that there is none. */
    static String search(String topic) {
        String t = topic.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        HANDBOOK.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> t.contains(e.getKey()))
                .forEach(e -> out.append(out.length() == 0 ? "" : "\n").append(e.getValue()));
        return out.length() == 0 ? "No policy mentions \"" + topic + "\"." : out.toString();
    }

    /** The server's streamable HTTP URL. */
    public String url() {
        return url;
    }

    /** How many tool calls the server answered. */
    public int calls() {
        return calls.get();
    }

    @Override
    public void close() throws Exception {
        try {
            server.closeGracefully().block(java.time.Duration.ofSeconds(5));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
