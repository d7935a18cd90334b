package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.plan.ChatOptions;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of an {@code llmrouter} endpoint. Set on the component, they are the defaults of every endpoint;
 * set on an endpoint URI, they override the component's. Per message, {@code CamelLlmRouter*} headers override
 * a subset (see {@link LlmRouterConstants}).
 * <p>
 * This class is the source of truth of the endpoint options, edited by hand as Camel's own components are: each
 * option is a field with {@code @UriParam} (label, default) and a setter whose javadoc is its description. The
 * build's camel-package-maven-plugin turns them into the configurers, the URI factory and the component's
 * {@code llmrouter.json}; {@code tools/gen_reference.py} and {@code tools/gen_starter.py} turn that JSON into
 * {@code docs/component-reference.md} and the Spring Boot starter's properties. Options with a fixed set of
 * values of our own are enum-typed ({@link LlmRouterDialect}, ...); the values OpenRouter defines and passes
 * through (sort, dataCollection, ...) stay strings, checked against their lists when the endpoint is created.
 */
@UriParams
@Configurer
public class LlmRouterConfiguration implements Cloneable, ChatOptions {

    @UriParam(label = "security", secret = true)
    private String apiKey;
    @UriParam(label = "common", defaultValue = "https://openrouter.ai/api/v1")
    private String baseUrl = "https://openrouter.ai/api/v1";
    @UriParam(label = "common")
    private String profile;
    @UriParam(label = "common", defaultValue = "openrouter")
    private LlmRouterDialect dialect = LlmRouterDialect.openrouter;
    @UriParam(label = "common")
    private String model;
    @UriParam(label = "common")
    private String fallbackModels;
    @UriParam(label = "common")
    private String systemPrompt;
    @UriParam(label = "common")
    private String userMessage;
    @UriParam(label = "common")
    private Integer maxTokens;
    @UriParam(label = "common")
    private Integer maxCompletionTokens;
    @UriParam(label = "common", enums = "auto,default,fast,flex,priority,scale")
    private String serviceTier;
    @UriParam(label = "common")
    private Double temperature;
    @UriParam(label = "common")
    private Double topP;
    @UriParam(label = "common")
    private Long seed;
    @UriParam(label = "common")
    private String stop;
    @UriParam(label = "common")
    private String appTitle;
    @UriParam(label = "common")
    private String appUrl;
    @UriParam(label = "common")
    private String sessionId;
    @UriParam(label = "common")
    private String user;
    @UriParam(label = "common", prefix = "metadata.", multiValue = true)
    private Map<String, String> metadata;
    @UriParam(label = "advanced", prefix = "extraBody.", multiValue = true)
    private Map<String, Object> extraBody;
    @UriParam(label = "advanced", prefix = "trace.", multiValue = true)
    private Map<String, Object> trace;
    @UriParam(label = "advanced", defaultValue = "false")
    private boolean openrouterMetadata = false;
    @UriParam(label = "provider")
    private String providerOrder;
    @UriParam(label = "provider", defaultValue = "true")
    private Boolean allowFallbacks;
    @UriParam(label = "provider")
    private Boolean requireParameters;
    @UriParam(label = "provider", enums = "allow,deny")
    private String dataCollection;
    @UriParam(label = "provider")
    private Boolean zdr;
    @UriParam(label = "provider")
    private Boolean enforceDistillableText;
    @UriParam(label = "provider")
    private String providerOnly;
    @UriParam(label = "provider")
    private String providerIgnore;
    @UriParam(label = "security", defaultValue = "narrow")
    private LlmRouterHeaderPolicy headerPolicy = LlmRouterHeaderPolicy.narrow;
    @UriParam(label = "provider")
    private String quantizations;
    @UriParam(label = "provider", enums = "price,throughput,latency,exacto")
    private String sort;
    @UriParam(label = "provider", enums = "model,none")
    private String sortPartition;
    @UriParam(label = "provider")
    private Double maxPricePrompt;
    @UriParam(label = "provider")
    private Double maxPriceCompletion;
    @UriParam(label = "provider")
    private Double maxPriceRequest;
    @UriParam(label = "provider")
    private Double maxPriceImage;
    @UriParam(label = "provider")
    private String preferredMinThroughput;
    @UriParam(label = "provider")
    private String preferredMaxLatency;
    @UriParam(label = "plugin", defaultValue = "false")
    private boolean webSearch = false;
    @UriParam(label = "plugin", enums = "native,exa,firecrawl,parallel,perplexity")
    private String webEngine;
    @UriParam(label = "plugin")
    private Integer webMaxResults;
    @UriParam(label = "plugin")
    private String webSearchPrompt;
    @UriParam(label = "plugin")
    private String webIncludeDomains;
    @UriParam(label = "plugin")
    private String webExcludeDomains;
    @UriParam(label = "plugin")
    private Integer webMaxUses;
    @UriParam(label = "plugin")
    private String webUserLocationCity;
    @UriParam(label = "plugin")
    private String webUserLocationRegion;
    @UriParam(label = "plugin")
    private String webUserLocationCountry;
    @UriParam(label = "plugin")
    private String webUserLocationTimezone;
    @UriParam(label = "plugin", enums = "low,medium,high")
    private String webSearchContextSize;
    @UriParam(label = "plugin", enums = "mistral-ocr,native,cloudflare-ai")
    private String pdfEngine;
    @UriParam(label = "plugin", defaultValue = "false")
    private boolean responseHealing = false;
    @UriParam(label = "plugin", enums = "middle-out")
    private String contextCompression;
    @UriParam(label = "plugin")
    private String autoRouterAllowedModels;
    @UriParam(label = "plugin", enums = "low,medium,high,xhigh,max")
    private String autoRouterCostTier;
    @UriParam(label = "plugin")
    private Double stopServerToolsWhenMaxCost;
    @UriParam(label = "plugin")
    private Integer stopServerToolsWhenStepCount;
    @UriParam(label = "plugin")
    private Integer stopServerToolsWhenMaxTokens;
    @UriParam(label = "output")
    private String outputClass;
    @UriParam(label = "output")
    private String jsonSchema;
    @UriParam(label = "output", defaultValue = "response")
    private String jsonSchemaName = "response";
    @UriParam(label = "output", defaultValue = "content")
    private LlmRouterResponseMode responseMode = LlmRouterResponseMode.content;
    @UriParam(label = "output", enums = "low,medium,high")
    private String verbosity;
    @UriParam(label = "output")
    private String modalities;
    @UriParam(label = "output", prefix = "imageConfig.", multiValue = true)
    private Map<String, Object> imageConfig;
    @UriParam(label = "output")
    private Boolean logprobs;
    @UriParam(label = "output")
    private Integer topLogprobs;
    @UriParam(label = "output")
    private String prediction;
    @UriParam(label = "output", enums = "max,xhigh,high,medium,low,minimal,none")
    private String reasoningEffort;
    @UriParam(label = "output")
    private Integer reasoningMaxTokens;
    @UriParam(label = "output")
    private Boolean reasoningExclude;
    @UriParam(label = "output", enums = "5m,1h")
    private String cacheControl;
    @UriParam(label = "output")
    private List<Object> tools;
    @UriParam(label = "output", enums = "auto,none,required")
    private String toolChoice;
    @UriParam(label = "output", defaultValue = "true")
    private Boolean parallelToolCalls;
    @UriParam(label = "agent")
    private Boolean autoToolExecution;
    @UriParam(label = "agent", defaultValue = "10")
    private int maxToolIterations = 10;
    @UriParam(label = "agent", defaultValue = "true")
    private boolean parallelToolExecution = true;
    @UriParam(label = "agent", defaultValue = "60000", javaType = "java.time.Duration")
    private long toolTimeout = 60000L;
    @UriParam(label = "agent", defaultValue = "reprompt")
    private LlmRouterOnToolError onToolError = LlmRouterOnToolError.reprompt;
    @UriParam(label = "agent", defaultValue = "reprompt")
    private LlmRouterOnUnknownTool onUnknownTool = LlmRouterOnUnknownTool.reprompt;
    @UriParam(label = "agent")
    private java.math.BigDecimal maxLoopCost;
    @UriParam(label = "agent")
    private Long maxLoopTokens;
    @UriParam(label = "agent", defaultValue = "0", javaType = "java.time.Duration")
    private long maxLoopDuration = 0L;
    @UriParam(label = "agent", defaultValue = "finalAnswer")
    private LlmRouterLoopStop loopStop = LlmRouterLoopStop.finalAnswer;
    @UriParam(label = "advanced")
    private Integer topK;
    @UriParam(label = "advanced")
    private Double frequencyPenalty;
    @UriParam(label = "advanced")
    private Double presencePenalty;
    @UriParam(label = "advanced")
    private Double repetitionPenalty;
    @UriParam(label = "advanced")
    private Double minP;
    @UriParam(label = "embeddings")
    private Integer dimensions;
    @UriParam(label = "advanced", defaultValue = "180000", javaType = "java.time.Duration")
    private long requestTimeout = 180000L;
    @UriParam(label = "advanced", defaultValue = "67108864")
    private int maxResponseSize = 67108864;
    @UriParam(label = "resilience")
    private String targets;
    @UriParam(label = "resilience", defaultValue = "2")
    private int maxRetries = 2;
    @UriParam(label = "resilience", defaultValue = "500", javaType = "java.time.Duration")
    private long retryDelay = 500L;
    @UriParam(label = "resilience", defaultValue = "30000", javaType = "java.time.Duration")
    private long maxRetryDelay = 30000L;
    @UriParam(label = "resilience", defaultValue = "0", javaType = "java.time.Duration")
    private long totalTimeout = 0L;
    @UriParam(label = "resilience", defaultValue = "noProvider,contextLength")
    private String fallbackOn = "noProvider,contextLength";
    @UriParam(label = "resilience")
    private LlmRouterBreakerScope breakerScope;
    @UriParam(label = "resilience")
    private String escalateModels;
    @UriParam(label = "resilience")
    private LlmRouterEscalateOn escalateOn;
    @UriParam(label = "resilience")
    private String escalateWhen;
    @UriParam(label = "resilience", defaultValue = "simple")
    private String escalateWhenLanguage = "simple";
    @UriParam(label = "streaming", defaultValue = "false")
    private boolean stream = false;
    @UriParam(label = "streaming")
    private String streamTo;
    @UriParam(label = "resilience", defaultValue = "0", javaType = "java.time.Duration")
    private long firstTokenTimeout = 0L;
    @UriParam(label = "streaming", defaultValue = "30000", javaType = "java.time.Duration")
    private long streamIdleTimeout = 30000L;
    @UriParam(label = "streaming")
    private LlmRouterStreamRecovery streamRecovery;
    @UriParam(label = "cache", defaultValue = "false")
    private boolean cache = false;
    @UriParam(label = "cache", defaultValue = "3600000", javaType = "java.time.Duration")
    private long cacheTtl = 3600000L;
    @UriParam(label = "cache", defaultValue = "1000")
    private long cacheMaxEntries = 1000L;
    @UriParam(label = "cache", defaultValue = "false")
    private boolean openrouterCache = false;
    @UriParam(label = "cost")
    private java.math.BigDecimal maxCostPerRequest;
    @UriParam(label = "cost", defaultValue = "true")
    private boolean boundServerPrice = true;
    @UriParam(label = "cost")
    private String budget;
    @UriParam(label = "cost", defaultValue = "global")
    private LlmRouterBudgetScope budgetScope = LlmRouterBudgetScope.global;
    @UriParam(label = "cost", defaultValue = "fail")
    private LlmRouterOnBudgetExceeded onBudgetExceeded = LlmRouterOnBudgetExceeded.fail;
    @UriParam(label = "cost", defaultValue = "fail")
    private LlmRouterOnRateLimited onRateLimited = LlmRouterOnRateLimited.fail;
    @UriParam(label = "cost", defaultValue = "failClosed")
    private LlmRouterLedgerFailure ledgerFailure = LlmRouterLedgerFailure.failClosed;
    @UriParam(label = "cost")
    private String downgradeModels;
    @UriParam(label = "cost")
    private String allowedModels;
    @UriParam(label = "cost")
    private String deniedModels;
    @UriParam(label = "cost")
    private String pricingCatalog;
    @UriParam(label = "cost", defaultValue = "reject")
    private LlmRouterUnknownModelPolicy unknownModelPolicy = LlmRouterUnknownModelPolicy.reject;
    @UriParam(label = "cost")
    private Double worstCasePricePrompt;
    @UriParam(label = "cost")
    private Double worstCasePriceCompletion;
    @UriParam(label = "idempotency")
    private String idempotencyKey;
    @UriParam(label = "idempotency", defaultValue = "fail")
    private LlmRouterOnMissingIdempotencyKey onMissingIdempotencyKey = LlmRouterOnMissingIdempotencyKey.fail;
    @UriParam(label = "idempotency", defaultValue = "604800000", javaType = "java.time.Duration")
    private long answerRetention = 604800000L;
    @UriParam(label = "idempotency")
    private dev.llmrouter.camel.idempotency.AnswerStore answerStore;
    @UriParam(label = "memory")
    private String conversationId;
    @UriParam(label = "memory")
    private dev.llmrouter.camel.memory.ConversationStore conversationStore;
    @UriParam(label = "memory")
    private Integer maxHistoryMessages;
    @UriParam(label = "memory")
    private Integer maxHistoryTokens;
    @UriParam(label = "memory", defaultValue = "false")
    private boolean autoCacheControl;
    @UriParam(label = "agent")
    private String mcpServers;
    @UriParam(label = "agent")
    private String mcpTools;
    @UriParam(label = "agent", defaultValue = "300000", javaType = "java.time.Duration")
    private long mcpRefreshInterval = 300000L;

