package dev.llmrouter.camel;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.llmrouter.camel.agent.LlmRouterTool;
import dev.llmrouter.camel.agent.McpServerSpec;
import dev.llmrouter.camel.agent.McpToolException;
import dev.llmrouter.camel.agent.McpToolSource;
import dev.llmrouter.camel.agent.ToolFilter;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link McpToolSource} against real MCP servers of the SDK: one in this JVM over streamable HTTP (embedded Tomcat
 * on loopback), one as a child JVM over stdio. What the model would see (names, descriptions, schemas), what the
 * server receives, and how failures surface.
 */
class McpToolSourceTest {

    private McpHttpTestServer server;
    private McpToolSource source;
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    @BeforeEach
    void startServer() throws Exception {
        server = new McpHttpTestServer();
    }

    @AfterEach
    void stopAll() throws Exception {
        ServiceHelper.stopService(source);
        server.close();
    }

    private McpToolSource start(McpServerSpec spec) {
        source = new McpToolSource(spec);
        ServiceHelper.startService(source);
        return source;
    }

    private static McpServerSpec http(String name, String url, String filter, Duration timeout,
                                      Map<String, String> headers, boolean optional) {
        return new McpServerSpec(name, URI.create(url), null, null, null, headers, optional, ToolFilter.parse(filter),
                timeout);
    }

