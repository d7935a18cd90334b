package dev.llmrouter.camel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.modelcontextprotocol.server.McpAsyncServer;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * An MCP server in the test's JVM: the SDK's async server over its streamable HTTP servlet transport, in an
 * embedded Tomcat on a random loopback port, serving {@link McpTestTools} at {@code /mcp}. Records the
 * {@code Authorization} header of every request.
 */
final class McpHttpTestServer implements AutoCloseable {

    final McpTestTools tools = new McpTestTools();
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat;
    private final McpAsyncServer server;
    private final File baseDir;
    private final String url;
    private boolean closed;

    McpHttpTestServer() throws Exception {
        this(0);
    }

    /** A server on the given loopback port (0: any free one). */
    McpHttpTestServer(int port) throws Exception {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpTestTools.MAPPER).mcpEndpoint("/mcp").build();
        server = McpServer.async(transport)
                .serverInfo("orders-test", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonMapper(McpTestTools.MAPPER)
                .jsonSchemaValidator(McpTestTools.NO_VALIDATION)
                .strictToolNameValidation(false)
                .tools(tools.all())
                .build();
        baseDir = Files.createTempDirectory("mcp-tomcat").toFile();
        tomcat = new Tomcat();
        tomcat.setSilent(true);
        tomcat.setBaseDir(baseDir.getAbsolutePath());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context ctx = tomcat.addContext("", baseDir.getAbsolutePath());
        HttpServlet recording = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp)
                    throws ServletException, IOException {
                String auth = req.getHeader("Authorization");
                authorizations.add(auth == null ? "" : auth);
                transport.service(req, resp);
            }
        };
        Wrapper wrapper = Tomcat.addServlet(ctx, "mcp", recording);
        wrapper.setAsyncSupported(true);
        ctx.addServletMappingDecoded("/*", "mcp");
        tomcat.start();
        url = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    /** The streamable HTTP URL of the server. */
    String url() {
        return url;
    }

    /** The tools and what they received. */
    McpTestTools tools() {
        return tools;
    }

    /** Adds a tool while the server runs (as a server whose tool list changes). */
    void addTool(String name, String description) {
        McpServerFeatures.AsyncToolSpecification spec = tools.tool(name, description,
                Map.of("type", "object", "properties", Map.of()),
                args -> reactor.core.publisher.Mono.just(McpSchema.CallToolResult.builder()
                        .addTextContent(name + " done").build()));
        server.addTool(spec).block();
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.closeGracefully().block(java.time.Duration.ofSeconds(5));
        } catch (RuntimeException ignored) {
            // closing is best effort
        }
        tomcat.stop();
        tomcat.destroy();
    }
}
