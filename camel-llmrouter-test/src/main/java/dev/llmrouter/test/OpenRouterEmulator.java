package dev.llmrouter.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

/**
 * A local OpenRouter: {@code POST /chat/completions}, {@code GET /models}, {@code GET /generation},
 * {@code GET /key} and {@code POST /embeddings} under {@code http://127.0.0.1:<port>/api/v1}, answering
 * deterministically from an {@link EmulatorCatalog}, with scriptable replies and faults and a record of every
 * request. Built on WireMock, bound to loopback only, quiet, and safe for many concurrent clients.
 *
 * <pre>
 * try (OpenRouterEmulator emu = OpenRouterEmulator.create().start()) {
 *     emu.reply("weather", "Sunny").fault("openai/gpt-4o-mini", EmulatorFault.status(503).times(1));
 *     // point the client at emu.baseUrl() with any bearer key
 * }
 * </pre>
 *
 * Without a script the answer is {@code "Echo: " + last user message}, or a minimal instance of the requested
 * {@code json_schema}. Routing, pricing and error shapes follow OpenRouter's published API.
 */
public final class OpenRouterEmulator implements AutoCloseable {

    /** Async response threads: they only write answers whose delay elapsed. */
    private static final int ASYNC_THREADS = 16;
    /** Jetty threads: enough for 64 concurrent clients plus selectors and acceptors. */
    private static final int CONTAINER_THREADS = 128;

    private final EmulatorState state;
    private final int requestedPort;
    private WireMockServer server;

    private OpenRouterEmulator(EmulatorCatalog catalog, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.state = new EmulatorState(Objects.requireNonNull(catalog, "catalog"));
        this.requestedPort = port;
    }

    /**
     * An emulator of the {@linkplain EmulatorCatalog#defaults() default catalog} on a random free port; not started.
     *
     * @return the emulator
     */
    public static OpenRouterEmulator create() {
        return create(EmulatorCatalog.defaults(), 0);
    }

    /**
     * An emulator of this catalog on a random free port; not started.
     *
     * @param catalog the models and prices
     * @return the emulator
     */
    public static OpenRouterEmulator create(EmulatorCatalog catalog) {
        return create(catalog, 0);
    }

    /**
     * An emulator of this catalog on this port (0 = random free port); not started.
     *
     * @param catalog the models and prices
     * @param port    the TCP port on 127.0.0.1
     * @return the emulator
     */
    public static OpenRouterEmulator create(EmulatorCatalog catalog, int port) {
        return new OpenRouterEmulator(catalog, port);
    }

    /**
     * Starts listening on 127.0.0.1; does nothing when already running.
     *
     * @return this
     */
    public synchronized OpenRouterEmulator start() {
        if (server != null) {
            return this;
        }
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .port(requestedPort)
                .notifier(new QuietNotifier())
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                // WireMock copies the start of each answer for its serve event before sending it: keep that copy
                // short, so that it never reads up to the pause of a paced stream (PacedBody)
                .maxLoggedResponseSize(1024)
                .gzipDisabled(true)
                .http2PlainDisabled(true)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(ASYNC_THREADS)
                .containerThreads(CONTAINER_THREADS)
                .jettyStopTimeout(500L)
                .extensions(new EmulatorTransformer(state), new PacedBody());
        WireMockServer s = new WireMockServer(options);
        s.start();
        s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
        server = s;
        return this;
    }

    /** Stops listening; the recorded state is kept. Does nothing when not running. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Whether the emulator is listening.
     *
     * @return true between {@link #start()} and {@link #stop()}
     */
    public synchronized boolean isRunning() {
        return server != null && server.isRunning();
    }

    /**
     * The port listened on; before {@link #start()}, the port asked for (0 for a random one).
     *
     * @return the port
     */
    public synchronized int port() {
        return server != null ? server.port() : requestedPort;
    }

    /**
     * The OpenRouter base URL to give clients.
     *
     * @return {@code http://127.0.0.1:<port>/api/v1}
     * @throws IllegalStateException when not started and no fixed port was asked for
     */
    public String baseUrl() {
        int port = port();
        if (port == 0) {
            throw new IllegalStateException("emulator not started: the port is not known yet");
        }
        return "http://127.0.0.1:" + port + EmulatorTransformer.API_PREFIX;
    }

    /**
     * The catalog served.
     *
     * @return the catalog
     */
    public EmulatorCatalog catalog() {
        return state.catalog;
    }

    /**
     * When the last user message contains {@code contains}, any model answers {@code content}. Scripts are
     * tried in registration order; the first match wins. A content of {@code TOOL_CALL:name:{"json":"args"}}
     * answers with a tool call when the request has tools.
     *
     * @param contains text to look for in the last user message ("" matches everything)
     * @param content  the answer
     * @return this
     */
    public OpenRouterEmulator reply(String contains, String content) {
        return reply(null, contains, content);
    }

