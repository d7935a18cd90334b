package dev.llmrouter.camel.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of {@code POST /chat/completions}: OpenAI's chat request plus OpenRouter's routing fields. Null fields
 * are omitted from the JSON. Instances are immutable; use {@link #toBuilder()} to derive a changed copy.
 *
 * @param model              primary model slug
 * @param models             model fallback list, tried in order
 * @param messages           the conversation
 * @param provider           provider routing
 * @param plugins            plugins (web, file-parser, response-healing, context-compression)
 * @param webSearchOptions   native web search size
 * @param reasoning          reasoning settings
 * @param responseFormat     structured output
 * @param tools              tool definitions in OpenAI's shape
 * @param toolChoice         tool choice: a String or an object
 * @param parallelToolCalls  whether tools may be called in parallel
 * @param sessionId          sticky routing and grouping key
 * @param user               end-user id
 * @param cacheControl       automatic prompt-cache breakpoint
 * @param metadata           up to 16 key/value pairs
 * @param stream             server-sent events
 * @param maxTokens          completion token limit
 * @param temperature        sampling temperature
 * @param topP               nucleus sampling
 * @param topK               top-k sampling
 * @param frequencyPenalty   frequency penalty
 * @param presencePenalty    presence penalty
 * @param repetitionPenalty  repetition penalty
 * @param minP               min-p sampling
 * @param seed               random seed
 * @param stop               stop sequences
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
        Double temperature,
        Double topP,
        Integer topK,
        Double frequencyPenalty,
        Double presencePenalty,
        Double repetitionPenalty,
        Double minP,
        Long seed,
        List<String> stop) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Field by field: this request's value where set, else the value of {@code defaults}. The provider object is
     * merged the same way, field by field.
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
                Merge.first(temperature, defaults.temperature),
                Merge.first(topP, defaults.topP),
                Merge.first(topK, defaults.topK),
                Merge.first(frequencyPenalty, defaults.frequencyPenalty),
                Merge.first(presencePenalty, defaults.presencePenalty),
                Merge.first(repetitionPenalty, defaults.repetitionPenalty),
                Merge.first(minP, defaults.minP),
                Merge.first(seed, defaults.seed),
                Merge.first(stop, defaults.stop));
    }

    /** A copy with other messages. */
    public ChatRequest withMessages(List<ChatMessage> newMessages) {
        return toBuilder().messages(newMessages).build();
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
        private Double temperature;
        private Double topP;
        private Integer topK;
        private Double frequencyPenalty;
        private Double presencePenalty;
        private Double repetitionPenalty;
        private Double minP;
        private Long seed;
        private List<String> stop;

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
            this.temperature = r.temperature;
            this.topP = r.topP;
            this.topK = r.topK;
            this.frequencyPenalty = r.frequencyPenalty;
            this.presencePenalty = r.presencePenalty;
            this.repetitionPenalty = r.repetitionPenalty;
            this.minP = r.minP;
            this.seed = r.seed;
            this.stop = r.stop;
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

        public ChatRequest build() {
            return new ChatRequest(model, models, messages, provider, plugins, webSearchOptions, reasoning, responseFormat, tools, toolChoice, parallelToolCalls, sessionId, user, cacheControl, metadata, stream, maxTokens, temperature, topP, topK, frequencyPenalty, presencePenalty, repetitionPenalty, minP, seed, stop);
        }
    }
}