    /** A copy that an endpoint may change without touching the component's defaults. */
    public LlmRouterConfiguration copy() {
        try {
            LlmRouterConfiguration copy = (LlmRouterConfiguration) clone();
            if (metadata != null) {
                copy.metadata = new java.util.LinkedHashMap<>(metadata);
            }
            if (extraBody != null) {
                copy.extraBody = new java.util.LinkedHashMap<>(extraBody);
            }
            if (trace != null) {
                copy.trace = new java.util.LinkedHashMap<>(trace);
            }
            if (imageConfig != null) {
                copy.imageConfig = new java.util.LinkedHashMap<>(imageConfig);
            }
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getApiKey() {
        return apiKey;
    }

    /**
     * The OpenRouter (or OpenAI-compatible server) API key, sent as a bearer token. When not set and baseUrl is
     * OpenRouter's (over https), the environment variable OPENROUTER_API_KEY is used (it is never sent to another
     * server). Never logged. Prefer setting it on the component or through a property placeholder over writing it
     * into an endpoint URI: Camel keeps endpoint URIs, unmasked, in exchange properties such as CamelToEndpoint.
     */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    /**
     * The API root. Point it at any OpenAI-compatible server (vLLM, Ollama, OpenAI) or at a local emulator.
     */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getProfile() {
        return profile;
    }

    /**
     * The name of a routing profile defined on the component (profiles): a named set of endpoint options such as
     * cheap, balanced or frontier, applied before the options of the endpoint URI (which win).
     */
    public void setProfile(String profile) {
        this.profile = profile;
    }

    public LlmRouterDialect getDialect() {
        return dialect;
    }

    /**
     * What the server at baseUrl understands: openrouter (every field is sent, with the attribution headers) or
     * openai (a plain OpenAI-compatible server such as vLLM, Ollama or OpenAI: OpenRouter's own fields models,
     * provider, plugins, session_id, cache_control, reasoning, image_config, trace and stop_server_tools_when are
     * left out, and so are the X-OpenRouter-* headers; extraBody fields are still sent).
     */
    public void setDialect(LlmRouterDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String getModel() {
        return model;
    }

    /**
     * The model slug, e.g. anthropic/claude-haiku-4.5. Suffixes such as :online, :nitro, :floor and :free are
     * passed through untouched. When not set, OpenRouter uses the account's default model.
     */
    public void setModel(String model) {
        this.model = model;
    }

    @Override
    public String getFallbackModels() {
        return fallbackModels;
    }

    /**
     * Comma-separated models that OpenRouter tries in order when the model fails (sent as models). You pay only for
     * the model that served.
     */
    public void setFallbackModels(String fallbackModels) {
        this.fallbackModels = fallbackModels;
    }

    @Override
    public String getSystemPrompt() {
        return systemPrompt;
    }

    /**
     * A system message placed before the user message when the body is a String (or a message list that has no
     * system message).
     */
    public void setSystemPrompt(String systemPrompt) {
        this.systemPrompt = systemPrompt;
    }

    @Override
    public String getUserMessage() {
        return userMessage;
    }

    /**
     * The prompt that goes with the body, sent as a text part before it in the user message: for a file, byte array
     * or stream body (an image, PDF, audio or video attached by its media type, header CamelLlmRouterMediaType) or
     * a text body (String, text file). The header CamelLlmRouterUserMessage overrides it. Not allowed with a body
     * that already holds messages (ChatMessage, Map, List, ChatRequest).
     */
    public void setUserMessage(String userMessage) {
        this.userMessage = userMessage;
    }

    @Override
    public Integer getMaxTokens() {
        return maxTokens;
    }

    /**
     * The most tokens the completion may have (max_tokens).
     */
    public void setMaxTokens(Integer maxTokens) {
        this.maxTokens = maxTokens;
    }

    @Override
    public Integer getMaxCompletionTokens() {
        return maxCompletionTokens;
    }

    /**
     * The most tokens the completion may have, as OpenAI's newer field max_completion_tokens (reasoning models
     * require it). When maxTokens is not set, the cost pre-flight uses it as the worst-case completion length.
     */
    public void setMaxCompletionTokens(Integer maxCompletionTokens) {
        this.maxCompletionTokens = maxCompletionTokens;
    }

    @Override
    public String getServiceTier() {
        return serviceTier;
    }

    /**
     * The service tier the provider processes the request in (service_tier): auto, default, fast (an alias of
     * priority), flex, priority or scale.
     */
    public void setServiceTier(String serviceTier) {
        this.serviceTier = serviceTier;
    }

    @Override
    public Double getTemperature() {
        return temperature;
    }

    /**
     * Sampling temperature, 0 to 2.
     */
    public void setTemperature(Double temperature) {
        this.temperature = temperature;
    }

    @Override
    public Double getTopP() {
        return topP;
    }

    /**
     * Nucleus sampling, 0 to 1 (top_p).
     */
    public void setTopP(Double topP) {
        this.topP = topP;
    }

    @Override
    public Long getSeed() {
        return seed;
    }

    /**
     * A seed for providers that support deterministic sampling.
     */
    public void setSeed(Long seed) {
        this.seed = seed;
    }

    @Override
    public String getStop() {
        return stop;
    }

    /**
     * Comma-separated stop sequences (at most 4).
     */
    public void setStop(String stop) {
        this.stop = stop;
    }

    @Override
    public String getAppTitle() {
        return appTitle;
    }

    /**
     * Your application's name for OpenRouter's attribution (headers X-OpenRouter-Title and X-Title).
     */
    public void setAppTitle(String appTitle) {
        this.appTitle = appTitle;
    }

    @Override
    public String getAppUrl() {
        return appUrl;
    }

    /**
     * Your application's URL for OpenRouter's attribution (header HTTP-Referer).
     */
    public void setAppUrl(String appUrl) {
        this.appUrl = appUrl;
    }

    @Override
    public String getSessionId() {
        return sessionId;
    }

    /**
     * Groups related requests; OpenRouter routes a session to the same provider to keep its prompt cache warm
     * (session_id, at most 256 characters).
     */
    public void setSessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    @Override
    public String getUser() {
        return user;
    }

    /**
     * A stable end-user id for abuse isolation and attribution (user).
     */
    public void setUser(String user) {
        this.user = user;
    }

    @Override
    public Map<String, String> getMetadata() {
        return metadata;
    }

    /**
     * Key/value pairs sent as metadata (at most 16), given as metadata.key=value options.
     */
    public void setMetadata(Map<String, String> metadata) {
        this.metadata = metadata;
    }

    @Override
    public Map<String, Object> getExtraBody() {
        return extraBody;
    }

    /**
     * Request fields the component does not model, given as extraBody.field=JSON options (e.g. extraBody.top_a=0.2,
     * extraBody.debug={"echo_upstream_body":true}; a string is written "text"). They are written last into the
     * request JSON, also for the openai dialect. A value that is not JSON, or a field an option already sets (or
     * model, models, messages, stream), fails at endpoint creation. Header CamelLlmRouterExtraBody adds fields per
     * message.
     */
    public void setExtraBody(Map<String, Object> extraBody) {
        this.extraBody = extraBody;
    }

    @Override
    public Map<String, Object> getTrace() {
        return trace;
    }

    /**
     * Observability metadata sent as the trace object, given as trace.key=value options (trace_id, trace_name,
     * span_name, generation_name, parent_span_id, or your own keys). Not sent in the openai dialect.
     */
    public void setTrace(Map<String, Object> trace) {
        this.trace = trace;
    }

    @Override
    public boolean isOpenrouterMetadata() {
        return openrouterMetadata;
    }

    /**
     * Sends request header X-OpenRouter-Metadata: enabled so OpenRouter adds its routing metadata
     * (openrouter_metadata) to the answer. OpenRouter dialect only.
     */
    public void setOpenrouterMetadata(boolean openrouterMetadata) {
        this.openrouterMetadata = openrouterMetadata;
    }

    @Override
    public String getProviderOrder() {
        return providerOrder;
    }

    /**
     * Comma-separated providers to try first, in order (provider.order).
     */
    public void setProviderOrder(String providerOrder) {
        this.providerOrder = providerOrder;
    }

    @Override
    public Boolean getAllowFallbacks() {
        return allowFallbacks;
    }

    /**
     * Whether OpenRouter may use providers other than those in providerOrder when they fail
     * (provider.allow_fallbacks). When not set, nothing is sent and OpenRouter's default (true) applies.
     */
    public void setAllowFallbacks(Boolean allowFallbacks) {
        this.allowFallbacks = allowFallbacks;
    }

    @Override
    public Boolean getRequireParameters() {
        return requireParameters;
    }

    /**
     * Only use providers that support every parameter of the request (provider.require_parameters).
     */
    public void setRequireParameters(Boolean requireParameters) {
        this.requireParameters = requireParameters;
    }

    @Override
    public String getDataCollection() {
        return dataCollection;
    }

    /**
     * allow or deny: deny skips providers that may store or train on prompts (provider.data_collection).
     */
    public void setDataCollection(String dataCollection) {
        this.dataCollection = dataCollection;
    }

    @Override
    public Boolean getZdr() {
        return zdr;
    }

    /**
     * Only use zero-data-retention endpoints (provider.zdr).
     */
    public void setZdr(Boolean zdr) {
        this.zdr = zdr;
    }

    @Override
    public Boolean getEnforceDistillableText() {
        return enforceDistillableText;
    }

    /**
     * Only use models whose authors allow their output to be used for distillation
     * (provider.enforce_distillable_text).
     */
    public void setEnforceDistillableText(Boolean enforceDistillableText) {
        this.enforceDistillableText = enforceDistillableText;
    }

    @Override
    public String getProviderOnly() {
        return providerOnly;
    }

    /**
     * Comma-separated providers that alone may serve (provider.only).
     */
    public void setProviderOnly(String providerOnly) {
        this.providerOnly = providerOnly;
    }

    @Override
    public String getProviderIgnore() {
        return providerIgnore;
    }

    /**
     * Comma-separated providers never to use (provider.ignore).
     */
    public void setProviderIgnore(String providerIgnore) {
        this.providerIgnore = providerIgnore;
    }

    public LlmRouterHeaderPolicy getHeaderPolicy() {
        return headerPolicy;
    }

    /**
     * What a message may do to the endpoint's policy options (zdr, dataCollection, providerIgnore, providerOnly,
     * maxPrice*, maxTokens, maxCompletionTokens): narrow (the default) lets its headers (CamelLlmRouterZdr,
     * CamelLlmRouterDataCollection, CamelLlmRouterProviderIgnore, CamelLlmRouterProviderOnly,
     * CamelLlmRouterMaxPrice*, CamelLlmRouterMaxTokens, CamelLlmRouterMaxCompletionTokens) and the matching fields
     * of a ChatRequest body only make the call stricter (zdr on, data_collection deny, more providers ignored,
     * fewer allowed, lower caps); a looser value fails the exchange with a PolicyViolationException before anything
     * is sent or reserved, the body unchanged. override lets them replace the options, stricter or looser, as
     * before. Models are checked by allowedModels and deniedModels either way; headers that are not policy (sort,
     * order, system prompt, session id, user, ...) override in both.
     */
    public void setHeaderPolicy(LlmRouterHeaderPolicy headerPolicy) {
        this.headerPolicy = headerPolicy;
    }

    @Override
    public String getQuantizations() {
        return quantizations;
    }

    /**
     * Comma-separated quantization levels to accept, e.g. fp8,fp16 (provider.quantizations): int4, int8, fp4,
     * mxfp4, nvfp4, fp6, fp8, mxfp8, fp16, bf16, fp32, unknown.
     */
    public void setQuantizations(String quantizations) {
        this.quantizations = quantizations;
    }

    @Override
    public String getSort() {
        return sort;
    }

    /**
     * Sort providers instead of load balancing: price, throughput, latency or exacto (provider.sort).
     */
    public void setSort(String sort) {
        this.sort = sort;
    }

    @Override
    public String getSortPartition() {
        return sortPartition;
    }

    /**
     * With sort: model sorts the providers of each model separately; none sorts across all fallback models together
     * (provider.sort.partition).
     */
    public void setSortPartition(String sortPartition) {
        this.sortPartition = sortPartition;
    }

    @Override
    public Double getMaxPricePrompt() {
        return maxPricePrompt;
    }

    /**
     * The highest prompt price to accept, in USD per million tokens (provider.max_price.prompt); no provider under
     * it means the call fails.
     */
    public void setMaxPricePrompt(Double maxPricePrompt) {
        this.maxPricePrompt = maxPricePrompt;
    }

    @Override
    public Double getMaxPriceCompletion() {
        return maxPriceCompletion;
    }

    /**
     * The highest completion price to accept, in USD per million tokens (provider.max_price.completion).
     */
    public void setMaxPriceCompletion(Double maxPriceCompletion) {
        this.maxPriceCompletion = maxPriceCompletion;
    }

    @Override
    public Double getMaxPriceRequest() {
        return maxPriceRequest;
    }

    /**
     * The highest fixed price per request to accept, in USD (provider.max_price.request).
     */
    public void setMaxPriceRequest(Double maxPriceRequest) {
        this.maxPriceRequest = maxPriceRequest;
    }

    @Override
    public Double getMaxPriceImage() {
        return maxPriceImage;
    }

    /**
     * The highest price per input image to accept, in USD (provider.max_price.image).
     */
    public void setMaxPriceImage(Double maxPriceImage) {
        this.maxPriceImage = maxPriceImage;
    }

    @Override
    public String getPreferredMinThroughput() {
        return preferredMinThroughput;
    }

    /**
     * Soft minimum throughput in tokens per second: a number, or percentiles such as p50:100,p90:50. Endpoints
     * below it are tried last (provider.preferred_min_throughput).
     */
    public void setPreferredMinThroughput(String preferredMinThroughput) {
        this.preferredMinThroughput = preferredMinThroughput;
    }

    @Override
    public String getPreferredMaxLatency() {
        return preferredMaxLatency;
    }

    /**
     * Soft maximum latency in seconds: a number, or percentiles such as p50:1,p90:3. Endpoints above it are tried
     * last (provider.preferred_max_latency).
     */
    public void setPreferredMaxLatency(String preferredMaxLatency) {
        this.preferredMaxLatency = preferredMaxLatency;
    }

    @Override
    public boolean isWebSearch() {
        return webSearch;
    }

    /**
     * Adds web search results to the prompt (the web plugin); citations come back in header
     * CamelLlmRouterCitations.
     */
    public void setWebSearch(boolean webSearch) {
        this.webSearch = webSearch;
    }

    @Override
    public String getWebEngine() {
        return webEngine;
    }

    /**
     * The web search engine: native (the provider's own), exa, firecrawl, parallel or perplexity. Requires
     * webSearch=true.
     */
    public void setWebEngine(String webEngine) {
        this.webEngine = webEngine;
    }

    @Override
    public Integer getWebMaxResults() {
        return webMaxResults;
    }

    /**
     * How many search results to add (1 or more). Requires webSearch=true.
     */
    public void setWebMaxResults(Integer webMaxResults) {
        this.webMaxResults = webMaxResults;
    }

    @Override
    public String getWebSearchPrompt() {
        return webSearchPrompt;
    }

    /**
     * The text that introduces the search results in the prompt. Requires webSearch=true.
     */
    public void setWebSearchPrompt(String webSearchPrompt) {
        this.webSearchPrompt = webSearchPrompt;
    }

    @Override
    public String getWebIncludeDomains() {
        return webIncludeDomains;
    }

    /**
     * Comma-separated domains to search only (wildcards such as *.example.com allowed). Requires webSearch=true.
     */
    public void setWebIncludeDomains(String webIncludeDomains) {
        this.webIncludeDomains = webIncludeDomains;
    }

    @Override
    public String getWebExcludeDomains() {
        return webExcludeDomains;
    }

    /**
     * Comma-separated domains never to search. Requires webSearch=true.
     */
    public void setWebExcludeDomains(String webExcludeDomains) {
        this.webExcludeDomains = webExcludeDomains;
    }

    @Override
    public Integer getWebMaxUses() {
        return webMaxUses;
    }

    /**
     * How many searches the model may run in one turn (the web plugin's max_uses, 1 or more). Requires
     * webSearch=true.
     */
    public void setWebMaxUses(Integer webMaxUses) {
        this.webMaxUses = webMaxUses;
    }

    @Override
    public String getWebUserLocationCity() {
        return webUserLocationCity;
    }

    /**
     * The city of the approximate user location for location-biased search (the web plugin's user_location.city).
     * Requires webSearch=true.
     */
    public void setWebUserLocationCity(String webUserLocationCity) {
        this.webUserLocationCity = webUserLocationCity;
    }

    @Override
    public String getWebUserLocationRegion() {
        return webUserLocationRegion;
    }

    /**
     * The region of the approximate user location (user_location.region of the web plugin). Requires
     * webSearch=true.
     */
    public void setWebUserLocationRegion(String webUserLocationRegion) {
        this.webUserLocationRegion = webUserLocationRegion;
    }

    @Override
    public String getWebUserLocationCountry() {
        return webUserLocationCountry;
    }

    /**
     * The country of the approximate user location (user_location.country of the web plugin). Requires
     * webSearch=true.
     */
    public void setWebUserLocationCountry(String webUserLocationCountry) {
        this.webUserLocationCountry = webUserLocationCountry;
    }

    @Override
    public String getWebUserLocationTimezone() {
        return webUserLocationTimezone;
    }

    /**
     * The IANA time zone of the approximate user location, e.g. Europe/Paris (user_location.timezone of the web
     * plugin). Requires webSearch=true.
     */
    public void setWebUserLocationTimezone(String webUserLocationTimezone) {
        this.webUserLocationTimezone = webUserLocationTimezone;
    }

    @Override
    public String getWebSearchContextSize() {
        return webSearchContextSize;
    }

    /**
     * How much search context native web search adds: low, medium or high (web_search_options.search_context_size).
     */
    public void setWebSearchContextSize(String webSearchContextSize) {
        this.webSearchContextSize = webSearchContextSize;
    }

    @Override
    public String getPdfEngine() {
        return pdfEngine;
    }

    /**
     * How attached PDFs are parsed (the file-parser plugin, sent on every call): mistral-ocr, native or
     * cloudflare-ai. A PDF body (a file, byte[] or stream with media type application/pdf) is attached as a file
     * part.
     */
    public void setPdfEngine(String pdfEngine) {
        this.pdfEngine = pdfEngine;
    }

    @Override
    public boolean isResponseHealing() {
        return responseHealing;
    }

    /**
     * Lets OpenRouter repair malformed JSON in structured answers (the response-healing plugin; non-streaming JSON
     * answers only).
     */
    public void setResponseHealing(boolean responseHealing) {
        this.responseHealing = responseHealing;
    }

    @Override
    public String getContextCompression() {
        return contextCompression;
    }

    /**
     * Compresses prompts that exceed the context window: middle-out removes messages from the middle (the
     * context-compression plugin).
     */
    public void setContextCompression(String contextCompression) {
        this.contextCompression = contextCompression;
    }

    @Override
    public String getAutoRouterAllowedModels() {
        return autoRouterAllowedModels;
    }

    /**
     * Comma-separated model patterns (wildcards such as anthropic/* allowed) the auto-router may choose from, for
     * model openrouter/auto (the auto-router plugin's allowed_models).
     */
    public void setAutoRouterAllowedModels(String autoRouterAllowedModels) {
        this.autoRouterAllowedModels = autoRouterAllowedModels;
    }

    @Override
    public String getAutoRouterCostTier() {
        return autoRouterCostTier;
    }

    /**
     * The cost band the auto-router chooses in, for model openrouter/auto: low, medium, high, xhigh or max (the
     * auto-router plugin's cost_tier).
     */
    public void setAutoRouterCostTier(String autoRouterCostTier) {
        this.autoRouterCostTier = autoRouterCostTier;
    }

    @Override
    public Double getStopServerToolsWhenMaxCost() {
        return stopServerToolsWhenMaxCost;
    }

    /**
     * Ends OpenRouter's server-tool loop once it has cost this much, in USD (stop_server_tools_when entry of type
     * max_cost). Not sent in the openai dialect.
     */
    public void setStopServerToolsWhenMaxCost(Double stopServerToolsWhenMaxCost) {
        this.stopServerToolsWhenMaxCost = stopServerToolsWhenMaxCost;
    }

    @Override
    public Integer getStopServerToolsWhenStepCount() {
        return stopServerToolsWhenStepCount;
    }

    /**
     * Ends OpenRouter's server-tool loop after this many steps (stop_server_tools_when entry of type
     * step_count_is). Not sent in the openai dialect.
     */
    public void setStopServerToolsWhenStepCount(Integer stopServerToolsWhenStepCount) {
        this.stopServerToolsWhenStepCount = stopServerToolsWhenStepCount;
    }

    @Override
    public Integer getStopServerToolsWhenMaxTokens() {
        return stopServerToolsWhenMaxTokens;
    }

    /**
     * Ends OpenRouter's server-tool loop once it has used this many tokens (stop_server_tools_when entry of type
     * max_tokens_used). Not sent in the openai dialect.
     */
    public void setStopServerToolsWhenMaxTokens(Integer stopServerToolsWhenMaxTokens) {
        this.stopServerToolsWhenMaxTokens = stopServerToolsWhenMaxTokens;
    }

    public String getOutputClass() {
        return outputClass;
    }

    /**
     * A class (fully qualified name) to receive structured output: a strict json_schema response format is derived
     * from it, and the answer is read into an instance of it, which becomes the body.
     */
    public void setOutputClass(String outputClass) {
        this.outputClass = outputClass;
    }

    public String getJsonSchema() {
        return jsonSchema;
    }

    /**
     * A JSON Schema resource for structured output (classpath:, file: or http: prefix); sent as a strict
     * json_schema response format. The body stays the JSON text.
     */
    public void setJsonSchema(String jsonSchema) {
        this.jsonSchema = jsonSchema;
    }

    public String getJsonSchemaName() {
        return jsonSchemaName;
    }

    /**
     * The name sent with the jsonSchema response format.
     */
    public void setJsonSchemaName(String jsonSchemaName) {
        this.jsonSchemaName = jsonSchemaName;
    }

    public LlmRouterResponseMode getResponseMode() {
        return responseMode;
    }

    /**
     * What becomes the body: content (the assistant's text, or the outputClass instance) or full (the whole
     * response object, dev.llmrouter.camel.wire.ChatResponse).
     */
    public void setResponseMode(LlmRouterResponseMode responseMode) {
        this.responseMode = responseMode;
    }

    @Override
    public String getVerbosity() {
        return verbosity;
    }

    /**
     * How long and detailed the answer should be: low, medium or high (verbosity).
     */
    public void setVerbosity(String verbosity) {
        this.verbosity = verbosity;
    }

    @Override
    public String getModalities() {
        return modalities;
    }

    /**
     * Comma-separated output modalities: text, image, audio (modalities), e.g. image,text for image generation.
     */
    public void setModalities(String modalities) {
        this.modalities = modalities;
    }

    @Override
    public Map<String, Object> getImageConfig() {
        return imageConfig;
    }

    /**
     * Image generation settings sent as image_config, given as imageConfig.key=value options (e.g.
     * imageConfig.aspect_ratio=16:9); a value that is a number is sent as a number. Not sent in the openai dialect.
     */
    public void setImageConfig(Map<String, Object> imageConfig) {
        this.imageConfig = imageConfig;
    }

    @Override
    public Boolean getLogprobs() {
        return logprobs;
    }

    /**
     * Whether to return the log probabilities of the output tokens (logprobs).
     */
    public void setLogprobs(Boolean logprobs) {
        this.logprobs = logprobs;
    }

    @Override
    public Integer getTopLogprobs() {
        return topLogprobs;
    }

    /**
     * How many most likely tokens to return at each position, 0 to 20 (top_logprobs). Requires logprobs=true.
     */
    public void setTopLogprobs(Integer topLogprobs) {
        this.topLogprobs = topLogprobs;
    }

    @Override
    public String getPrediction() {
        return prediction;
    }

    /**
     * Predicted output text, e.g. a file being edited, sent as prediction {type: content, content: ...} so a
     * supporting model can answer faster.
     */
    public void setPrediction(String prediction) {
        this.prediction = prediction;
    }

    @Override
    public String getReasoningEffort() {
        return reasoningEffort;
    }

    /**
     * Reasoning effort for reasoning models (reasoning.effort). Cannot be combined with reasoningMaxTokens.
     */
    public void setReasoningEffort(String reasoningEffort) {
        this.reasoningEffort = reasoningEffort;
    }

    @Override
    public Integer getReasoningMaxTokens() {
        return reasoningMaxTokens;
    }

    /**
     * A token budget for reasoning (reasoning.max_tokens).
     */
    public void setReasoningMaxTokens(Integer reasoningMaxTokens) {
        this.reasoningMaxTokens = reasoningMaxTokens;
    }

    @Override
    public Boolean getReasoningExclude() {
        return reasoningExclude;
    }

    /**
     * Reason, but leave the reasoning out of the answer (reasoning.exclude).
     */
    public void setReasoningExclude(Boolean reasoningExclude) {
        this.reasoningExclude = reasoningExclude;
    }

    @Override
    public String getCacheControl() {
        return cacheControl;
    }

    /**
     * Adds a top-level automatic prompt-cache breakpoint with this TTL: 5m or 1h (cache_control).
     */
    public void setCacheControl(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    @Override
    public List<Object> getTools() {
        return tools;
    }

    /**
     * The tools the model may call, usually a bean reference (#myTools) to a List, or a comma list of endpoint URIs.
     * Each element is a tool definition in OpenAI's tools shape (a Map or object: sent as it is, its calls come back
     * in header CamelLlmRouterToolCalls), or an executable tool the agent loop runs (see autoToolExecution): a Camel
     * endpoint URI (direct:lookupOrder; named after its path, described by its route's description()), an
     * LlmRouterToolSpec (an endpoint URI with an explicit name, description or parameter class) or an LlmRouterTool
     * bean.
     */
    public void setTools(List<Object> tools) {
        this.tools = tools;
    }

    @Override
    public String getToolChoice() {
        return toolChoice;
    }

    /**
     * Whether the model may, must not, or must call a tool: auto, none or required (tool_choice).
     */
    public void setToolChoice(String toolChoice) {
        this.toolChoice = toolChoice;
    }

    @Override
    public Boolean getParallelToolCalls() {
        return parallelToolCalls;
    }

    /**
     * Whether the model may call several tools at once (parallel_tool_calls). When not set, nothing is sent and the
     * provider's default (true) applies.
     */
    public void setParallelToolCalls(Boolean parallelToolCalls) {
        this.parallelToolCalls = parallelToolCalls;
    }

    public Boolean getAutoToolExecution() {
        return autoToolExecution;
    }

    /**
     * Whether the component runs the tools the model calls (the agent loop): calls each tool, sends its answer back
     * as a tool message, and asks the model again until it answers without tool calls. Unset: on when option tools
     * has executable entries (Camel endpoint URIs such as direct:lookupOrder, LlmRouterTool beans,
     * LlmRouterToolSpec entries). false: tool calls come back in header CamelLlmRouterToolCalls, as for plain tool
     * definitions.
     */
    public void setAutoToolExecution(Boolean autoToolExecution) {
        this.autoToolExecution = autoToolExecution;
    }

    public int getMaxToolIterations() {
        return maxToolIterations;
    }

    /**
     * The most tool rounds (model answers with tool calls that the loop runs) of one exchange; the next model call
     * after the last round is handled by loopStop (header CamelLlmRouterLoopStopped: maxToolIterations). At least 1.
     */
    public void setMaxToolIterations(int maxToolIterations) {
        this.maxToolIterations = maxToolIterations;
    }

    public boolean isParallelToolExecution() {
        return parallelToolExecution;
    }

    /**
     * Whether the tool calls of one model answer run at the same time (true) or one after the other in the order
     * the model gave them (false). The tool messages are sent in the model's order either way.
     */
    public void setParallelToolExecution(boolean parallelToolExecution) {
        this.parallelToolExecution = parallelToolExecution;
    }

    public long getToolTimeout() {
        return toolTimeout;
    }

    /**
     * The longest one tool call may take; a call still running then is a tool failure (handled by onToolError) and
     * its late answer is ignored. Timed on the component's timer: no thread waits. 0 turns it off.
     */
    public void setToolTimeout(long toolTimeout) {
        this.toolTimeout = toolTimeout;
    }

    public LlmRouterOnToolError getOnToolError() {
        return onToolError;
    }

    /**
     * What the loop does when a tool fails (throws, fails its exchange, or passes toolTimeout): reprompt sends the
     * error text to the model as the tool message; fail ends the exchange with a ToolExecutionException.
     */
    public void setOnToolError(LlmRouterOnToolError onToolError) {
        this.onToolError = onToolError;
    }

    public LlmRouterOnUnknownTool getOnUnknownTool() {
        return onUnknownTool;
    }

    /**
     * What the loop does when the model calls a tool that does not exist: reprompt sends a tool message naming the
     * tools that do; fail ends the exchange with a ToolExecutionException.
     */
    public void setOnUnknownTool(LlmRouterOnUnknownTool onUnknownTool) {
        this.onUnknownTool = onUnknownTool;
    }

    public java.math.BigDecimal getMaxLoopCost() {
        return maxLoopCost;
    }

    /**
     * The most the agent loop of one exchange may cost, in USD, over all its model calls. Before each call its
     * worst case (as for maxCostPerRequest) must fit in what the loop has left (maxLoopCost less what its calls
     * were billed), besides the budget's reservation; when it does not, loopStop decides (header
     * CamelLlmRouterLoopStopped: maxLoopCost). The loop never spends more. Needs prices (pricingCatalog or the
     * target's GET /models).
     */
    public void setMaxLoopCost(java.math.BigDecimal maxLoopCost) {
        this.maxLoopCost = maxLoopCost;
    }

    public Long getMaxLoopTokens() {
        return maxLoopTokens;
    }

    /**
     * The most tokens (prompt plus completion, summed over the loop's model calls) one agent loop may use. Before
     * each call, its estimated prompt tokens plus its max_tokens must fit in what is left (max_tokens is lowered to
     * fit when the call has room for at least one completion token); else loopStop decides (header
     * CamelLlmRouterLoopStopped: maxLoopTokens).
     */
    public void setMaxLoopTokens(Long maxLoopTokens) {
        this.maxLoopTokens = maxLoopTokens;
    }

    public long getMaxLoopDuration() {
        return maxLoopDuration;
    }

    /**
     * The longest an agent loop may run, wall clock, checked before each model call (a call in flight is bounded by
     * requestTimeout and totalTimeout); past it loopStop decides (header CamelLlmRouterLoopStopped:
     * maxLoopDuration). 0 turns it off.
     */
    public void setMaxLoopDuration(long maxLoopDuration) {
        this.maxLoopDuration = maxLoopDuration;
    }

    public LlmRouterLoopStop getLoopStop() {
        return loopStop;
    }

    /**
     * What the agent loop does when its next model call would pass maxToolIterations, maxLoopCost, maxLoopTokens or
     * maxLoopDuration, or the budget refuses it: finalAnswer asks the model once more with tool_choice none, its
     * max_tokens lowered to what is left (a LoopLimitException when even that cannot fit); fail ends the exchange
     * with a LoopLimitException at once. Either way the loop never passes a cap.
     */
    public void setLoopStop(LlmRouterLoopStop loopStop) {
        this.loopStop = loopStop;
    }

    @Override
    public Integer getTopK() {
        return topK;
    }

    /**
     * Top-k sampling (top_k), where the provider supports it.
     */
    public void setTopK(Integer topK) {
        this.topK = topK;
    }

    @Override
    public Double getFrequencyPenalty() {
        return frequencyPenalty;
    }

    /**
     * Frequency penalty, -2 to 2.
     */
    public void setFrequencyPenalty(Double frequencyPenalty) {
        this.frequencyPenalty = frequencyPenalty;
    }

    @Override
    public Double getPresencePenalty() {
        return presencePenalty;
    }

    /**
     * Presence penalty, -2 to 2.
     */
    public void setPresencePenalty(Double presencePenalty) {
        this.presencePenalty = presencePenalty;
    }

    @Override
    public Double getRepetitionPenalty() {
        return repetitionPenalty;
    }

    /**
     * Repetition penalty, 0 to 2, where the provider supports it.
     */
    public void setRepetitionPenalty(Double repetitionPenalty) {
        this.repetitionPenalty = repetitionPenalty;
    }

    @Override
    public Double getMinP() {
        return minP;
    }

    /**
     * Min-p sampling, 0 to 1, where the provider supports it.
     */
    public void setMinP(Double minP) {
        this.minP = minP;
    }

    public Integer getDimensions() {
        return dimensions;
    }

    /**
     * For operation embeddings: the vector size to ask for, where the model supports it.
     */
    public void setDimensions(Integer dimensions) {
        this.dimensions = dimensions;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /**
     * How long the server may stay silent once the request is sent: the time to the first byte of the answer, and
     * the longest pause between bytes after it. A non-streaming completion sends nothing until it is complete, so
     * allow for the slowest generation.
     */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxResponseSize() {
        return maxResponseSize;
    }

    /**
     * The most bytes an answer may have: a JSON body, or all the bytes of an event stream together (64 MiB by
     * default). A larger answer fails the exchange with a ResponseTooLargeException naming this option; it is not
     * retried and no other target or model is tried, since the same request would bring an answer as large again.
     * Raise it for very long answers; lower it to bound the memory one exchange may take.
     */
    public void setMaxResponseSize(int maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
    }

    public String getTargets() {
        return targets;
    }

    /**
     * Comma-separated names of the targets to try, in order, e.g. openrouter,local. A name refers to a target
     * defined on the component (targetDefinitions) or a bean of type dev.llmrouter.camel.LlmRouterTarget in the
     * registry; openrouter, when not defined that way, is the endpoint's own baseUrl and apiKey. When not set, only
     * the endpoint's own target is used; a list without openrouter needs no OpenRouter API key. The next target is
     * tried when one has used up its retries on a retryable failure.
     */
    public void setTargets(String targets) {
        this.targets = targets;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    /**
     * How many times a target is sent the same request again after a retryable failure (408, 429, 500, 502, 503,
     * 524, 529, connection failures, timeouts) before the next target is tried. 0 sends each request once per
     * target.
     */
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /**
     * The first backoff delay; each further retry doubles it, with random jitter (between half and all of the
     * step). A Retry-After header from the server replaces it.
     */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    /**
     * The longest wait between two tries, backoff and Retry-After alike: a server asking for longer is retried
     * after this delay.
     */
    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public long getTotalTimeout() {
        return totalTimeout;
    }

    /**
     * The most the whole call may take, all attempts, retries and waits included; 0 means no limit. When it runs
     * out, the call in flight is aborted and the exchange fails with a RequestTimeoutException.
     */
    public void setTotalTimeout(long totalTimeout) {
        this.totalTimeout = totalTimeout;
    }

    public String getFallbackOn() {
        return fallbackOn;
    }

    /**
     * Comma-separated failures that are not worth retrying at the same target but may pass elsewhere, so they move
     * on to the next target and then the next escalation model instead of ending the call: moderation (a 403 whose
     * metadata names what was flagged; other 403s always end the call), contextLength (a 400
     * context_length_exceeded: the request is never sent unchanged to the same model again; the next escalateModels
     * model whose catalog context length fits the estimated prompt plus maxTokens is tried, a model whose window is
     * unknown is tried too, else the call fails with ContextLengthExceededException), noProvider (404: no endpoint
     * serves the model under the request's constraints). Other client errors (400, 401, 402) always end the call.
     * Set it to none to end the call on these too.
     */
    public void setFallbackOn(String fallbackOn) {
        this.fallbackOn = fallbackOn;
    }

    public LlmRouterBreakerScope getBreakerScope() {
        return breakerScope;
    }

    /**
     * What one circuit breaker guards: target (one breaker per target: every fault of a call counts on it) or model
     * (one breaker per target and model: 5xx, 429, timeouts and unreadable answers of model A open A's breaker
     * only, other models of the target are sent as usual; faults of the target itself, connection refused or reset,
     * DNS, TLS, connect timeout, count on a target-wide breaker that gates all its models). Default: model on a
     * target of the openrouter dialect (a gateway that routes each model to its own providers), target on a target
     * of the openai dialect (one provider's server). An open breaker moves the call on at once to the next model of
     * fallbackModels, the next target or the next escalateModels model; CircuitOpenException only when every
     * candidate is open. The breakers themselves (thresholds, wait) are component options.
     */
    public void setBreakerScope(LlmRouterBreakerScope breakerScope) {
        this.breakerScope = breakerScope;
    }

    public String getEscalateModels() {
        return escalateModels;
    }

    /**
     * Comma-separated stronger models to try in order when the answer fails the escalateOn check, or when every
     * target failed the current model: cheap first, frontier only when needed. Each is sent as the only model
     * (without fallbackModels).
     */
    public void setEscalateModels(String escalateModels) {
        this.escalateModels = escalateModels;
    }

    public LlmRouterEscalateOn getEscalateOn() {
        return escalateOn;
    }

    /**
     * The check an answer must pass, else the next escalateModels model is asked: invalidJson (the content must
     * parse as JSON), schema (the content must validate against the outputClass or jsonSchema schema) or predicate
     * (escalateWhen must be false). Defaults to predicate when escalateWhen is set. Rejected answers are billed:
     * their cost is in the attempts header and summed in CamelLlmRouterCost.
     */
    public void setEscalateOn(LlmRouterEscalateOn escalateOn) {
        this.escalateOn = escalateOn;
    }

    public String getEscalateWhen() {
        return escalateWhen;
    }

    /**
     * A predicate evaluated on the answer as the route would see it (body and CamelLlmRouter* headers): when it is
     * true, the answer is rejected and the next escalation model is asked. The language is set by
     * escalateWhenLanguage.
     */
    public void setEscalateWhen(String escalateWhen) {
        this.escalateWhen = escalateWhen;
    }

    public String getEscalateWhenLanguage() {
        return escalateWhenLanguage;
    }

    /**
     * The language of escalateWhen, e.g. simple, jsonpath, groovy (the language must be on the classpath).
     */
    public void setEscalateWhenLanguage(String escalateWhenLanguage) {
        this.escalateWhenLanguage = escalateWhenLanguage;
    }

    public boolean isStream() {
        return stream;
    }

    /**
     * Streams the answer (server-sent events). The body becomes a dev.llmrouter.camel.routing.ChatStream, an
     * Iterator of content deltas that split(body()).streaming() reads; usage, cost, finish reason and the other
     * answer headers (tool calls merged from their fragments, citations and annotations, reasoning and reasoning
     * details, refusal, images, audio, logprobs) are set when the stream has been read to its end, as for a
     * non-streamed answer. Read the stream inside the route: the exchange closes its stream when it completes, so a
     * ChatStream that nothing read before (e.g. the body ProducerTemplate.requestBody or send hands back) throws an
     * IllegalStateException when iterated; use split(body()).streaming() in the route, or streamTo to get the whole
     * text as the body. Camel's splitter asks for the next delta before it hands on the current one, so each delta
     * reaches the split's steps once the following one has arrived; streamTo delivers each delta the moment it
     * arrives. A stream that fails after content has started raises an exception during the split; before the first
     * content, failures are retried and routed like any other.
     */
    public void setStream(boolean stream) {
        this.stream = stream;
    }

    public String getStreamTo() {
        return streamTo;
    }

    /**
     * With stream=true: an endpoint URI that receives each content delta as its own exchange (body: the delta;
     * header CamelLlmRouterStreamIndex), in order, as it arrives. The original exchange then continues once the
     * stream has ended, with the whole text as its body and the usage and other answer headers set (as with
     * stream=false).
     */
    public void setStreamTo(String streamTo) {
        this.streamTo = streamTo;
    }

    public long getFirstTokenTimeout() {
        return firstTokenTimeout;
    }

    /**
     * The longest wait for the first delta of a stream (content, reasoning or tool call), or for the response
     * headers of a plain call; 0 (the default) means no such limit. When it runs out the attempt is abandoned and
     * the call moves on at once to the next target, then the next escalateModels model, without retrying the silent
     * target (a silent provider retried only multiplies the wait). When nothing is left the exchange fails with a
     * FirstTokenTimeoutException (a RequestTimeoutException). Must not be larger than totalTimeout when that is
     * set.
     */
    public void setFirstTokenTimeout(long firstTokenTimeout) {
        this.firstTokenTimeout = firstTokenTimeout;
    }

    public long getStreamIdleTimeout() {
        return streamIdleTimeout;
    }

    /**
     * With stream=true: the longest silence between two deltas (content, reasoning or tool call) once content has
     * started (keep-alive comments do not count); 0 turns it off. A stream silent for longer is abandoned with a
     * StreamStalledException, which streamRecovery may rescue. Keep it well under requestTimeout, which only bounds
     * the silence between bytes.
     */
    public void setStreamIdleTimeout(long streamIdleTimeout) {
        this.streamIdleTimeout = streamIdleTimeout;
    }

    public LlmRouterStreamRecovery getStreamRecovery() {
        return streamRecovery;
    }

    /**
     * With stream=true: what happens when a stream fails after content has started (cut, error chunk, stall). fail:
     * the stream ends with the failure. continue: the next target (or escalateModels model) is sent the original
     * messages plus the text received so far as an assistant prefill, and its deltas are appended to the same
     * stream; a target or model that answers the prefill with a 400 is asked again from the start (restart) and
     * remembered. restart: the next target or model starts the answer over; streamTo first receives an empty delta
     * with header CamelLlmRouterStreamRestart=true, a ChatStream read with split restarts only when nothing had
     * been handed out yet, else it fails. Every attempt's billed cost is summed in CamelLlmRouterCost. Default:
     * continue when a fallback exists (a second target or escalateModels), else fail. continue and restart need
     * such a fallback.
     */
    public void setStreamRecovery(LlmRouterStreamRecovery streamRecovery) {
        this.streamRecovery = streamRecovery;
    }

    public boolean isCache() {
        return cache;
    }

    /**
     * Answers identical requests from an in-memory cache (exact match on the JSON sent and the target). A hit sets
     * CamelLlmRouterCacheHit=true and CamelLlmRouterCost=0 and sends nothing. Not used with stream=true.
     */
    public void setCache(boolean cache) {
        this.cache = cache;
    }

    public long getCacheTtl() {
        return cacheTtl;
    }

    /**
     * How long a cached answer is used.
     */
    public void setCacheTtl(long cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public long getCacheMaxEntries() {
        return cacheMaxEntries;
    }

    /**
     * How many answers the cache holds at most (least recently used go first).
     */
    public void setCacheMaxEntries(long cacheMaxEntries) {
        this.cacheMaxEntries = cacheMaxEntries;
    }

    public boolean isOpenrouterCache() {
        return openrouterCache;
    }

    /**
     * Asks OpenRouter's own response cache for the answer (header X-OpenRouter-Cache: true); its HIT or MISS comes
     * back in header CamelLlmRouterOpenRouterCacheStatus.
     */
    public void setOpenrouterCache(boolean openrouterCache) {
        this.openrouterCache = openrouterCache;
    }

    public java.math.BigDecimal getMaxCostPerRequest() {
        return maxCostPerRequest;
    }

    /**
     * The most one exchange may cost, in USD, checked before anything is sent: the worst case (estimated prompt
     * tokens times the prompt price, plus maxTokens (else maxCompletionTokens, else the context length less the
     * prompt) times the completion price, plus request and web search fees; over the model, its fallbackModels and
     * every escalateModels model) above it fails the exchange with a CostCeilingExceededException and no call.
     * Prices come from pricingCatalog or the target's GET /models.
     */
    public void setMaxCostPerRequest(java.math.BigDecimal maxCostPerRequest) {
        this.maxCostPerRequest = maxCostPerRequest;
    }

    public boolean isBoundServerPrice() {
        return boundServerPrice;
    }

    /**
     * With maxCostPerRequest or budget, send OpenRouter provider.max_price at the prices the worst case was
     * computed with (prompt: the highest prompt price, completion: the highest completion or reasoning price, in
     * USD per million tokens, over the model, its fallbackModels and escalateModels), so that OpenRouter refuses
     * providers dearer than the estimate; an explicit maxPricePrompt or maxPriceCompletion (option, header or body)
     * is kept as it is. Targets of the openai dialect get no provider object. Set false to let OpenRouter route to
     * any provider and count the calls above the estimate as overruns.
     */
    public void setBoundServerPrice(boolean boundServerPrice) {
        this.boundServerPrice = boundServerPrice;
    }

    public String getBudget() {
        return budget;
    }

    /**
     * The name of the budget (defined on the component or as a LlmRouterBudget bean) that calls are booked on: the
     * worst case is reserved before the call and settled at the real cost after it, so concurrent calls cannot
     * overspend. A comma list (e.g. perTenant,team,global) books every call on each of them at once: the worst case
     * is reserved on every level, all or none, and a refusal names the level (BudgetExceededException, header
     * CamelLlmRouterBudgetLevel); each budget keeps its own amount, period, rpm/tpm and scope. Each name at most
     * once.
     */
    public void setBudget(String budget) {
        this.budget = budget;
    }

    public LlmRouterBudgetScope getBudgetScope() {
        return budgetScope;
    }

    /**
     * What the budget is counted per: global (one pot), route (per route id) or endpoint (per endpoint URI). Header
     * CamelLlmRouterBudgetKey overrides it per message (e.g. a tenant or customer id; never a credential, since the
     * key is stored in the ledger and usage log and shown in the dev console as it is). Applies to every budget
     * that sets no scope of its own (LlmRouterBudget scope), and to one with scope header when the header is
     * absent.
     */
    public void setBudgetScope(LlmRouterBudgetScope budgetScope) {
        this.budgetScope = budgetScope;
    }

    public LlmRouterOnBudgetExceeded getOnBudgetExceeded() {
        return onBudgetExceeded;
    }

    /**
     * When the budget cannot hold a call: fail (a BudgetExceededException, nothing sent) or downgrade (send it to
     * downgradeModels instead, without escalation, if the budget can hold that).
     */
    public void setOnBudgetExceeded(LlmRouterOnBudgetExceeded onBudgetExceeded) {
        this.onBudgetExceeded = onBudgetExceeded;
    }

    public LlmRouterOnRateLimited getOnRateLimited() {
        return onRateLimited;
    }

    /**
     * When the budget's rpm or tpm (requests or tokens per minute, counted on the ledger across every instance
     * sharing it) refuses a call in the current minute: fail (a LocalRateLimitException, nothing sent) or wait (the
     * call is admitted again when the next minute starts, without holding a thread; it fails with
     * LocalRateLimitException if that would end after totalTimeout, or if its worst-case tokens exceed tpm).
     */
    public void setOnRateLimited(LlmRouterOnRateLimited onRateLimited) {
        this.onRateLimited = onRateLimited;
    }

    public LlmRouterLedgerFailure getLedgerFailure() {
        return ledgerFailure;
    }

    /**
     * What a call with a budget does while the ledger cannot be reached: failClosed refuses it (a
     * LedgerUnavailableException, nothing sent, body unchanged) or failOpen sends it without a reservation and
     * books its cost once the ledger is back.
     */
    public void setLedgerFailure(LlmRouterLedgerFailure ledgerFailure) {
        this.ledgerFailure = ledgerFailure;
    }

    public String getDowngradeModels() {
        return downgradeModels;
    }

    /**
     * Comma-separated cheaper models for onBudgetExceeded=downgrade, e.g. meta-llama/llama-3.3-70b-instruct:free:
     * the first is sent as the model, the others as its fallbacks.
     */
    public void setDowngradeModels(String downgradeModels) {
        this.downgradeModels = downgradeModels;
    }

    public String getAllowedModels() {
        return allowedModels;
    }

    /**
     * Comma-separated glob patterns (* any characters, ? one) of the models that may be called, e.g.
     * openai/gpt-4o-mini,*:free. Checked on model, fallbackModels, escalateModels, downgradeModels (at endpoint
     * creation) and on header overrides (per message); a model not allowed fails before anything is sent.
     */
    public void setAllowedModels(String allowedModels) {
        this.allowedModels = allowedModels;
    }

    public String getDeniedModels() {
        return deniedModels;
    }

    /**
     * Comma-separated glob patterns of models that must never be called, e.g. openai/o1*,anthropic/claude-opus-*; a
     * deny wins over an allow.
     */
    public void setDeniedModels(String deniedModels) {
        this.deniedModels = deniedModels;
    }

    public String getPricingCatalog() {
        return pricingCatalog;
    }

    /**
     * A JSON file in the shape of GET /models (classpath:, file: or http: prefix) to price requests with, for
     * offline use and tests. When not set, the prices are read from the endpoint's GET /models and refreshed every
     * pricingRefreshInterval (a component option).
     */
    public void setPricingCatalog(String pricingCatalog) {
        this.pricingCatalog = pricingCatalog;
    }

    public LlmRouterUnknownModelPolicy getUnknownModelPolicy() {
        return unknownModelPolicy;
    }

    /**
     * What a ceiling or budget does with a model that has no price: reject (an UnknownModelPriceException) or
     * worstCase (price it with worstCasePricePrompt and worstCasePriceCompletion).
     */
    public void setUnknownModelPolicy(LlmRouterUnknownModelPolicy unknownModelPolicy) {
        this.unknownModelPolicy = unknownModelPolicy;
    }

    public Double getWorstCasePricePrompt() {
        return worstCasePricePrompt;
    }

    /**
     * With unknownModelPolicy=worstCase: the prompt price assumed, in USD per million tokens.
     */
    public void setWorstCasePricePrompt(Double worstCasePricePrompt) {
        this.worstCasePricePrompt = worstCasePricePrompt;
    }

    public Double getWorstCasePriceCompletion() {
        return worstCasePriceCompletion;
    }

    /**
     * With unknownModelPolicy=worstCase: the completion price assumed, in USD per million tokens.
     */
    public void setWorstCasePriceCompletion(Double worstCasePriceCompletion) {
        this.worstCasePriceCompletion = worstCasePriceCompletion;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /**
     * A Camel Simple expression giving each message its idempotency key, e.g. ${header.JMSMessageID} (chat only;
     * off when unset). A message whose key already has a stored answer gets that answer back without any HTTP call
     * and with header CamelLlmRouterReplayed=true; a message whose key is being answered right now waits for that
     * answer instead of calling. See docs/never-pay-twice.md.
     */
    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public LlmRouterOnMissingIdempotencyKey getOnMissingIdempotencyKey() {
        return onMissingIdempotencyKey;
    }

    /**
     * What a message does when idempotencyKey evaluates to null or an empty text: fail (an InvalidMessageException
     * naming the option and the expression, nothing sent, body unchanged) or call (it is sent as usual, without
     * protection against a second payment).
     */
    public void setOnMissingIdempotencyKey(LlmRouterOnMissingIdempotencyKey onMissingIdempotencyKey) {
        this.onMissingIdempotencyKey = onMissingIdempotencyKey;
    }

    public long getAnswerRetention() {
        return answerRetention;
    }

    /**
     * With idempotencyKey: how long a stored answer is given back to a message with the same key (7 days by
     * default); after that the key is answered, and paid, again. Must not be negative.
     */
    public void setAnswerRetention(long answerRetention) {
        this.answerRetention = answerRetention;
    }

    public dev.llmrouter.camel.idempotency.AnswerStore getAnswerStore() {
        return answerStore;
    }

    /**
     * With idempotencyKey: where answers are kept, a bean implementing
     * dev.llmrouter.camel.idempotency.AnswerStore. By default a JDBC store on the component's ledgerDataSource when
     * one is set (shared by every instance on that database), else a bounded in-memory store of this CamelContext.
     */
    public void setAnswerStore(dev.llmrouter.camel.idempotency.AnswerStore answerStore) {
        this.answerStore = answerStore;
    }

    public String getConversationId() {
        return conversationId;
    }

    /**
     * Keeps a conversation's history between exchanges: the id of the conversation an exchange belongs to, a Camel
     * simple expression such as ${header.ticket} (write $simple{header.ticket} where ${...} would be read as a
     * property placeholder) or a fixed id. Header CamelLlmRouterConversationId overrides it. The stored history is
     * sent after the system prompt and before the new messages; after an answer, the turn's new messages and the
     * answer are stored. Unset: no memory.
     */
    public void setConversationId(String conversationId) {
        this.conversationId = conversationId;
    }

    public dev.llmrouter.camel.memory.ConversationStore getConversationStore() {
        return conversationStore;
    }

    /**
     * Where conversation histories are kept (a ConversationStore bean, e.g. a JdbcConversationStore on the ledger's
     * DataSource). Unset: the component's in-memory store (at most 10000 conversations of at most 200 messages,
     * least recently used forgotten first), shared by its endpoints.
     */
    public void setConversationStore(dev.llmrouter.camel.memory.ConversationStore conversationStore) {
        this.conversationStore = conversationStore;
    }

    public Integer getMaxHistoryMessages() {
        return maxHistoryMessages;
    }

    /**
     * At most this many history messages are sent with a turn; the oldest whole turns are left out first (a turn
     * is a user message and everything up to the next one, so tool calls stay with their tool messages). Unset:
     * no limit beyond the store's.
     */
    public void setMaxHistoryMessages(Integer maxHistoryMessages) {
        this.maxHistoryMessages = maxHistoryMessages;
    }

    public Integer getMaxHistoryTokens() {
        return maxHistoryTokens;
    }

    /**
     * At most this many history tokens (as the component's token estimator counts them for the request's model)
     * are sent with a turn; the oldest whole turns are left out first. Unset: no limit.
     */
    public void setMaxHistoryTokens(Integer maxHistoryTokens) {
        this.maxHistoryTokens = maxHistoryTokens;
    }

    public boolean isAutoCacheControl() {
        return autoCacheControl;
    }

    /**
     * For Anthropic models (anthropic/...): places prompt cache breakpoints (cache_control ephemeral) on the last
     * content part of the system prompt and on the last tool definition, the prefix every turn repeats, and with a
     * conversation on the newest history message. Off by default: a cache write costs more than a plain prompt
     * token, which pays only when the prefix is read back.
     */
    public void setAutoCacheControl(boolean autoCacheControl) {
        this.autoCacheControl = autoCacheControl;
    }

    public String getMcpServers() {
        return mcpServers;
    }

    /**
     * The MCP servers whose tools the agent loop offers to the model: a comma-separated list of names, each defined
     * on the component (mcpServerDefinitions) or as an LlmRouterMcpServer bean, or a streamable HTTP URL for a server used
     * with default settings (e.g. http://localhost:8080/mcp). Each server is connected when the endpoint starts: one
     * that cannot be reached fails the start, naming it, unless it is optional.
     */
    public void setMcpServers(String mcpServers) {
        this.mcpServers = mcpServers;
    }

    public String getMcpTools() {
        return mcpTools;
    }

    /**
     * Which MCP tools are offered: a comma-separated list of tool names or globs (wildcards: a star for any run of
     * characters, a question mark for one), each for every server, or for one server when written server:glob (e.g.
     * orders:lookup_order,kb:search). A server with no entry here offers all of its tools (less those its own tools
     * filter leaves out).
     */
    public void setMcpTools(String mcpTools) {
        this.mcpTools = mcpTools;
    }

    public long getMcpRefreshInterval() {
        return mcpRefreshInterval;
    }

    /**
     * How often the tool lists of the MCP servers are read again (and an optional server not reached yet is tried
     * again). A failed refresh keeps the last list.
     */
    public void setMcpRefreshInterval(long mcpRefreshInterval) {
        this.mcpRefreshInterval = mcpRefreshInterval;
    }
}