    /**
     * Like {@link #reply(String, String)}, only for this model.
     *
     * @param model    the model id (with or without a routing suffix), or null or "*" for any model
     * @param contains text to look for in the last user message
     * @param content  the answer
     * @return this
     */
    public OpenRouterEmulator reply(String model, String contains, String content) {
        state.addScript(new EmulatorState.Script(model, Objects.requireNonNull(contains, "contains"),
                Objects.requireNonNull(content, "content")));
        return this;
    }

    /**
     * Scripts the model's next turn after a tool ran: when the request ends with tool messages (the answers to the
     * model's last tool calls) and one of them answers a call of {@code tool} and contains {@code contains}, any
     * model answers {@code content}. These scripts are tried before {@link #reply(String, String)} scripts, in
     * registration order, and only for requests that end with tool messages, so an agent loop that re-sends the
     * user's text does not call the same tool forever. {@code content} may itself be a
     * {@code TOOL_CALL:name:{"json":"args"}} line (chaining a second tool), or the final answer. Works for streamed
     * answers too.
     *
     * @param tool     the called function's name, or null or "*" for any tool
     * @param contains text to look for in that tool message ("" matches any result)
     * @param content  the answer
     * @return this
     */
    public OpenRouterEmulator replyAfterTool(String tool, String contains, String content) {
        return replyAfterTool(null, tool, contains, content);
    }

    /**
     * Like {@link #replyAfterTool(String, String, String)}, only for this model.
     *
     * @param model    the model id (with or without a routing suffix), or null or "*" for any model
     * @param tool     the called function's name, or null or "*" for any tool
     * @param contains text to look for in that tool message
     * @param content  the answer
     * @return this
     */
    public OpenRouterEmulator replyAfterTool(String model, String tool, String contains, String content) {
        state.addToolScript(new EmulatorState.ToolScript(model, tool == null || tool.equals("*") ? null : tool,
                Objects.requireNonNull(contains, "contains"), Objects.requireNonNull(content, "content")));
        return this;
    }

    /**
     * Same as {@link #reply(String, String)}, for JSON answers.
     *
     * @param contains text to look for in the last user message
     * @param json     the JSON text to answer
     * @return this
     */
    public OpenRouterEmulator replyJson(String contains, String json) {
        return reply(contains, json);
    }

    /**
     * A model-level fault: while not exhausted it applies to every attempt of this candidate model; failing
     * faults make routing move to the next model of {@code models}. Faults are tried in registration order.
     *
     * @param model the model id as requested or as in the catalog, or "*" for any model
     * @param fault the fault
     * @return this
     */
    public OpenRouterEmulator fault(String model, EmulatorFault fault) {
        state.addModelFault(Objects.requireNonNull(model, "model"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * A provider-level fault: a failing one makes routing try the model's next provider (unless
     * {@code allow_fallbacks} is false); when none is left the model has failed with this error.
     *
     * @param provider provider name or slug (any case), or "*" for any provider
     * @param fault    the fault
     * @return this
     */
    public OpenRouterEmulator failProvider(String provider, EmulatorFault fault) {
        state.addProviderFault(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /**
     * Sets the key's credit limit: once the cost of served generations reaches it, chat answers 402.
     *
     * @param usdOrNull the limit in USD, or null for no limit
     * @return this
     */
    public OpenRouterEmulator keyLimit(BigDecimal usdOrNull) {
        state.keyLimit(usdOrNull);
        return this;
    }

    /**
     * Accepts only this bearer key (401 otherwise). By default any non-empty key is accepted.
     *
     * @param key the expected key, or null to accept any non-empty key again
     * @return this
     */
    public OpenRouterEmulator requireApiKey(String key) {
        state.requiredKey(key);
        return this;
    }

    /**
     * Every request received, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedCall> requests() {
        return state.calls();
    }

    /**
     * The most recent request.
     *
     * @return the request
     * @throws IllegalStateException when none was received
     */
    public RecordedCall lastRequest() {
        List<RecordedCall> calls = state.calls();
        if (calls.isEmpty()) {
            throw new IllegalStateException("the emulator has received no request");
        }
        return calls.get(calls.size() - 1);
    }

    /**
     * The {@code POST .../chat/completions} requests, in arrival order.
     *
     * @return a snapshot
     */
    public List<RecordedCall> chatRequests() {
        return state.calls().stream()
                .filter(c -> "POST".equalsIgnoreCase(c.method()) && c.path().endsWith("/chat/completions"))
                .toList();
    }

    /**
     * How many requests were received.
     *
     * @return the count
     */
    public int requestCount() {
        return state.calls().size();
    }

    /**
     * Forgets recorded requests, scripts, faults, generations, key usage, the key limit and the required key;
     * the generation counter restarts. Keeps the catalog and the port.
     */
    public void reset() {
        state.reset();
    }
}
