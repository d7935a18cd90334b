package dev.llmrouter.camel;

import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.agent.LlmRouterToolSource;
import dev.llmrouter.camel.agent.McpServerSpec;
import dev.llmrouter.camel.agent.McpToolSource;
import dev.llmrouter.camel.agent.ToolCatalog;
import dev.llmrouter.camel.cost.ModelPolicy;
import dev.llmrouter.camel.plan.ChatPlanner;
import dev.llmrouter.camel.plan.SchemaGenerator;
import dev.llmrouter.camel.plan.TemplateFactory;
import dev.llmrouter.camel.plan.Validation;
import dev.llmrouter.camel.producer.Bookkeeper;
import dev.llmrouter.camel.producer.Idempotency;
import dev.llmrouter.camel.producer.ConversationMemory;
import dev.llmrouter.camel.protocol.Dialect;
import dev.llmrouter.camel.protocol.OpenRouterClient;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.routing.ChatRouter;
import dev.llmrouter.camel.support.CostAssembly;
import dev.llmrouter.camel.support.McpAssembly;
import dev.llmrouter.camel.support.RoutingAssembly;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.AsyncEndpoint;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Expression;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.EndpointServiceLocation;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Send messages to LLMs through OpenRouter or any OpenAI-compatible server, with model and provider routing,
 * price ceilings, and the answer's usage and cost on every message.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "llmrouter", title = "LLM Router", syntax = "llmrouter:operation",
             producerOnly = true, category = { Category.AI }, headersClass = LlmRouterConstants.class)
public class LlmRouterEndpoint extends DefaultEndpoint implements AsyncEndpoint, EndpointServiceLocation {

    public static final String ENV_API_KEY = "OPENROUTER_API_KEY";

    @UriPath(defaultValue = "chat",
             description = "What to do: chat (a chat completion), models (the model catalog with pricing),"
                           + " generation (usage and cost of one generation id), key (the API key's limit and usage)"
                           + " or embeddings (vectors for text)")
    private LlmRouterOperation operation;
    @UriParam
    private LlmRouterConfiguration configuration;

    private volatile ChatPlanner planner;
    private volatile OpenRouterClient client;
    private volatile ChatRouter router;
    /** The dialect of each target this endpoint sends to, in the order of its targets (set at start). */
    private volatile Map<String, Dialect> targetDialects = Map.of();
    private volatile AsyncProducer streamTo;
    private volatile Bookkeeper callBook;
    private volatile JsonNode jsonSchema;
    private volatile ModelPolicy modelPolicy;
    private volatile Expression idempotencyKey;
    private volatile Idempotency idempotency;
    private volatile ConversationMemory memory;
    private volatile List<McpServerSpec> mcpServers = List.of();
    private volatile List<McpToolSource> mcpSources = List.of();
    private volatile Future<?> mcpRefresh;
    private volatile ToolCatalog toolCatalog;
    private volatile ExecutorService toolExecutor;

    public LlmRouterEndpoint(String uri, LlmRouterComponent component, LlmRouterOperation operation,
                             LlmRouterConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
    }

    @Override
    public LlmRouterComponent getComponent() {
        return (LlmRouterComponent) super.getComponent();
    }

    /**
     * Validates the options and builds everything that does not change per exchange. Called when the endpoint is
     * created, so that a bad option fails there with a message naming it.
     */
    void prepare() {
        RoutingAssembly.baseUri(configuration.getBaseUrl(), "baseUrl");
        Class<?> outputClass = loadOutputClass();
        JsonNode schema = loadJsonSchema();
        RoutingAssembly.validate(configuration, operation, outputClass != null || schema != null);
        modelPolicy = CostAssembly.validate(getComponent(), configuration);
        RoutingAssembly.validateNamed(this);
        mcpServers = McpAssembly.specs(getComponent(), configuration);
        if (!mcpServers.isEmpty() && operation != LlmRouterOperation.chat) {
            throw new IllegalArgumentException("Option mcpServers applies to operation chat only, not " + operation);
        }
        boolean narrow = configuration.getHeaderPolicy() != LlmRouterHeaderPolicy.override;
        planner = new ChatPlanner(TemplateFactory.create(configuration, outputClass, schema,
                configuration.getJsonSchemaName(), configuration.getResponseMode() == LlmRouterResponseMode.full),
                configuration.getUserMessage(), narrow);
        jsonSchema = schema;
        ConversationMemory.validate(configuration);
        memory = ConversationMemory.create(configuration, getCamelContext(), getComponent().runtime().conversations());
        Validation.atLeast("dimensions", configuration.getDimensions(), 1);
        toolCatalog = new ToolCatalog(getCamelContext(), configuration.getTools(), this::toolSources,
                task -> toolExecutor.execute(task),
                type -> WireJson.mapper().convertValue(SchemaGenerator.generate(type), JSON_OBJECT));
        validateAgent();
        if (configuration.getRequestTimeout() <= 0) {
            throw new IllegalArgumentException("Invalid value for requestTimeout: must be more than 0");
        }
        idempotencyKey = Idempotency.validate(this);
    }

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() { };

