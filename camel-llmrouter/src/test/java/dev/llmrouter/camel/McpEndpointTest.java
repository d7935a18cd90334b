package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.agent.LlmRouterToolSource;
import dev.llmrouter.camel.agent.McpToolSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MCP servers on an endpoint: option mcpServers (by name, as a registry bean, or a URL), mcpTools, the refresh
 * schedule, what a required or optional server that cannot be reached does to the start, validation at endpoint
 * creation, the dev console and the stop.
 */
class McpEndpointTest {

    /** No model is called here: the endpoints only need a base URL. */
    private static final String BASE = "http://127.0.0.1:9/api/v1";

    private McpHttpTestServer server;
    private CamelHarness camel;

    @BeforeEach
    void startServer() throws Exception {
        server = new McpHttpTestServer();
    }

    @AfterEach
    void stopAll() throws Exception {
        if (camel != null) {
            camel.close();
        }
        server.close();
    }

    private CamelHarness harness(java.util.function.Consumer<LlmRouterComponent> setup, String options) {
        camel = new CamelHarness(BASE, setup, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:agent").routeId("agent").to(uri(options));
            }
        });
        return camel;
    }

    private static String uri(String options) {
        return "llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + BASE + "&" + options;
    }

    private LlmRouterEndpoint endpoint(String options) {
        return camel.context.getEndpoint(uri(options), LlmRouterEndpoint.class);
    }

    private static List<String> toolNames(LlmRouterToolSource source) {
        return source.tools().stream().map(LlmRouterTool::name).toList();
    }

    @Test
    void aNamedServerGivesTheEndpointItsToolSource() throws Exception {
        LlmRouterMcpServer orders = LlmRouterMcpServer.http(server.url());
        orders.setTools("orders_*");
        harness(c -> c.addMcpServer("orders", orders), "mcpServers=orders");

        List<LlmRouterToolSource> sources = endpoint("mcpServers=orders").toolSources();
        assertEquals(1, sources.size());
        assertEquals("orders", sources.get(0).name());
        assertEquals(List.of("orders_lookup", "orders_refund"), toolNames(sources.get(0)));
        String answer = sources.get(0).tools().get(0).invoke("{\"orderId\":\"C-3\"}", null)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("order C-3: shipped", answer);
    }

    @Test
    void aRegistryBeanAndAUrlWithEndpointFilters() {
        String options = "mcpServers=RAW(kb," + server.url() + ")&mcpTools=RAW(kb:kb_*," + server.url()
                         + ":orders_lookup)";
        camel = new CamelHarness(BASE, null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:agent").to(uri(options));
            }
        }, registry -> registry.bind("kb", LlmRouterMcpServer.http(server.url())));

        List<LlmRouterToolSource> sources = endpoint(options).toolSources();
        assertEquals(List.of("kb", server.url()), sources.stream().map(LlmRouterToolSource::name).toList());
        assertEquals(List.of("kb_search"), toolNames(sources.get(0)));
        assertEquals(List.of("orders_lookup"), toolNames(sources.get(1)));
    }

    @Test
    void aPlainMcpToolsEntryAppliesToEveryServerAndTheServersOwnFilterToo() {
        LlmRouterMcpServer a = LlmRouterMcpServer.http(server.url());
        a.setTools("orders_*");
        LlmRouterMcpServer b = LlmRouterMcpServer.http(server.url());
        String options = "mcpServers=a,b&mcpTools=*_lookup,b:kb_search";
        harness(c -> {
            c.addMcpServer("a", a);
            c.addMcpServer("b", b);
        }, options);

        List<LlmRouterToolSource> sources = endpoint(options).toolSources();
        assertEquals(List.of("orders_lookup"), toolNames(sources.get(0)));
        assertEquals(List.of("orders_lookup", "kb_search"), toolNames(sources.get(1)));
    }

    @Test
    void anUnreachableRequiredServerFailsTheRouteStartNamingIt() throws Exception {
        String url = "http://127.0.0.1:" + McpToolSourceTest.freePort() + "/mcp";
        LlmRouterMcpServer orders = LlmRouterMcpServer.http(url);
        orders.setTimeout(3000L);
        CamelContext context = new DefaultCamelContext();
        LlmRouterComponent component = new LlmRouterComponent();
        component.setEnvironment(name -> null);
        component.addMcpServer("orders", orders);
        context.addComponent("llmrouter", component);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:agent").routeId("agent").to(uri("mcpServers=orders"));
            }
        });
        try {
            Exception e = assertThrows(Exception.class, context::start);
            String expected = "MCP server 'orders' (" + url + ") cannot be reached: ";
            Throwable t = e;
            while (t != null && !(t instanceof IllegalStateException && t.getMessage().startsWith(expected))) {
                t = t.getCause();
            }
            assertTrue(t != null, () -> "no cause starting with \"" + expected + "\" in " + chain(e));
            assertTrue(component.mcpSources().isEmpty());
        } finally {
            context.close();
        }
    }

    @Test
    void anOptionalServerIsSkippedWithAWarningAndTheEndpointStarts() throws Exception {
        String url = "http://127.0.0.1:" + McpToolSourceTest.freePort() + "/mcp";
        LlmRouterMcpServer kb = LlmRouterMcpServer.http(url);
        kb.setOptional(true);
        kb.setTimeout(3000L);
        try (LogCapture log = new LogCapture()) {
            harness(c -> {
                c.addMcpServer("kb", kb);
                c.addMcpServer("orders", LlmRouterMcpServer.http(server.url()));
            }, "mcpServers=kb,orders");
            assertTrue(log.at(Level.WARN).stream().anyMatch(l -> l.message().startsWith(
                    "MCP server 'kb' (" + url + ") is optional and cannot be reached")),
                    () -> "warnings: " + log.at(Level.WARN));
        }
        assertTrue(camel.context.getRouteController().getRouteStatus("agent").isStarted());
        List<LlmRouterToolSource> sources = endpoint("mcpServers=kb,orders").toolSources();
        assertEquals(List.of(), sources.get(0).tools());
        assertEquals(McpToolSource.State.UNAVAILABLE, ((McpToolSource) sources.get(0)).state());
        assertEquals(4, sources.get(1).tools().size());
    }

    @Test
    void toolListsAreRefreshedOnTheSchedule() throws Exception {
        harness(c -> c.addMcpServer("orders", LlmRouterMcpServer.http(server.url())),
                "mcpServers=orders&mcpRefreshInterval=200");
        LlmRouterToolSource source = endpoint("mcpServers=orders&mcpRefreshInterval=200").toolSources().get(0);
        assertEquals(4, source.tools().size());

        server.addTool("orders_cancel", "Cancels an order");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!toolNames(source).contains("orders_cancel") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(toolNames(source).contains("orders_cancel"), () -> "tools: " + toolNames(source));
    }

    @Test
    void theDevConsoleListsTheServersTheirStateAndTools() {
        LlmRouterMcpServer orders = LlmRouterMcpServer.http(server.url());
        orders.setTools("orders_*");
        orders.setHeaders(Map.of("Authorization", "Bearer console-secret-81"));
        harness(c -> c.addMcpServer("orders", orders), "mcpServers=orders");

        DevConsoleRegistry registry = camel.context.getCamelContextExtension().getContextPlugin(DevConsoleRegistry.class);
        DevConsole console = registry.resolveById("llmrouter");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("MCP servers:\n    orders (" + server.url()
                                 + "): CONNECTED, tools: orders_lookup, orders_refund\n"), text);
        assertTrue(!text.contains("console-secret"), "no header value in the console");
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> component = ((List<Map<String, Object>>) json.get("components")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> mcp = ((List<Map<String, Object>>) component.get("mcpServers")).get(0);
        assertEquals("orders", mcp.get("name"));
        assertEquals("CONNECTED", mcp.get("state"));
        assertEquals(List.of("orders_lookup", "orders_refund"), mcp.get("tools"));
        assertEquals(4, mcp.get("serverTools"));
    }

    @Test
    void stoppingTheContextClosesTheSources() throws Exception {
        harness(c -> c.addMcpServer("orders", LlmRouterMcpServer.http(server.url())), "mcpServers=orders");
        LlmRouterEndpoint endpoint = endpoint("mcpServers=orders");
        McpToolSource source = (McpToolSource) endpoint.toolSources().get(0);
        assertEquals(1, camel.component.mcpSources().size());

        camel.context.stop();

        assertEquals(McpToolSource.State.STOPPED, source.state());
        assertEquals(List.of(), source.tools());
        assertEquals(List.of(), endpoint.toolSources());
        assertEquals(List.of(), camel.component.mcpSources());
    }

    @Test
    void theDocumentedSetupConnectsAndFilters() {
        String ordersUrl = server.url();
        String ordersToken = "doc-token-3a";
        camel = new CamelHarness(BASE, llm -> {
            llm.setEnvironment(name -> CamelHarness.API_KEY);
            // doc: docs/agents-mcp.md
            LlmRouterMcpServer orders = LlmRouterMcpServer.http(ordersUrl);
            orders.setHeaders(Map.of("Authorization", "Bearer " + ordersToken));
            orders.setTools("orders_*");
            orders.setTimeout(10_000L);
            llm.addMcpServer("orders", orders);
            // end doc
            llm.addMcpServer("kb", LlmRouterMcpServer.http(ordersUrl));
        }, new RouteBuilder() {
            @Override
            public void configure() {
                // doc: docs/agents-mcp.md
                from("direct:ticket")
                    .to("llmrouter:chat?model=openai/gpt-5-mini&mcpServers=orders,kb&mcpTools=kb:kb_*");
                // end doc
            }
        });

        LlmRouterEndpoint endpoint = camel.context.getEndpoint(
                "llmrouter:chat?model=openai/gpt-5-mini&mcpServers=orders,kb&mcpTools=kb:kb_*", LlmRouterEndpoint.class);
        List<LlmRouterToolSource> sources = endpoint.toolSources();
        assertEquals(List.of("orders_lookup", "orders_refund"), toolNames(sources.get(0)));
        assertEquals(List.of("kb_search"), toolNames(sources.get(1)));
        assertTrue(server.authorizations.contains("Bearer doc-token-3a"));
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("mcpServers=nope", "Unknown MCP server 'nope' in option mcpServers: define it in the"
                                                + " component's mcpServerDefinitions or bind an LlmRouterMcpServer bean"
                                                + " by that name"),
                Arguments.of("mcpServers=both", "Invalid MCP server 'both': set either url (streamable HTTP) or"
                                                + " command (stdio), not both"),
                Arguments.of("mcpServers=neither", "Invalid MCP server 'neither': set one of url (streamable HTTP) or"
                                                   + " command (stdio)"),
                Arguments.of("mcpServers=stdioHeaders", "Invalid MCP server 'stdioHeaders': headers apply to an HTTP"
                                                        + " server (url), not to a stdio command"),
                Arguments.of("mcpServers=ftp", "Invalid url of MCP server 'ftp': must be an http or https URL with a"
                                               + " host"),
                Arguments.of("mcpServers=noTime", "Invalid timeout of MCP server 'noTime': must be more than 0"),
                Arguments.of("mcpServers=ok,ok", "MCP server 'ok' is listed twice in option mcpServers"),
                Arguments.of("mcpServers=ok&mcpTools=other:x",
                        "Invalid entry 'other:x' in option mcpTools: 'other' is not listed in option mcpServers"),
                Arguments.of("mcpTools=orders_*", "Option mcpTools is set but option mcpServers names no MCP server"),
                Arguments.of("mcpServers=ok&mcpRefreshInterval=0",
                        "Invalid value for mcpRefreshInterval: must be more than 0"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badMcpOptionsFailWhenTheEndpointIsCreated(String options, String message) {
        camel = new CamelHarness(BASE, c -> {
            LlmRouterMcpServer both = LlmRouterMcpServer.http("http://127.0.0.1:1/mcp");
            both.setCommand("node");
            c.addMcpServer("both", both);
            c.addMcpServer("neither", new LlmRouterMcpServer());
            LlmRouterMcpServer stdioHeaders = LlmRouterMcpServer.stdio("node", "server.js");
            stdioHeaders.setHeaders(Map.of("Authorization", "Bearer x"));
            c.addMcpServer("stdioHeaders", stdioHeaders);
            c.addMcpServer("ftp", LlmRouterMcpServer.http("ftp://127.0.0.1/mcp"));
            LlmRouterMcpServer noTime = LlmRouterMcpServer.http("http://127.0.0.1:1/mcp");
            noTime.setTimeout(0L);
            c.addMcpServer("noTime", noTime);
            c.addMcpServer("ok", LlmRouterMcpServer.http("http://127.0.0.1:1/mcp"));
        }, null);

        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(uri(options)));
        IllegalArgumentException cause = assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals(message, cause.getMessage());
    }

    @Test
    void aUrlWithASecretInItsQueryIsNamedWithTheSecretMasked() {
        String options = "mcpServers=RAW(" + server.url() + "?token=url-secret-77)";
        harness(null, options);

        LlmRouterToolSource source = endpoint(options).toolSources().get(0);
        assertEquals(server.url() + "?token=xxxxxx", source.name());
        assertEquals(4, source.tools().size(), "the server was reached with the real URL");
        assertTrue(!((McpToolSource) source).spec().toString().contains("url-secret"));
    }

    @Test
    void mcpServersOnAnotherOperationThanChatFails() {
        camel = new CamelHarness(BASE, c -> c.addMcpServer("ok", LlmRouterMcpServer.http(server.url())), null);

        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint("llmrouter:embeddings?apiKey=" + CamelHarness.API_KEY + "&baseUrl="
                                                + BASE + "&mcpServers=ok"));
        assertEquals("Option mcpServers applies to operation chat only, not embeddings", e.getCause().getMessage());
        assertEquals(List.of(), server.authorizations, "nothing was connected");
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(" <- ").append(t);
        }
        return sb.toString();
    }
}
