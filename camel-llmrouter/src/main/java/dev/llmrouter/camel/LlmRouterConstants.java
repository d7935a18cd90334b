package dev.llmrouter.camel;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the {@code llmrouter} component. Headers marked "in" override the endpoint's option for one
 * message; headers marked "out" are set from the answer.
 */
public final class LlmRouterConstants {

    // ---- in: per-message overrides

    @Metadata(label = "producer", description = "In: the model to call for this message (overrides option model).",
              javaType = "String")
    public static final String MODEL = "CamelLlmRouterModel";
    @Metadata(label = "producer",
              description = "In: comma-separated fallback models for this message (overrides option fallbackModels;"
                            + " an empty value sends none).",
              javaType = "String")
    public static final String FALLBACK_MODELS = "CamelLlmRouterFallbackModels";
    @Metadata(label = "producer", description = "In: the system prompt for this message (overrides option systemPrompt).",
              javaType = "String")
    public static final String SYSTEM_PROMPT = "CamelLlmRouterSystemPrompt";
    @Metadata(label = "producer", description = "In: the completion token limit for this message (overrides maxTokens).",
              javaType = "Integer")
    public static final String MAX_TOKENS = "CamelLlmRouterMaxTokens";
    @Metadata(label = "producer",
              description = "In: the max_completion_tokens limit for this message (overrides maxCompletionTokens).",
              javaType = "Integer")
    public static final String MAX_COMPLETION_TOKENS = "CamelLlmRouterMaxCompletionTokens";
    @Metadata(label = "producer", description = "In: verbosity for this message: low, medium or high (overrides"
                                                + " verbosity).", javaType = "String")
    public static final String VERBOSITY = "CamelLlmRouterVerbosity";
    @Metadata(label = "producer", description = "In: the predicted output text for this message, sent as prediction"
                                                + " {type: content} (overrides prediction).", javaType = "String")
    public static final String PREDICTION = "CamelLlmRouterPrediction";
    @Metadata(label = "producer",
              description = "In: request fields the component does not model, merged last into the request JSON"
                            + " (over the extraBody options, key by key). A field the request already sets, or a"
                            + " value that is not a Map, fails the exchange before anything is sent.",
              javaType = "java.util.Map<String, Object>")
    public static final String EXTRA_BODY = "CamelLlmRouterExtraBody";
    @Metadata(label = "producer",
              description = "In: provider sort for this message: price, throughput, latency or exacto (overrides sort).",
              javaType = "String")
    public static final String PROVIDER_SORT = "CamelLlmRouterProviderSort";
    @Metadata(label = "producer", description = "In: comma-separated provider order (overrides providerOrder).",
              javaType = "String")
    public static final String PROVIDER_ORDER = "CamelLlmRouterProviderOrder";
    @Metadata(label = "producer", description = "In: comma-separated providers to ignore (overrides providerIgnore).",
              javaType = "String")
    public static final String PROVIDER_IGNORE = "CamelLlmRouterProviderIgnore";
    @Metadata(label = "producer", description = "In: zero-data-retention endpoints only (overrides zdr).",
              javaType = "Boolean")
    public static final String ZDR = "CamelLlmRouterZdr";
    @Metadata(label = "producer",
              description = "In: maximum prompt price in USD per million tokens (overrides maxPricePrompt).",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_PROMPT = "CamelLlmRouterMaxPricePrompt";
    @Metadata(label = "producer",
              description = "In: maximum completion price in USD per million tokens (overrides maxPriceCompletion).",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_COMPLETION = "CamelLlmRouterMaxPriceCompletion";
    @Metadata(label = "producer", description = "In: the session id for sticky routing (overrides sessionId).",
              javaType = "String")
    public static final String SESSION_ID = "CamelLlmRouterSessionId";
    @Metadata(label = "producer", description = "In: the end-user id (overrides user).", javaType = "String")
    public static final String USER = "CamelLlmRouterUser";

    // ---- out: what the answer says

    @Metadata(label = "producer", description = "Out: the model that actually served the request.", javaType = "String")
    public static final String RESPONSE_MODEL = "CamelLlmRouterResponseModel";
    @Metadata(label = "producer", description = "Out: the provider that served the request, e.g. DeepInfra.",
              javaType = "String")
    public static final String RESPONSE_PROVIDER = "CamelLlmRouterResponseProvider";
    @Metadata(label = "producer",
              description = "Out: the generation id (gen-...). In, for operation generation: the id to look up.",
              javaType = "String")
    public static final String GENERATION_ID = "CamelLlmRouterGenerationId";
    @Metadata(label = "producer",
              description = "Out: why the answer ended: stop, length, tool_calls or content_filter.",
              javaType = "String")
    public static final String FINISH_REASON = "CamelLlmRouterFinishReason";
    @Metadata(label = "producer", description = "Out: prompt tokens.", javaType = "Integer")
    public static final String PROMPT_TOKENS = "CamelLlmRouterPromptTokens";
    @Metadata(label = "producer", description = "Out: completion tokens.", javaType = "Integer")
    public static final String COMPLETION_TOKENS = "CamelLlmRouterCompletionTokens";
    @Metadata(label = "producer", description = "Out: total tokens.", javaType = "Integer")
    public static final String TOTAL_TOKENS = "CamelLlmRouterTotalTokens";
    @Metadata(label = "producer", description = "Out: prompt tokens read from the provider's prompt cache.",
              javaType = "Integer")
    public static final String CACHED_TOKENS = "CamelLlmRouterCachedTokens";
    @Metadata(label = "producer", description = "Out: prompt tokens written to the provider's prompt cache.",
              javaType = "Integer")
    public static final String CACHE_WRITE_TOKENS = "CamelLlmRouterCacheWriteTokens";
    @Metadata(label = "producer", description = "Out: reasoning tokens (part of the completion tokens).",
              javaType = "Integer")
    public static final String REASONING_TOKENS = "CamelLlmRouterReasoningTokens";
    @Metadata(label = "producer",
              description = "Out: what the call cost in USD (usage.cost, the credits charged), exact to the digit;"
                            + " with retries, fallbacks or escalation, the sum over every attempt that reported a cost"
                            + " (rejected answers are billed too); 0 for a cache hit.",
              javaType = "java.math.BigDecimal")
    public static final String COST = "CamelLlmRouterCost";
    @Metadata(label = "producer",
              description = "Out: the upstream inference cost in USD (usage.cost_details.upstream_inference_cost),"
                            + " e.g. for bring-your-own-key calls.",
              javaType = "java.math.BigDecimal")
    public static final String UPSTREAM_COST = "CamelLlmRouterUpstreamCost";
    @Metadata(label = "producer", description = "Out: web search requests made for the answer.", javaType = "Integer")
    public static final String WEB_SEARCH_REQUESTS = "CamelLlmRouterWebSearchRequests";
    @Metadata(label = "producer", description = "Out: web citations of the answer (url, title, content).",
              javaType = "java.util.List<dev.llmrouter.camel.wire.Citation>")
    public static final String CITATIONS = "CamelLlmRouterCitations";
    @Metadata(label = "producer", description = "Out: tool calls the model asks for (finish reason tool_calls).",
              javaType = "java.util.List<dev.llmrouter.camel.wire.ToolCall>")
    public static final String TOOL_CALLS = "CamelLlmRouterToolCalls";

    @Metadata(label = "producer",
              description = "In: the budget scope key of this message (a tenant or customer id; never a credential:"
                            + " it is stored and shown as it is), instead of the one option budgetScope gives.",
              javaType = "String")
    public static final String BUDGET_KEY = "CamelLlmRouterBudgetKey";
    @Metadata(label = "producer",
              description = "Out: what is left of the budget for this message's scope after the call was settled, in"
                            + " USD (with option budget).",
              javaType = "java.math.BigDecimal")
    public static final String BUDGET_REMAINING = "CamelLlmRouterBudgetRemaining";
    @Metadata(label = "producer",
              description = "Out: true when the budget could not hold the call and it went to downgradeModels.",
              javaType = "Boolean")
    public static final String BUDGET_DOWNGRADED = "CamelLlmRouterBudgetDowngraded";
    @Metadata(label = "producer",
              description = "Out: the worst-case cost estimated before the call, in USD (with maxCostPerRequest or"
                            + " budget).",
              javaType = "java.math.BigDecimal")
    public static final String ESTIMATED_COST = "CamelLlmRouterEstimatedCost";
    @Metadata(label = "producer",
              description = "Out: every attempt of the call in order (target, model, outcome, status, duration, wait,"
                            + " cost, detail), the serving one last; also set when the call fails.",
              javaType = "java.util.List<dev.llmrouter.camel.error.Attempt>")
    public static final String ATTEMPTS = "CamelLlmRouterAttempts";
    @Metadata(label = "producer", description = "Out: the name of the target that served the answer.",
              javaType = "String")
    public static final String TARGET = "CamelLlmRouterTarget";
    @Metadata(label = "producer",
              description = "Out: true when the answer came from the endpoint's response cache (cache=true); nothing"
                            + " was sent and the cost is 0.",
              javaType = "Boolean")
    public static final String CACHE_HIT = "CamelLlmRouterCacheHit";
    @Metadata(label = "producer",
              description = "Out: OpenRouter's response cache status (HIT or MISS) when openrouterCache=true.",
              javaType = "String")
    public static final String OPENROUTER_CACHE_STATUS = "CamelLlmRouterOpenRouterCacheStatus";
    @Metadata(label = "producer",
              description = "Out, on the exchanges streamTo receives: the position of the delta in the stream, from 0.",
              javaType = "Integer")
    public static final String STREAM_INDEX = "CamelLlmRouterStreamIndex";

    private LlmRouterConstants() {
    }
}