    /** Checks the agent loop's options (whether or not the endpoint has executable tools). */
    private void validateAgent() {
        LlmRouterConfiguration c = configuration;
        Validation.atLeast("maxToolIterations", c.getMaxToolIterations(), 1);
        if (c.getToolTimeout() < 0) {
            throw new IllegalArgumentException("Invalid value for toolTimeout: must be 0 (off) or more");
        }
        if (c.getMaxLoopDuration() < 0) {
            throw new IllegalArgumentException("Invalid value for maxLoopDuration: must be 0 (off) or more");
        }
        if (c.getMaxLoopCost() != null && c.getMaxLoopCost().signum() <= 0) {
            throw new IllegalArgumentException("Invalid value for maxLoopCost: must be more than 0 USD");
        }
        if (c.getMaxLoopTokens() != null && c.getMaxLoopTokens() < 1) {
            throw new IllegalArgumentException("Invalid value for maxLoopTokens: must be 1 or more");
        }
        if (agentLoop() && c.isStream()) {
            throw new IllegalArgumentException("Invalid combination of stream=true and executable tools: the agent"
                                               + " loop (autoToolExecution) runs on whole answers; set stream=false,"
                                               + " or autoToolExecution=false to get the tool calls in header"
                                               + " CamelLlmRouterToolCalls");
        }
    }

    /**
     * Whether chat exchanges run the agent loop: option autoToolExecution, by default on when option tools has
     * executable entries or option mcpServers names MCP servers (known when the endpoint is created, before they
     * are connected).
     */
    public boolean agentLoop() {
        ToolCatalog catalog = toolCatalog;
        boolean executable = catalog != null && (catalog.hasFixedTools() || !mcpServers.isEmpty());
        return executable && !Boolean.FALSE.equals(configuration.getAutoToolExecution());
    }

    /** The endpoint's tools for the agent loop (null before the endpoint is prepared). */
    public ToolCatalog toolCatalog() {
        return toolCatalog;
    }

    private Class<?> loadOutputClass() {
        String name = configuration.getOutputClass();
        if (name == null || name.isBlank()) {
            return null;
        }
        Class<?> type = getCamelContext().getClassResolver().resolveClass(name.trim());
        if (type == null) {
            throw new IllegalArgumentException(
                    "Invalid value '" + name + "' for outputClass: the class cannot be loaded");
        }
        return type;
    }

    private JsonNode loadJsonSchema() {
        String uri = configuration.getJsonSchema();
        if (uri == null || uri.isBlank()) {
            return null;
        }
        try (InputStream in = ResourceHelper.resolveMandatoryResourceAsInputStream(getCamelContext(), uri)) {
            JsonNode node = WireJson.mapper().readTree(in);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("Invalid jsonSchema '" + uri + "': not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid jsonSchema '" + uri + "': " + e.getMessage(), e);
        }
    }

    /**
     * The dialect of target {@code name} as the metrics name it ({@code openrouter} or {@code openai}): of the
     * endpoint's first target when {@code name} is null or not one of its targets; null before the endpoint started.
     */
    public String dialectOf(String name) {
        Map<String, Dialect> dialects = targetDialects;
        Dialect d = name == null ? null : dialects.get(name);
        if (d == null) {
            d = dialects.isEmpty() ? null : dialects.values().iterator().next();
        }
        if (d == null) {
            return null;
        }
        // the enum's name in lower case, without a new string per call
        return switch (d) {
            case OPENROUTER -> "openrouter";
            case OPENAI -> "openai";
        };
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (planner == null) {
            prepare();
        }
        URI base = URI.create(configuration.getBaseUrl());
        String apiKey = configuration.getApiKey();
        boolean openRouter = Target.isOpenRouter(base);
        if ((apiKey == null || apiKey.isBlank()) && openRouter) {
            // the environment's OpenRouter key goes to OpenRouter only, never to another server
            apiKey = getComponent().runtime().env(ENV_API_KEY);
        }
        boolean noKey = apiKey == null || apiKey.isBlank();
        Duration timeout = Duration.ofMillis(configuration.getRequestTimeout());
        Target target = new Target(RoutingAssembly.DEFAULT_TARGET, base, noKey ? null : apiKey,
                RoutingAssembly.dialect(configuration.getDialect()), null, timeout, null);
        LlmRouterComponent component = getComponent();
        boolean chat = operation == LlmRouterOperation.chat;
        List<Target> targets = chat ? RoutingAssembly.targets(component, configuration, target) : List.of(target);
        Map<String, Dialect> dialects = new java.util.LinkedHashMap<>();
        targets.forEach(t -> dialects.putIfAbsent(t.name(), t.dialect()));
        targetDialects = java.util.Collections.unmodifiableMap(dialects);
        // a chat endpoint whose targets leave out its own server never sends to it, so needs no key for it
        if (noKey && openRouter && targets.stream().anyMatch(t -> t == target)) {
            throw new IllegalArgumentException(
                    "No API key for OpenRouter: set option apiKey or the environment variable " + ENV_API_KEY);
        }
        client = new OpenRouterClient(component.runtime()::transport, target, planner.template().httpHeaders(), timeout,
                Clock.systemUTC(), configuration.getMaxResponseSize());
        if (chat) {
            router = RoutingAssembly.create(this, targets, planner.template(), jsonSchema);
            callBook = new Bookkeeper(this, CostAssembly.create(this, client, modelPolicy));
            idempotency = idempotencyKey == null ? null : Idempotency.create(this, idempotencyKey);
            memory.start();
            if (toolCatalog.hasFixedTools() || agentLoop()) {
                toolExecutor = getCamelContext().getExecutorServiceManager().newCachedThreadPool(this,
                        "LlmRouterTools");
                toolCatalog.start();
            }
            if (configuration.getStreamTo() != null && !configuration.getStreamTo().isBlank()) {
                streamTo = getCamelContext().getEndpoint(configuration.getStreamTo().trim()).createAsyncProducer();
                ServiceHelper.startService(streamTo);
            }
        }
        startMcpSources();
    }

