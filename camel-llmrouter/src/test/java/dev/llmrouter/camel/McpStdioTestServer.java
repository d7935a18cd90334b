package dev.llmrouter.camel;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * An MCP server speaking over its standard input and output, run by the stdio tests as a child JVM with the test
 * classpath; serves {@link McpTestTools}. Its logs go to standard error (mcp-stdio-log4j2.properties), never to the
 * protocol stream.
 */
public final class McpStdioTestServer {

    private McpStdioTestServer() {
    }

    public static void main(String[] args) throws Exception {
        McpServer.async(new StdioServerTransportProvider(McpTestTools.MAPPER))
                .serverInfo("orders-stdio-test", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .jsonMapper(McpTestTools.MAPPER)
                .jsonSchemaValidator(McpTestTools.NO_VALIDATION)
                .tools(new McpTestTools().all())
                .build();
        // the transport reads standard input on its own threads; the process ends when the client closes it
        Thread.currentThread().join();
    }

    /** The command line that runs this server: the running JVM's java, the test classpath, this class. */
    static List<String> commandLine() {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Dlog4j2.configurationFile=mcp-stdio-log4j2.properties");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(McpStdioTestServer.class.getName());
        return cmd;
    }
}