    private static LlmRouterTool tool(McpToolSource source, String name) {
        return source.tools().stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + name + " in " + source.tools()));
    }

    private static List<String> names(McpToolSource source) {
        return source.tools().stream().map(LlmRouterTool::name).toList();
    }

    @Test
    void discoversToolsWithTheirDescriptionsAndSchemas() {
        McpToolSource s = start(http("orders", server.url(), null, null, null, false));

        assertEquals(McpToolSource.State.CONNECTED, s.state());
        assertEquals("orders", s.name());
        assertEquals(List.of("orders_lookup", "orders_refund", "kb_search", "slow_report"), names(s));
        LlmRouterTool lookup = tool(s, "orders_lookup");
        assertEquals("Looks up an order by its id and tells its status", lookup.description());
        assertEquals(Map.of("type", "object",
                "properties", Map.of("orderId", Map.of("type", "string", "description", "The order id")),
                "required", List.of("orderId")), lookup.parameters());
        assertNotNull(s.lastRefresh());
        assertNull(s.lastError());
    }

    @Test
    void offersOnlyTheToolsTheFilterLetsThrough() {
        McpToolSource s = start(http("orders", server.url(), "orders_*, kb_searc?", null, null, false));

        assertEquals(List.of("orders_lookup", "orders_refund", "kb_search"), names(s));
        assertEquals(List.of("orders_lookup", "orders_refund", "kb_search", "slow_report"), s.serverToolNames());

        ServiceHelper.stopService(s);
        McpToolSource exact = start(http("orders", server.url(), "orders_lookup", null, null, false));
        assertEquals(List.of("orders_lookup"), names(exact));
    }

    @Test
    void invokeSendsTheArgumentsAndCompletesWithTheText() throws Exception {
        McpToolSource s = start(http("orders", server.url(), null, null, null, false));

        String answer = tool(s, "orders_lookup").invoke("{\"orderId\":\"A-17\"}", exchange)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("order A-17: shipped", answer);
        assertEquals(List.of(Map.entry("orders_lookup", Map.<String, Object> of("orderId", "A-17"))),
                server.tools().calls);

        // several text parts are joined by new lines; no arguments at all is an empty object
        assertEquals("first hit for null\nsecond hit",
                tool(s, "kb_search").invoke("", exchange).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(Map.entry("kb_search", Map.of()), server.tools().calls.get(1));
    }

    @Test
    void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
        McpToolSource s = start(http("orders", server.url(), null, Duration.ofSeconds(20), null, false));
        LlmRouterTool lookup = tool(s, "orders_lookup");

        List<CompletableFuture<String>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(lookup.invoke("{\"orderId\":\"P-" + i + "\"}", exchange).toCompletableFuture());
        }
        for (int i = 0; i < 16; i++) {
            assertEquals("order P-" + i + ": shipped", answers.get(i).get(30, TimeUnit.SECONDS));
        }
        assertEquals(16, server.tools().calls.size());
    }

    @Test
    void invokeReturnsBeforeTheServerAnswers() throws Exception {
        McpToolSource s = start(http("orders", server.url(), null, Duration.ofSeconds(20), null, false));

        long started = System.nanoTime();
        CompletableFuture<String> slow = tool(s, "slow_report").invoke("{}", exchange).toCompletableFuture();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        // the tool answers after 5 s; the caller got its stage long before
        assertTrue(tookMillis < 3000, "invoke took " + tookMillis + " ms");
        assertFalse(slow.isDone());
        assertEquals("late", slow.get(20, TimeUnit.SECONDS));
    }

    @Test
    void anIsErrorResultCompletesExceptionallyWithItsText() {
        McpToolSource s = start(http("orders", server.url(), null, null, null, false));

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tool(s, "orders_refund").invoke("{\"orderId\":\"42\"}", exchange).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        McpToolException failure = assertInstanceOf(McpToolException.class, e.getCause());
        assertEquals("MCP tool 'orders_refund' on MCP server 'orders' (" + server.url() + ") returned an error:"
                     + " refund refused: order 42 is older than 30 days", failure.getMessage());
        assertEquals("orders", failure.getServer());
        assertEquals("orders_refund", failure.getTool());
    }

    @Test
    void aToolThatDoesNotAnswerWithinTheTimeoutFails() {
        McpToolSource s = start(http("orders", server.url(), null, Duration.ofMillis(400), null, false));

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tool(s, "slow_report").invoke("{}", exchange).toCompletableFuture().get(10, TimeUnit.SECONDS));
        McpToolException failure = assertInstanceOf(McpToolException.class, e.getCause());
        assertTrue(failure.getMessage().startsWith("MCP tool 'slow_report' on MCP server 'orders'"),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("failed: no answer within 400 ms"), failure.getMessage());
    }

    @Test
    void argumentsThatAreNotAJsonObjectFailWithoutACall() {
        McpToolSource s = start(http("orders", server.url(), null, null, null, false));

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tool(s, "orders_lookup").invoke("[1,2]", exchange).toCompletableFuture()
                        .get(10, TimeUnit.SECONDS));
        McpToolException failure = assertInstanceOf(McpToolException.class, e.getCause());
        assertTrue(failure.getMessage().startsWith("The arguments for MCP tool 'orders_lookup' are not a JSON object"),
                failure.getMessage());
        assertEquals(List.of(), server.tools().calls);
    }

    @Test
    void aToolAddedOnTheServerAppearsAfterARefresh() throws Exception {
        McpToolSource s = start(http("orders", server.url(), "orders_*", null, null, false));
        assertEquals(List.of("orders_lookup", "orders_refund"), names(s));

        server.addTool("orders_cancel", "Cancels an order");
        server.addTool("billing_export", "Not offered: the filter leaves it out");
        assertEquals(List.of("orders_lookup", "orders_refund"), names(s), "no change before the refresh");

        s.refresh().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("orders_lookup", "orders_refund", "orders_cancel"), names(s));
        assertEquals("orders_cancel done",
                tool(s, "orders_cancel").invoke("{}", exchange).toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void aNameTheModelCannotCallIsOfferedCleanedAndCalledAsTheServerNamesIt() throws Exception {
        server.addTool("crm.find/contact", "Finds a contact");
        McpToolSource s = start(http("crm", server.url(), "crm.*", null, null, false));

        assertEquals(List.of("crm_find_contact"), names(s));
        assertEquals("crm.find/contact done", tool(s, "crm_find_contact").invoke("{}", exchange)
                .toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals("crm.find/contact", server.tools().calls.get(0).getKey());
    }

    @Test
    void aFailedRefreshKeepsTheLastListAndLogs() throws Exception {
        McpToolSource s = start(http("orders", server.url(), null, Duration.ofSeconds(3), null, false));
        List<LlmRouterTool> before = s.tools();
        server.close();

        try (LogCapture log = new LogCapture()) {
            s.refresh().toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertEquals(before, s.tools());
            assertNotNull(s.lastError());
            assertTrue(log.at(Level.WARN).stream().anyMatch(l -> l.message().startsWith(
                    "Refreshing the tools of MCP server 'orders' (" + server.url() + ") failed")),
                    () -> "warnings: " + log.at(Level.WARN));
        }
    }

    @Test
    void aRestartedServerIsConnectedAgainAtTheNextRefresh() throws Exception {
        McpToolSource s = start(http("orders", server.url(), "orders_*", Duration.ofSeconds(3), null, false));
        int port = URI.create(server.url()).getPort();
        server.close();

        try (McpHttpTestServer restarted = new McpHttpTestServer(port)) {
            restarted.addTool("orders_cancel", "Cancels an order");
            s.refresh().toCompletableFuture().get(15, TimeUnit.SECONDS);

            assertEquals(McpToolSource.State.CONNECTED, s.state());
            assertNull(s.lastError());
            assertEquals(List.of("orders_lookup", "orders_refund", "orders_cancel"), names(s));
            assertEquals("order D-4: shipped", tool(s, "orders_lookup").invoke("{\"orderId\":\"D-4\"}", exchange)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals(List.of(Map.entry("orders_lookup", Map.<String, Object> of("orderId", "D-4"))),
                    restarted.tools().calls);
            ServiceHelper.stopService(s);
        }
    }

    @Test
    void sendsTheConfiguredHeadersAndNeverLogsTheirValues() throws Exception {
        String secret = "Bearer mcp-secret-5d1e9c";
        McpToolSource s = start(http("orders", server.url(), null, Duration.ofSeconds(3),
                Map.of("Authorization", secret), false));
        assertTrue(server.authorizations.size() >= 2, "initialize and tools/list at least");
        assertTrue(server.authorizations.stream().allMatch(secret::equals), () -> "seen: " + server.authorizations);

        server.close();
        try (LogCapture log = new LogCapture()) {
            s.refresh().toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertFalse(log.lines().isEmpty(), "the failed refresh is logged");
            assertTrue(log.lines().stream().noneMatch(l -> l.message().contains("mcp-secret")), "no secret in logs");
        }
        assertFalse(s.spec().toString().contains("mcp-secret"));
    }

    @Test
    void anUnreachableServerFailsTheStartNamingIt() throws Exception {
        String url = "http://127.0.0.1:" + freePort() + "/mcp";
        McpToolSource s = new McpToolSource(http("orders", url, null, Duration.ofSeconds(3), null, false));

        RuntimeException e = assertThrows(RuntimeException.class, () -> ServiceHelper.startService(s));
        IllegalStateException cause = e instanceof IllegalStateException ise ? ise
                : assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(cause.getMessage().startsWith("MCP server 'orders' (" + url + ") cannot be reached: "),
                cause.getMessage());
    }

    @Test
    void anOptionalServerIsSkippedWithAWarningAndJoinsAtARefresh() throws Exception {
        int port = freePort();
        String url = "http://127.0.0.1:" + port + "/mcp";
        try (LogCapture log = new LogCapture()) {
            McpToolSource s = start(http("kb", url, "kb_*", Duration.ofSeconds(3), null, true));
            assertEquals(McpToolSource.State.UNAVAILABLE, s.state());
            assertEquals(List.of(), s.tools());
            assertTrue(log.at(Level.WARN).stream().anyMatch(l -> l.message().startsWith(
                    "MCP server 'kb' (" + url + ") is optional and cannot be reached")),
                    () -> "warnings: " + log.at(Level.WARN));
        }

        try (McpHttpTestServer late = new McpHttpTestServer(port)) {
            source.refresh().toCompletableFuture().get(15, TimeUnit.SECONDS);
            assertEquals(McpToolSource.State.CONNECTED, source.state());
            assertEquals(List.of("kb_search"), names(source));
            ServiceHelper.stopService(source);
        }
    }

    @Test
    void worksOverStdioWithAChildProcess() throws Exception {
        List<String> cmd = McpStdioTestServer.commandLine();
        long before = childJavaProcesses();
        McpToolSource s = start(new McpServerSpec("local", null, cmd.get(0), cmd.subList(1, cmd.size()), null, null,
                false, ToolFilter.parse("orders_*,kb_search"), Duration.ofSeconds(20)));

        assertEquals(McpToolSource.State.CONNECTED, s.state());
        assertEquals("stdio:" + cmd.get(0), s.spec().location());
        assertEquals(List.of("orders_lookup", "orders_refund", "kb_search"), names(s));
        assertEquals("order B-2: shipped", tool(s, "orders_lookup").invoke("{\"orderId\":\"B-2\"}", exchange)
                .toCompletableFuture().get(20, TimeUnit.SECONDS));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> tool(s, "orders_refund").invoke("{\"orderId\":\"7\"}", exchange).toCompletableFuture()
                        .get(20, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().endsWith("returned an error: refund refused: order 7 is older than 30"
                                                      + " days"), e.getCause().getMessage());

        // stopping the source ends the server's process
        assertEquals(before + 1, childJavaProcesses(), "the stdio server runs as a child process");
        ServiceHelper.stopService(s);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (childJavaProcesses() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, childJavaProcesses());
    }

    private static long childJavaProcesses() {
        String java = McpStdioTestServer.commandLine().get(0);
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.equals(java) || c.endsWith("/java")).orElse(false))
                .count();
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