    /** Connects to the MCP servers of option mcpServers (failing on a required one that cannot be reached). */
    private void startMcpSources() {
        if (mcpServers.isEmpty()) {
            return;
        }
        List<McpToolSource> sources = new ArrayList<>();
        try {
            for (McpServerSpec spec : mcpServers) {
                McpToolSource source = new McpToolSource(spec);
                sources.add(source);
                ServiceHelper.startService(source);
            }
        } catch (RuntimeException e) {
            ServiceHelper.stopService(sources);
            throw e;
        }
        mcpSources = List.copyOf(sources);
        getComponent().mcpSourcesStarted(mcpSources, true);
        scheduleMcpRefresh();
    }

    private void scheduleMcpRefresh() {
        if (!isStarted() && !isStarting() || mcpSources.isEmpty()) {
            return;
        }
        try {
            mcpRefresh = getComponent().runtime().schedule(
                    () -> refreshMcpTools().whenComplete((v, e) -> scheduleMcpRefresh()),
                    configuration.getMcpRefreshInterval());
        } catch (RejectedExecutionException e) {
            // the component is stopping: no more refreshes
        }
    }

    /**
     * Reads the tool lists of this endpoint's MCP servers again now (and tries an optional server not reached yet);
     * the returned stage completes when every source is done. Refreshes also run every mcpRefreshInterval.
     */
    public CompletableFuture<Void> refreshMcpTools() {
        CompletableFuture<?>[] all = mcpSources.stream().map(s -> s.refresh().toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(all);
    }

    /**
     * The tool sources of this endpoint for the agent loop: one per MCP server of option mcpServers, connected while
     * the endpoint runs. Empty when the option is not set or the endpoint is not started.
     */
    public List<LlmRouterToolSource> toolSources() {
        return List.copyOf(mcpSources);
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopService(streamTo);
        streamTo = null;
        if (memory != null) {
            memory.stop();
        }
        Future<?> refresh = mcpRefresh;
        mcpRefresh = null;
        if (refresh != null) {
            refresh.cancel(false);
        }
        List<McpToolSource> sources = mcpSources;
        mcpSources = List.of();
        getComponent().mcpSourcesStarted(sources, false);
        ServiceHelper.stopService(sources);
        if (toolCatalog != null) {
            toolCatalog.stop();
        }
        if (toolExecutor != null) {
            getCamelContext().getExecutorServiceManager().shutdown(toolExecutor);
            toolExecutor = null;
        }
        super.doStop();
    }

    @Override
    public Producer createProducer() throws Exception {
        return switch (operation) {
            case chat -> new LlmRouterChatProducer(this);
            case models, key, generation -> new LlmRouterAccountProducer(this, operation);
            case embeddings -> new LlmRouterEmbeddingsProducer(this);
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("The llmrouter component has no consumer: use it in to(...)");
    }

    @Override
    public String getServiceUrl() {
        return configuration.getBaseUrl();
    }

    @Override
    public String getServiceProtocol() {
        return "http";
    }

    @Override
    public Map<String, String> getServiceMetadata() {
        return configuration.getModel() == null ? null : Map.of("model", configuration.getModel());
    }

    public ChatPlanner planner() {
        return planner;
    }

    public OpenRouterClient client() {
        return client;
    }

    public ChatRouter router() {
        return router;
    }

    public Bookkeeper callBook() {
        return callBook;
    }

    /** The idempotency of a chat endpoint with option idempotencyKey, else null. */
    public Idempotency idempotency() {
        return idempotency;
    }

    /** The endpoint's conversation memory and prompt-cache settings. */
    public ConversationMemory memory() {
        return memory;
    }

    public AsyncProducer streamTo() {
        return streamTo;
    }

    public LlmRouterOperation getOperation() {
        return operation;
    }

    /**
     * What to do: chat, models, generation, key or embeddings.
     */
    public void setOperation(LlmRouterOperation operation) {
        this.operation = operation;
    }

    public LlmRouterConfiguration getConfiguration() {
        return configuration;
    }

    /** The endpoint's options. */
    public void setConfiguration(LlmRouterConfiguration configuration) {
        this.configuration = configuration;
    }
}
