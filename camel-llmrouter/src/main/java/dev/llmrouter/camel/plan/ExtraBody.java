package dev.llmrouter.camel.plan;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Request fields the component does not model, passed through as they are: the {@code extraBody.*} option
 * (JSON values, parsed once at endpoint creation) and the {@code CamelLlmRouterExtraBody} header (a Map, per
 * message, over the option key by key). They are written last into the request JSON, and may never name a field
 * the request already sets (an option, a header or a ChatRequest body), nor {@code model}, {@code models},
 * {@code messages} or {@code stream}, which only the component sets.
 */
public final class ExtraBody {

    /** The header that carries per-message extra fields. */
    public static final String HEADER = "CamelLlmRouterExtraBody";

    private static final Set<String> RESERVED = Set.of("model", "models", "messages", "stream");

    private static final Map<String, String> OPTION_OF = Map.ofEntries(
            Map.entry("max_tokens", "maxTokens"), Map.entry("max_completion_tokens", "maxCompletionTokens"),
            Map.entry("temperature", "temperature"), Map.entry("top_p", "topP"), Map.entry("top_k", "topK"),
            Map.entry("frequency_penalty", "frequencyPenalty"), Map.entry("presence_penalty", "presencePenalty"),
            Map.entry("repetition_penalty", "repetitionPenalty"), Map.entry("min_p", "minP"),
            Map.entry("seed", "seed"), Map.entry("stop", "stop"), Map.entry("session_id", "sessionId"),
            Map.entry("user", "user"), Map.entry("metadata", "metadata.*"),
            Map.entry("provider", "a provider option (providerOrder, sort, zdr, maxPrice*, ...)"),
            Map.entry("plugins", "a plugin option (webSearch, pdfEngine, responseHealing, contextCompression,"
                                 + " autoRouter*)"),
            Map.entry("web_search_options", "webSearchContextSize"),
            Map.entry("reasoning", "reasoningEffort, reasoningMaxTokens or reasoningExclude"),
            Map.entry("response_format", "outputClass or jsonSchema"), Map.entry("cache_control", "cacheControl"),
            Map.entry("tools", "tools"), Map.entry("tool_choice", "toolChoice"),
            Map.entry("parallel_tool_calls", "parallelToolCalls"), Map.entry("service_tier", "serviceTier"),
            Map.entry("verbosity", "verbosity"), Map.entry("modalities", "modalities"),
            Map.entry("image_config", "imageConfig.*"), Map.entry("logprobs", "logprobs"),
            Map.entry("top_logprobs", "topLogprobs"), Map.entry("prediction", "prediction"),
            Map.entry("stop_server_tools_when", "stopServerToolsWhen*"), Map.entry("trace", "trace.*"));

    private ExtraBody() {
    }

    /**
     * Parses the {@code extraBody.*} option: each value is JSON text ({@code 1}, {@code "text"}, {@code {"a":1}});
     * a value that is already an object (set from Java) is kept as it is. Fails naming {@code extraBody.<key>}.
     *
     * @param  options  the option's map, or null
     * @param  template the request the other options make, to refuse a field they already set
     * @return          the fields in option order, or null when there are none
     */
    static Map<String, Object> parseOption(Map<String, Object> options, ChatRequest template) {
        if (options == null || options.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            String option = "extraBody." + key;
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("Invalid option " + option + ": the field name is empty");
            }
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("Invalid option " + option + ": the field " + key
                                                   + " is set by the component, not through extraBody");
            }
            if (template.sets(key)) {
                throw new IllegalArgumentException("Invalid option " + option + ": the field " + key
                                                   + " is already set by option " + OPTION_OF.getOrDefault(key, key));
            }
            out.put(key, value instanceof String text ? json(option, text) : value);
        });
        return out.isEmpty() ? null : java.util.Collections.unmodifiableMap(out);
    }

    private static Object json(String option, String text) {
        try {
            return WireJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid value '" + text + "' for " + option
                                               + ": not valid JSON (write a string as \"text\"): "
                                               + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads the header value: a Map with String keys, or null when absent.
     *
     * @throws IllegalArgumentException when the value is not such a Map
     */
    public static Map<String, Object> readHeader(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("Invalid value for " + HEADER + ": expected a Map<String, Object>, got "
                                               + value.getClass().getName());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isBlank()) {
                throw new IllegalArgumentException("Invalid value for " + HEADER
                                                   + ": every key must be a non-empty String, got " + e.getKey());
            }
            out.put(key, e.getValue());
        }
        return out.isEmpty() ? null : out;
    }

    /**
     * The request with the header's fields merged over the option's, after checking that no extra field names a
     * field the request sets. Nothing is done (and nothing allocated) when there are no extra fields.
     *
     * @throws InvalidMessageException naming the field and where it came from
     */
    static ChatRequest apply(ChatRequest request, Map<String, Object> header) {
        Map<String, Object> extra = request.extra();
        if (header == null && extra == null) {
            return request;
        }
        Map<String, Object> merged = extra;
        if (header != null) {
            merged = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
            merged.putAll(header);
        }
        for (String key : merged.keySet()) {
            if (RESERVED.contains(key) || request.sets(key)) {
                String source = header != null && header.containsKey(key)
                        ? "header " + HEADER + " key '" + key + "'" : "option extraBody." + key;
                throw new InvalidMessageException(ErrorInfo.of("Invalid " + source + ": the field " + key
                                                               + " is already set by the component, an option, a"
                                                               + " header or the ChatRequest body"));
            }
        }
        return merged == extra ? request : request.toBuilder().extra(merged).build();
    }
}
