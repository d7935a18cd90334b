package dev.llmrouter.camel;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the {@code llmrouter} component. Headers marked "in" override the endpoint's option for one
 * message; headers marked "out" are set from the answer. An "in" header marked as a policy header may, with
 * {@code headerPolicy=narrow} (the default), only make the call stricter than the endpoint's option.
 */
public final class LlmRouterConstants {

    // ---- in: per-message overrides

    @Metadata(label = "producer",
              description = "In: the model to call for this message (overrides option model). Policy header: under"
                            + " either headerPolicy it is checked against allowedModels and deniedModels.",
              javaType = "String")
    public static final String MODEL = "CamelLlmRouterModel";
    @Metadata(label = "producer",
              description = "In: comma-separated fallback models for this message (overrides option fallbackModels;"
                            + " an empty value sends none). Policy header: under either headerPolicy each model is"
                            + " checked against allowedModels and deniedModels.",
              javaType = "String")
    public static final String FALLBACK_MODELS = "CamelLlmRouterFallbackModels";
    @Metadata(label = "producer",
              description = "In: the system prompt for this message (overrides option systemPrompt). Not a policy"
                            + " header: it overrides under either headerPolicy.",
              javaType = "String")
    public static final String SYSTEM_PROMPT = "CamelLlmRouterSystemPrompt";
    @Metadata(label = "producer",
              description = "In: the prompt sent as a text part before the body when the body is a file, bytes,"
                            + " a stream or text (overrides option userMessage). Not a policy header: it overrides"
                            + " under either headerPolicy.",
              javaType = "String")
    public static final String USER_MESSAGE = "CamelLlmRouterUserMessage";
    @Metadata(label = "producer",
              description = "In: the media type of a byte array, file or stream body, e.g. image/png or application/pdf"
                            + " (before Content-Type and the file name's ending): images, PDFs, audio and video are"
                            + " attached as content parts, text is read as text, other types are refused. Not a"
                            + " policy header.",
              javaType = "String")
    public static final String MEDIA_TYPE = "CamelLlmRouterMediaType";
    @Metadata(label = "producer",
              description = "In: the completion token limit for this message (overrides maxTokens). Policy header:"
                            + " with headerPolicy=narrow it may only lower maxTokens (or maxCompletionTokens when only"
                            + " that is set); a higher value fails with a PolicyViolationException.",
              javaType = "Integer")
    public static final String MAX_TOKENS = "CamelLlmRouterMaxTokens";
    @Metadata(label = "producer",
              description = "In: the max_completion_tokens limit for this message (overrides maxCompletionTokens)."
                            + " Policy header: with headerPolicy=narrow it may only lower maxCompletionTokens (or"
                            + " maxTokens when only that is set); a higher value fails with a"
                            + " PolicyViolationException.",
              javaType = "Integer")
    public static final String MAX_COMPLETION_TOKENS = "CamelLlmRouterMaxCompletionTokens";
    @Metadata(label = "producer",
              description = "In: verbosity for this message: low, medium or high (overrides verbosity). Not a"
                            + " policy header: it overrides under either headerPolicy.",
              javaType = "String")
    public static final String VERBOSITY = "CamelLlmRouterVerbosity";
    @Metadata(label = "producer",
              description = "In: the predicted output text for this message, sent as prediction {type: content}"
                            + " (overrides prediction). Not a policy header: it overrides under either headerPolicy.",
              javaType = "String")
    public static final String PREDICTION = "CamelLlmRouterPrediction";
    @Metadata(label = "producer",
              description = "In: request fields the component does not model, merged last into the request JSON"
                            + " (over the extraBody options, key by key). A field the request already sets, or a"
                            + " value that is not a Map, fails the exchange before anything is sent. With"
                            + " headerPolicy=narrow its max_tokens and max_completion_tokens keys are held to the"
                            + " token caps like the policy headers.",
              javaType = "java.util.Map<String, Object>")
    public static final String EXTRA_BODY = "CamelLlmRouterExtraBody";
    @Metadata(label = "producer",
              description = "In: provider sort for this message: price, throughput, latency or exacto (overrides sort)."
                            + " Not a policy header: it overrides under either headerPolicy.",
              javaType = "String")
    public static final String PROVIDER_SORT = "CamelLlmRouterProviderSort";
    @Metadata(label = "producer",
              description = "In: comma-separated provider order (overrides providerOrder). Not a policy header: it"
                            + " overrides under either headerPolicy.",
              javaType = "String")
    public static final String PROVIDER_ORDER = "CamelLlmRouterProviderOrder";
    @Metadata(label = "producer",
              description = "In: comma-separated providers to ignore (overrides providerIgnore). Policy header: with"
                            + " headerPolicy=narrow the list must keep every provider of providerIgnore and may add"
                            + " more; dropping one (or an empty value) fails with a PolicyViolationException.",
              javaType = "String")
    public static final String PROVIDER_IGNORE = "CamelLlmRouterProviderIgnore";
    @Metadata(label = "producer",
              description = "In: zero-data-retention endpoints only (overrides zdr). Policy header: with"
                            + " headerPolicy=narrow it may turn zdr on, never off (false under zdr=true fails with a"
                            + " PolicyViolationException).",
              javaType = "Boolean")
    public static final String ZDR = "CamelLlmRouterZdr";
    @Metadata(label = "producer",
              description = "In: maximum prompt price in USD per million tokens (overrides maxPricePrompt)."
                            + " Policy header: with headerPolicy=narrow it may only lower maxPricePrompt; a higher value"
                            + " fails with a PolicyViolationException.",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_PROMPT = "CamelLlmRouterMaxPricePrompt";
    @Metadata(label = "producer",
              description = "In: maximum completion price in USD per million tokens (overrides maxPriceCompletion)."
                            + " Policy header: with headerPolicy=narrow it may only lower maxPriceCompletion; a higher"
                            + " value fails with a PolicyViolationException.",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_COMPLETION = "CamelLlmRouterMaxPriceCompletion";
    @Metadata(label = "producer",
              description = "In: maximum price per request in USD (overrides maxPriceRequest). Policy header: with"
                            + " headerPolicy=narrow it may only lower maxPriceRequest; a higher value fails with a"
                            + " PolicyViolationException.",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_REQUEST = "CamelLlmRouterMaxPriceRequest";
    @Metadata(label = "producer",
              description = "In: maximum price per image in USD (overrides maxPriceImage). Policy header: with"
                            + " headerPolicy=narrow it may only lower maxPriceImage; a higher value fails with a"
                            + " PolicyViolationException.",
              javaType = "java.math.BigDecimal")
    public static final String MAX_PRICE_IMAGE = "CamelLlmRouterMaxPriceImage";
    @Metadata(label = "producer",
              description = "In: allow or deny (overrides dataCollection). Policy header: with headerPolicy=narrow"
                            + " it may set deny, never allow under dataCollection=deny (that fails with a"
                            + " PolicyViolationException).",
              javaType = "String")
    public static final String DATA_COLLECTION = "CamelLlmRouterDataCollection";
    @Metadata(label = "producer",
              description = "In: comma-separated providers that alone may serve (overrides providerOnly; an empty"
                            + " value sends none). Policy header: with headerPolicy=narrow it must name one or more"
                            + " providers of providerOnly and no other (any list when providerOnly is not set);"
                            + " otherwise it fails with a PolicyViolationException.",
              javaType = "String")
    public static final String PROVIDER_ONLY = "CamelLlmRouterProviderOnly";
    @Metadata(label = "producer",
              description = "In: the session id for sticky routing (overrides sessionId). Not a policy header: it"
                            + " overrides under either headerPolicy.",
              javaType = "String")
    public static final String SESSION_ID = "CamelLlmRouterSessionId";
    @Metadata(label = "producer",
              description = "In: the end-user id (overrides user). Not a policy header: it overrides under either"
                            + " headerPolicy.",
              javaType = "String")
    public static final String USER = "CamelLlmRouterUser";

    // ---- out: what the answer says

    @Metadata(label = "producer", description = "Out: the model that actually served the request.", javaType = "String")
    public static final String RESPONSE_MODEL = "CamelLlmRouterResponseModel";
    @Metadata(label = "producer", description = "Out: the provider that served the request, e.g. DeepInfra.",
              javaType = "String")
    public static final String RESPONSE_PROVIDER = "CamelLlmRouterResponseProvider";
    @Metadata(label = "producer", description = "Out: the system fingerprint of the answer (system_fingerprint).",
              javaType = "String")
    public static final String SYSTEM_FINGERPRINT = "CamelLlmRouterSystemFingerprint";
    @Metadata(label = "producer",
              description = "Out: the service tier the upstream provider served the request with (service_tier), e.g."
                            + " default, flex or priority.",
              javaType = "String")
    public static final String SERVICE_TIER = "CamelLlmRouterServiceTier";
    @Metadata(label = "producer",
              description = "Out: the generation id (gen-...). In, for operation generation: the id to look up.",
              javaType = "String")
    public static final String GENERATION_ID = "CamelLlmRouterGenerationId";
    @Metadata(label = "producer",
              description = "Out: why the answer ended: stop, length, tool_calls or content_filter.",
              javaType = "String")
    public static final String FINISH_REASON = "CamelLlmRouterFinishReason";
    @Metadata(label = "producer",
              description = "Out: the finish reason as the provider gave it (native_finish_reason), e.g. end_turn.",
              javaType = "String")
    public static final String NATIVE_FINISH_REASON = "CamelLlmRouterNativeFinishReason";
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
    @Metadata(label = "producer", description = "Out: audio input tokens (usage.prompt_tokens_details.audio_tokens).",
              javaType = "Integer")
    public static final String AUDIO_TOKENS = "CamelLlmRouterAudioTokens";
    @Metadata(label = "producer",
              description = "Out: tokens of generated images (usage.completion_tokens_details.image_tokens).",
              javaType = "Integer")
    public static final String IMAGE_TOKENS = "CamelLlmRouterImageTokens";
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
    @Metadata(label = "producer", description = "Out: true when the call used a bring-your-own-key (usage.is_byok).",
              javaType = "Boolean")
    public static final String IS_BYOK = "CamelLlmRouterIsByok";
    @Metadata(label = "producer", description = "Out: web search requests made for the answer.", javaType = "Integer")
    public static final String WEB_SEARCH_REQUESTS = "CamelLlmRouterWebSearchRequests";
    @Metadata(label = "producer", description = "Out: web citations of the answer (url, title, content).",
              javaType = "java.util.List<dev.llmrouter.camel.wire.Citation>")
    public static final String CITATIONS = "CamelLlmRouterCitations";
    @Metadata(label = "producer", description = "Out: tool calls the model asks for (finish reason tool_calls).",
              javaType = "java.util.List<dev.llmrouter.camel.wire.ToolCall>")
    public static final String TOOL_CALLS = "CamelLlmRouterToolCalls";
    @Metadata(label = "producer",
              description = "Out: how many tool rounds the agent loop ran (model answers with tool calls whose tools"
                            + " it ran); 0 when the model answered at once. Only with executable tools.",
              javaType = "Integer")
    public static final String TOOL_ITERATIONS = "CamelLlmRouterToolIterations";
    @Metadata(label = "producer",
              description = "Out: every model call of the agent loop in order: the model, the tool calls it ran (name,"
                            + " id, size of the result in characters, failed or not), its cost and cached tokens.",
              javaType = "java.util.List<dev.llmrouter.camel.LlmRouterToolStep>")
    public static final String TOOL_TRACE = "CamelLlmRouterToolTrace";
    @Metadata(label = "producer",
              description = "Out: why the agent loop stopped before the model finished by itself: maxToolIterations,"
                            + " maxLoopCost, maxLoopTokens, maxLoopDuration or budget (see loopStop); null when the"
                            + " model finished by itself.",
              javaType = "String")
    public static final String LOOP_STOPPED = "CamelLlmRouterLoopStopped";
    @Metadata(label = "producer",
              description = "On the exchange a route tool receives: the function name the model called.",
              javaType = "String")
    public static final String TOOL_NAME = "CamelLlmRouterToolName";
    @Metadata(label = "producer",
              description = "On the exchange a route tool receives: the id of the model's tool call.",
              javaType = "String")
    public static final String TOOL_CALL_ID = "CamelLlmRouterToolCallId";
    @Metadata(label = "producer",
              description = "Out: every annotation of the answer (message.annotations, in streams delta.annotations),"
                            + " typed: url_citation ones carry urlCitation (also in CamelLlmRouterCitations), file ones"
                            + " (a file the file-parser plugin read) carry file with hash, name and the parsed content"
                            + " parts, which can be sent back to skip parsing the file again.",
              javaType = "java.util.List<dev.llmrouter.camel.wire.ChatResponse.Annotation>")
    public static final String ANNOTATIONS = "CamelLlmRouterAnnotations";
    @Metadata(label = "producer",
              description = "Out: the reasoning text of the answer (message.reasoning; in streams the delta.reasoning"
                            + " pieces joined).",
              javaType = "String")
    public static final String REASONING = "CamelLlmRouterReasoning";
    @Metadata(label = "producer",
              description = "Out: the structured reasoning blocks of the answer (message.reasoning_details; in streams"
                            + " the fragments of one block, same index and type, merged), as given. Send them back"
                            + " with the assistant message (ChatMessage.reasoningDetails or a message map's"
                            + " reasoning_details), as Anthropic thinking with tool use and Gemini thought signatures"
                            + " require.",
              javaType = "java.util.List<java.util.Map<String, Object>>")
    public static final String REASONING_DETAILS = "CamelLlmRouterReasoningDetails";
    @Metadata(label = "producer", description = "Out: the refusal message when the model refused (message.refusal).",
              javaType = "String")
    public static final String REFUSAL = "CamelLlmRouterRefusal";
    @Metadata(label = "producer",
              description = "Out: images the model generated (message.images), each with imageUrl.url, usually a"
                            + " base64 data URL.",
              javaType = "java.util.List<dev.llmrouter.camel.wire.ChatResponse.Image>")
    public static final String IMAGES = "CamelLlmRouterImages";
    @Metadata(label = "producer",
              description = "Out: audio the model generated (message.audio: id, base64 data, expiresAt, transcript; in"
                            + " streams the pieces joined).",
              javaType = "dev.llmrouter.camel.wire.ChatResponse.Audio")
    public static final String AUDIO = "CamelLlmRouterAudio";
    @Metadata(label = "producer",
              description = "Out: the log probabilities of the answer's tokens (choice logprobs, with logprobs=true;"
                            + " in streams the chunks' lists joined).",
              javaType = "dev.llmrouter.camel.wire.ChatResponse.Logprobs")
    public static final String LOGPROBS = "CamelLlmRouterLogprobs";

    @Metadata(label = "producer",
              description = "In: the budget scope key of this message (a tenant or customer id; never a credential:"
                            + " it is stored and shown as it is), instead of the one option budgetScope gives.",
              javaType = "String")
    public static final String BUDGET_KEY = "CamelLlmRouterBudgetKey";
    @Metadata(label = "producer",
              description = "In: the conversation this message belongs to (overrides option conversationId): its"
                            + " stored history is sent before the new messages, and the turn is stored after the"
                            + " answer. At most 400 characters; never sent to the server (session_id gets a hash).",
              javaType = "String")
    public static final String CONVERSATION_ID = "CamelLlmRouterConversationId";
    @Metadata(label = "producer",
              description = "Out: how many stored history messages were sent before this turn's messages (after"
                            + " maxHistoryMessages and maxHistoryTokens); absent without a conversation.",
              javaType = "Integer")
    public static final String HISTORY_MESSAGES = "CamelLlmRouterHistoryMessages";
    @Metadata(label = "producer",
              description = "Out: what is left of the budget for this message's scope after the call was settled, in"
                            + " USD (with option budget): the amount less the settled spend and less what calls still"
                            + " in flight on the same budget and scope have reserved (their worst case). With nested"
                            + " budgets, the least any level has left for its scope key (the tightest level).",
              javaType = "java.math.BigDecimal")
    public static final String BUDGET_REMAINING = "CamelLlmRouterBudgetRemaining";
    @Metadata(label = "producer",
              description = "Out: true when the budget could not hold the call and it went to downgradeModels.",
              javaType = "Boolean")
    public static final String BUDGET_DOWNGRADED = "CamelLlmRouterBudgetDowngraded";
    @Metadata(label = "producer",
              description = "Out: on a refusal by option budget (BudgetExceededException), the name of the budget"
                            + " level that refused: with nested budgets (budget=tenant,team,global) the level whose"
                            + " scope key had too little left; nothing was reserved on any level.",
              javaType = "String")
    public static final String BUDGET_LEVEL = "CamelLlmRouterBudgetLevel";
    @Metadata(label = "producer",
              description = "Out: the worst-case cost estimated before the call, in USD (with maxCostPerRequest or"
                            + " budget).",
              javaType = "java.math.BigDecimal")
    public static final String ESTIMATED_COST = "CamelLlmRouterEstimatedCost";
    @Metadata(label = "producer",
              description = "Out: what the worst case of header CamelLlmRouterEstimatedCost was computed from (with"
                            + " maxCostPerRequest or budget): its total, one part per model that may be billed (model,"
                            + " estimated prompt tokens, completion-token bound and where it came from: max_tokens,"
                            + " max_completion_tokens, the context window or the default; prompt and completion price"
                            + " per token; request, web search and image fees; part total) and the provider.max_price"
                            + " sent as a server-side bound (boundServerPrice), or null when none was.",
              javaType = "dev.llmrouter.camel.cost.WorstCaseEstimate")
    public static final String ESTIMATE = "CamelLlmRouterEstimate";
    @Metadata(label = "producer",
              description = "Out: every attempt of the call in order (target, model, outcome, status, duration, wait,"
                            + " cost, detail), the serving one last; also set when the call fails.",
              javaType = "java.util.List<dev.llmrouter.camel.error.Attempt>")
    public static final String ATTEMPTS = "CamelLlmRouterAttempts";
    @Metadata(label = "producer",
              description = "Out: the circuit breakers the call skipped because they were open, in the order met:"
                            + " target/model for the breaker of a model (breakerScope=model), target for the breaker of"
                            + " a whole target; absent when none was skipped. Also set when the call fails.",
              javaType = "java.util.List<String>")
    public static final String SKIPPED = "CamelLlmRouterSkipped";
    @Metadata(label = "producer",
              description = "Out, on failure: the X-RateLimit-Limit header of the failed answer (requests allowed in"
                            + " the window); absent when the server sent none.",
              javaType = "Long")
    public static final String RATE_LIMIT_LIMIT = "CamelLlmRouterRateLimitLimit";
    @Metadata(label = "producer",
              description = "Out, on failure: the X-RateLimit-Remaining header of the failed answer (requests left in"
                            + " the window); absent when the server sent none.",
              javaType = "Long")
    public static final String RATE_LIMIT_REMAINING = "CamelLlmRouterRateLimitRemaining";
    @Metadata(label = "producer",
              description = "Out, on failure: the X-RateLimit-Reset header of the failed answer (when the window"
                            + " resets; OpenRouter sends epoch milliseconds); absent when the server sent none.",
              javaType = "Long")
    public static final String RATE_LIMIT_RESET = "CamelLlmRouterRateLimitReset";
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
              description = "Out: OpenRouter's routing metadata of the answer (openrouter_metadata, sent when the"
                            + " request asks with X-OpenRouter-Metadata: enabled), as given.",
              javaType = "java.util.Map<String, Object>")
    public static final String OPENROUTER_METADATA = "CamelLlmRouterOpenRouterMetadata";
    @Metadata(label = "producer",
              description = "Out, on the exchanges streamTo receives: the position of the delta in the stream, from 0.",
              javaType = "Integer")
    public static final String STREAM_INDEX = "CamelLlmRouterStreamIndex";
    @Metadata(label = "producer",
              description = "Out, on the exchanges streamTo receives: true on the (empty) delta that says the answer"
                            + " starts over on another target or model (streamRecovery=restart): discard the deltas"
                            + " received before it.",
              javaType = "Boolean")
    public static final String STREAM_RESTART = "CamelLlmRouterStreamRestart";
    @Metadata(label = "producer",
              description = "Out: true when the answer was not requested but given back from the answer store"
                            + " (option idempotencyKey): no HTTP call was made and nothing was booked on a budget;"
                            + " the body and the other out headers, the cost included, are those of the original"
                            + " call.",
              javaType = "Boolean")
    public static final String REPLAYED = "CamelLlmRouterReplayed";

    private LlmRouterConstants() {
    }
}
