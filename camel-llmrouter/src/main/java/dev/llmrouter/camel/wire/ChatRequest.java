package dev.llmrouter.camel.wire;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /chat/completions}: OpenAI's chat request plus OpenRouter's routing fields. Null fields
 * are omitted from the JSON. Instances are immutable; use {@link #toBuilder()} to derive a changed copy.
 * <p>
 * Fields the component does not model travel in {@link #extra()}: they are written as top-level fields after
 * the modelled ones. Whoever fills {@code extra} must keep its keys apart from the modelled fields this request
 * sets (see {@link #sets(String)}); the planner refuses a collision before anything is sent.
 *
 * @param model                primary model slug (or a preset, {@code @preset/slug})
 * @param models               model fallback list, tried in order
 * @param messages             the conversation
 * @param provider             provider routing
 * @param plugins              plugins (web, file-parser, response-healing, context-compression, auto-router)
 * @param webSearchOptions     native web search size
 * @param reasoning            reasoning settings
 * @param responseFormat       structured output
 * @param tools                tool definitions in OpenAI's shape
 * @param toolChoice           tool choice: a String or an object
 * @param parallelToolCalls    whether tools may be called in parallel
 * @param sessionId            sticky routing and grouping key
 * @param user                 end-user id
 * @param cacheControl         automatic prompt-cache breakpoint
 * @param metadata             up to 16 key/value pairs
 * @param stream               server-sent events
 * @param maxTokens            completion token limit ({@code max_tokens})
 * @param maxCompletionTokens  completion token limit ({@code max_completion_tokens})
 * @param temperature          sampling temperature
 * @param topP                 nucleus sampling
 * @param topK                 top-k sampling
 * @param frequencyPenalty     frequency penalty
 * @param presencePenalty      presence penalty
 * @param repetitionPenalty    repetition penalty
 * @param minP                 min-p sampling
 * @param seed                 random seed
 * @param stop                 stop sequences
 * @param serviceTier          the service tier to process the request in ({@code service_tier})
 * @param verbosity            how long the answer should be: low, medium or high
 * @param modalities           output modalities: text, image, audio
 * @param imageConfig          image generation settings ({@code image_config})
 * @param logprobs             whether to return log probabilities
 * @param topLogprobs          how many top log probabilities per token (0 to 20)
 * @param prediction           predicted output
 * @param stopServerToolsWhen  stop conditions of the server-tool loop ({@code stop_server_tools_when})
 * @param trace                observability metadata ({@code trace})
 * @param extra                fields the component does not model, written after every other field (extraBody); never a modelled field's name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatRequest(
        String model,
        List<String> models,
        List<ChatMessage> messages,
        ProviderPreferences provider,
        List<Plugin> plugins,
        WebSearchOptions webSearchOptions,
        Reasoning reasoning,
        ResponseFormat responseFormat,
        List<Object> tools,
        Object toolChoice,
        Boolean parallelToolCalls,
        String sessionId,
        String user,
        CacheControl cacheControl,
        Map<String, String> metadata,
        Boolean stream,
        Integer maxTokens,
        Integer maxCompletionTokens,
        Double temperature,
        Double topP,
        Integer topK,
        Double frequencyPenalty,
        Double presencePenalty,
        Double repetitionPenalty,
        Double minP,
        Long seed,
        List<String> stop,
        String serviceTier,
        String verbosity,
        List<String> modalities,
        Map<String, Object> imageConfig,
        Boolean logprobs,
        Integer topLogprobs,
        Prediction prediction,
        List<StopCondition> stopServerToolsWhen,
        Map<String, Object> trace,
        @JsonIgnore Map<String, Object> extra) {

    /** The JSON names of the modelled fields, in the order they are written. */
    public static final List<String> FIELDS = List.of(
            "model", "models", "messages", "provider", "plugins", "web_search_options", "reasoning",
            "response_format", "tools", "tool_choice", "parallel_tool_calls", "session_id", "user",
            "cache_control", "metadata", "stream", "max_tokens", "max_completion_tokens", "temperature",
            "top_p", "top_k", "frequency_penalty", "presence_penalty", "repetition_penalty", "min_p", "seed",
            "stop", "service_tier", "verbosity", "modalities", "image_config", "logprobs", "top_logprobs",
            "prediction", "stop_server_tools_when", "trace");

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The {@link #extra()} fields, written as top-level fields of the JSON. */
    @JsonAnyGetter
    Map<String, Object> extraFields() {
        return extra;
    }

    /**
     * Whether the modelled field named {@code field} (its JSON name, e.g. {@code max_tokens}) is set; false for a
     * name that is not a modelled field.
     */
    public boolean sets(String field) {
        return switch (field) {
            case "model" -> model != null;
            case "models" -> models != null;
            case "messages" -> messages != null;
            case "provider" -> provider != null;
            case "plugins" -> plugins != null;
            case "web_search_options" -> webSearchOptions != null;
            case "reasoning" -> reasoning != null;
            case "response_format" -> responseFormat != null;
            case "tools" -> tools != null;
            case "tool_choice" -> toolChoice != null;
            case "parallel_tool_calls" -> parallelToolCalls != null;
            case "session_id" -> sessionId != null;
            case "user" -> user != null;
            case "cache_control" -> cacheControl != null;
            case "metadata" -> metadata != null;
            case "stream" -> stream != null;
            case "max_tokens" -> maxTokens != null;
            case "max_completion_tokens" -> maxCompletionTokens != null;
            case "temperature" -> temperature != null;
            case "top_p" -> topP != null;
            case "top_k" -> topK != null;
            case "frequency_penalty" -> frequencyPenalty != null;
            case "presence_penalty" -> presencePenalty != null;
            case "repetition_penalty" -> repetitionPenalty != null;
            case "min_p" -> minP != null;
            case "seed" -> seed != null;
            case "stop" -> stop != null;
            case "service_tier" -> serviceTier != null;
            case "verbosity" -> verbosity != null;
            case "modalities" -> modalities != null;
            case "image_config" -> imageConfig != null;
            case "logprobs" -> logprobs != null;
            case "top_logprobs" -> topLogprobs != null;
            case "prediction" -> prediction != null;
            case "stop_server_tools_when" -> stopServerToolsWhen != null;
            case "trace" -> trace != null;
            default -> false;
        };
    }

    /**
     * Field by field: this request's value where set, else the value of {@code defaults}. The provider object is
     * merged the same way, field by field, and so is {@code extra}, key by key.
     */
    public ChatRequest orElse(ChatRequest defaults) {
        if (defaults == null) {
            return this;
        }
        return new ChatRequest(
                Merge.first(model, defaults.model),
                Merge.first(models, defaults.models),
                Merge.first(messages, defaults.messages),
                provider == null ? defaults.provider : provider.orElse(defaults.provider),
                Merge.first(plugins, defaults.plugins),
                Merge.first(webSearchOptions, defaults.webSearchOptions),
                Merge.first(reasoning, defaults.reasoning),
                Merge.first(responseFormat, defaults.responseFormat),
                Merge.first(tools, defaults.tools),
                Merge.first(toolChoice, defaults.toolChoice),
                Merge.first(parallelToolCalls, defaults.parallelToolCalls),
                Merge.first(sessionId, defaults.sessionId),
                Merge.first(user, defaults.user),
                Merge.first(cacheControl, defaults.cacheControl),
                Merge.first(metadata, defaults.metadata),
                Merge.first(stream, defaults.stream),
                Merge.first(maxTokens, defaults.maxTokens),
                Merge.first(maxCompletionTokens, defaults.maxCompletionTokens),
                Merge.first(temperature, defaults.temperature),
                Merge.first(topP, defaults.topP),
                Merge.first(topK, defaults.topK),
                Merge.first(frequencyPenalty, defaults.frequencyPenalty),
                Merge.first(presencePenalty, defaults.presencePenalty),
                Merge.first(repetitionPenalty, defaults.repetitionPenalty),
                Merge.first(minP, defaults.minP),
                Merge.first(seed, defaults.seed),
                Merge.first(stop, defaults.stop),
                Merge.first(serviceTier, defaults.serviceTier),
                Merge.first(verbosity, defaults.verbosity),
                Merge.first(modalities, defaults.modalities),
                Merge.first(imageConfig, defaults.imageConfig),
                Merge.first(logprobs, defaults.logprobs),
                Merge.first(topLogprobs, defaults.topLogprobs),
                Merge.first(prediction, defaults.prediction),
                Merge.first(stopServerToolsWhen, defaults.stopServerToolsWhen),
                Merge.first(trace, defaults.trace),
                mergeExtra(extra, defaults.extra));
    }

    private static Map<String, Object> mergeExtra(Map<String, Object> own, Map<String, Object> defaults) {
        if (own == null || defaults == null) {
            return own != null ? own : defaults;
        }
        Map<String, Object> merged = new LinkedHashMap<>(defaults);
        merged.putAll(own);
        return merged;
    }

    /** A copy with other messages (made without a builder: the planner makes one for every exchange). */
    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return copy(newMessages, provider);
    }

    /** A copy with another {@code provider} (made without a builder: admission may make one for every exchange). */
    public ChatRequest withProvider(ProviderPreferences newProvider) {
        return copy(messages, newProvider);
    }

    /** This request with the given messages and provider, every other field as it is. */
    private ChatRequest copy(List<ChatMessage> newMessages, ProviderPreferences newProvider) {
        return new ChatRequest(
                model, models, newMessages, newProvider, plugins, webSearchOptions, reasoning, responseFormat, tools,
                toolChoice, parallelToolCalls, sessionId, user, cacheControl, metadata, stream, maxTokens,
                maxCompletionTokens, temperature, topP, topK, frequencyPenalty, presencePenalty, repetitionPenalty,
                minP, seed, stop, serviceTier, verbosity, modalities, imageConfig, logprobs, topLogprobs, prediction,
                stopServerToolsWhen, trace, extra);
    }

    /** Builds a {@link ChatRequest}. */
    public static final class Builder {
        private String model;
        private List<String> models;
        private List<ChatMessage> messages;
        private ProviderPreferences provider;
        private List<Plugin> plugins;
        private WebSearchOptions webSearchOptions;
        private Reasoning reasoning;
        private ResponseFormat responseFormat;
        private List<Object> tools;
        private Object toolChoice;
        private Boolean parallelToolCalls;
        private String sessionId;
        private String user;
        private CacheControl cacheControl;
        private Map<String, String> metadata;
        private Boolean stream;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private Double temperature;
        private Double topP;
        private Integer topK;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private Double repetitionPenalty;
        private Double minP;
        private Long seed;
        private List<String> stop;
        private String serviceTier;
        private String verbosity;
        private List<String> modalities;
        private Map<String, Object> imageConfig;
        private Boolean logprobs;
        private Integer topLogprobs;
        private Prediction prediction;
        private List<StopCondition> stopServerToolsWhen;
        private Map<String, Object> trace;
        private Map<String, Object> extra;

        private Builder() {
        }

        private Builder(ChatRequest r) {
            this.model = r.model;
            this.models = r.models;
            this.messages = r.messages;
            this.provider = r.provider;
            this.plugins = r.plugins;
            this.webSearchOptions = r.webSearchOptions;
            this.reasoning = r.reasoning;
            this.responseFormat = r.responseFormat;
            this.tools = r.tools;
            this.toolChoice = r.toolChoice;
            this.parallelToolCalls = r.parallelToolCalls;
            this.sessionId = r.sessionId;
            this.user = r.user;
            this.cacheControl = r.cacheControl;
            this.metadata = r.metadata;
            this.stream = r.stream;
            this.maxTokens = r.maxTokens;
            this.maxCompletionTokens = r.maxCompletionTokens;
            this.temperature = r.temperature;
            this.topP = r.topP;
            this.topK = r.topK;
            this.frequencyPenalty = r.frequencyPenalty;
            this.presencePenalty = r.presencePenalty;
            this.repetitionPenalty = r.repetitionPenalty;
            this.minP = r.minP;
            this.seed = r.seed;
            this.stop = r.stop;
            this.serviceTier = r.serviceTier;
            this.verbosity = r.verbosity;
            this.modalities = r.modalities;
            this.imageConfig = r.imageConfig;
            this.logprobs = r.logprobs;
            this.topLogprobs = r.topLogprobs;
            this.prediction = r.prediction;
            this.stopServerToolsWhen = r.stopServerToolsWhen;
            this.trace = r.trace;
            this.extra = r.extra;
        }

        public Builder model(String value) {
            this.model = value;
            return this;
        }

        public Builder models(List<String> value) {
            this.models = value;
            return this;
        }

        public Builder messages(List<ChatMessage> value) {
            this.messages = value;
            return this;
        }

        public Builder provider(ProviderPreferences value) {
            this.provider = value;
            return this;
        }

        public Builder plugins(List<Plugin> value) {
            this.plugins = value;
            return this;
        }

        public Builder webSearchOptions(WebSearchOptions value) {
            this.webSearchOptions = value;
            return this;
        }

        public Builder reasoning(Reasoning value) {
            this.reasoning = value;
            return this;
        }

        public Builder responseFormat(ResponseFormat value) {
            this.responseFormat = value;
            return this;
        }

        public Builder tools(List<Object> value) {
            this.tools = value;
            return this;
        }

        public Builder toolChoice(Object value) {
            this.toolChoice = value;
            return this;
        }

        public Builder parallelToolCalls(Boolean value) {
            this.parallelToolCalls = value;
            return this;
        }

        public Builder sessionId(String value) {
            this.sessionId = value;
            return this;
        }

        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder cacheControl(CacheControl value) {
            this.cacheControl = value;
            return this;
        }

        public Builder metadata(Map<String, String> value) {
            this.metadata = value;
            return this;
        }

        public Builder stream(Boolean value) {
            this.stream = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            this.maxTokens = value;
            return this;
        }

        public Builder maxCompletionTokens(Integer value) {
            this.maxCompletionTokens = value;
            return this;
        }

        public Builder temperature(Double value) {
            this.temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            this.topP = value;
            return this;
        }

        public Builder topK(Integer value) {
            this.topK = value;
            return this;
        }

        public Builder frequencyPenalty(Double value) {
            this.frequencyPenalty = value;
            return this;
        }

        public Builder presencePenalty(Double value) {
            this.presencePenalty = value;
            return this;
        }

        public Builder repetitionPenalty(Double value) {
            this.repetitionPenalty = value;
            return this;
        }

        public Builder minP(Double value) {
            this.minP = value;
            return this;
        }

        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        public Builder stop(List<String> value) {
            this.stop = value;
            return this;
        }

        public Builder serviceTier(String value) {
            this.serviceTier = value;
            return this;
        }

        public Builder verbosity(String value) {
            this.verbosity = value;
            return this;
        }

        public Builder modalities(List<String> value) {
            this.modalities = value;
            return this;
        }

        public Builder imageConfig(Map<String, Object> value) {
            this.imageConfig = value;
            return this;
        }

        public Builder logprobs(Boolean value) {
            this.logprobs = value;
            return this;
        }

        public Builder topLogprobs(Integer value) {
            this.topLogprobs = value;
            return this;
        }

        public Builder prediction(Prediction value) {
            this.prediction = value;
            return this;
        }

        public Builder stopServerToolsWhen(List<StopCondition> value) {
            this.stopServerToolsWhen = value;
            return this;
        }

        public Builder trace(Map<String, Object> value) {
            this.trace = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            this.extra = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(model, models, messages, provider, plugins, webSearchOptions, reasoning, responseFormat, tools, toolChoice, parallelToolCalls, sessionId, user, cacheControl, metadata, stream, maxTokens, maxCompletionTokens, temperature, topP, topK, frequencyPenalty, presencePenalty, repetitionPenalty, minP, seed, stop, serviceTier, verbosity, modalities, imageConfig, logprobs, topLogprobs, prediction, stopServerToolsWhen, trace, extra);
        }
    }
}
