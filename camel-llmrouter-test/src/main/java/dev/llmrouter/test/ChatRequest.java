package dev.llmrouter.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** A read-only view of a {@code POST /chat/completions} body with the lookups the emulator needs. */
final class ChatRequest {

    static final int DEFAULT_SEARCH_RESULTS = 3;

    private final JsonNode root;
    private final RecordedCall call;

    ChatRequest(JsonNode root, RecordedCall call) {
        this.root = root;
        this.call = call;
    }

    JsonNode root() {
        return root;
    }

    boolean hasMessages() {
        return root.path("messages").isArray() && root.path("messages").size() > 0;
    }

    /** {@code model} then each of {@code models}, deduplicated, order kept. */
    List<String> candidates() {
        Set<String> out = new LinkedHashSet<>();
        String model = Json.text(root.get("model"));
        if (model != null && !model.isBlank()) {
            out.add(model.trim());
        }
        for (JsonNode m : root.path("models")) {
            if (m.isTextual() && !m.asText().isBlank()) {
                out.add(m.asText().trim());
            }
        }
        return new ArrayList<>(out);
    }

    boolean stream() {
        return root.path("stream").asBoolean(false);
    }

    /** The text of the last message whose role is {@code user}; empty when there is none. */
    String lastUserText() {
        JsonNode messages = root.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                return TokenEstimator.text(m.get("content"));
            }
        }
        return "";
    }

    /** One tool result at the end of the conversation: the called function's name (null when unknown) and text. */
    record ToolResult(String tool, String text) {
    }

    /**
     * The tool messages the conversation ends with (the answers to the model's last tool calls), in order, each
     * with the name of the function whose call it answers; empty when the last message is not a tool message.
     */
    List<ToolResult> trailingToolResults() {
        JsonNode messages = root.path("messages");
        int first = messages.size();
        while (first > 0 && "tool".equals(messages.get(first - 1).path("role").asText())) {
            first--;
        }
        List<ToolResult> out = new ArrayList<>();
        for (int i = first; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            out.add(new ToolResult(calledName(messages, first, m.path("tool_call_id").asText(null)),
                    TokenEstimator.text(m.get("content"))));
        }
        return out;
    }

    /** The function name of the assistant tool call with this id, looking back from {@code before}. */
    private static String calledName(JsonNode messages, int before, String callId) {
        if (callId == null) {
            return null;
        }
        for (int i = before - 1; i >= 0; i--) {
            for (JsonNode call : messages.get(i).path("tool_calls")) {
                if (callId.equals(call.path("id").asText())) {
                    return Json.text(call.path("function").get("name"));
                }
            }
        }
        return null;
    }

    /**
     * The text of the last message when it is an assistant message (a prefill the answer is to continue), else
     * null.
     */
    String assistantPrefill() {
        JsonNode messages = root.path("messages");
        if (messages.size() == 0) {
            return null;
        }
        JsonNode last = messages.get(messages.size() - 1);
        return "assistant".equals(last.path("role").asText()) ? TokenEstimator.text(last.get("content")) : null;
    }

        int promptTokens() {
        return TokenEstimator.promptTokens(root.path("messages"));
    }

    /** {@code max_tokens}, else {@code max_completion_tokens}; 0 when neither is a positive integer. */
    int maxTokens() {
        int max = root.path("max_tokens").asInt(0);
        if (max <= 0) {
            max = root.path("max_completion_tokens").asInt(0);
        }
        return Math.max(max, 0);
    }

    boolean hasTools() {
        return root.path("tools").isArray() && root.path("tools").size() > 0;
    }

    /** Whether the model may call a tool: the request has tools and its {@code tool_choice} is not {@code none}. */
    boolean toolsCallable() {
        return hasTools() && !"none".equals(root.path("tool_choice").asText());
    }

    /** The {@code provider} preferences object, or a missing node. */
    JsonNode provider() {
        JsonNode p = root.get("provider");
        return p != null && p.isObject() ? p : MissingNode.getInstance();
    }

    /** The schema of a {@code json_schema} response format, or null. */
    JsonNode jsonSchema() {
        JsonNode format = root.path("response_format");
        if (!"json_schema".equals(format.path("type").asText())) {
            return null;
        }
        JsonNode schema = format.path("json_schema").get("schema");
        return schema != null && schema.isObject() ? schema : Json.object();
    }

    /**
     * How many web search results to add: 0 without web search; else the web plugin's {@code max_results}
     * (default 3). {@code :online} or an enabled {@code {"id":"web"}} plugin turns search on.
     */
    int searchResults(ModelSlug slug) {
        boolean web = slug.has("online");
        int max = DEFAULT_SEARCH_RESULTS;
        for (JsonNode plugin : root.path("plugins")) {
            if ("web".equals(plugin.path("id").asText()) && plugin.path("enabled").asBoolean(true)) {
                web = true;
                if (plugin.path("max_results").canConvertToInt() && plugin.path("max_results").asInt() > 0) {
                    max = plugin.path("max_results").asInt();
                }
            }
        }
        return web ? max : 0;
    }

    /**
     * Whether the answer shows reasoning: the request asks for it ({@code reasoning.effort} other than
     * {@code none}, a positive {@code reasoning.max_tokens}, {@code reasoning.enabled: true} or
     * {@code include_reasoning: true}) or the model is a reasoning model; {@code reasoning.exclude: true},
     * {@code reasoning.enabled: false}, effort {@code none} or {@code include_reasoning: false} hide it.
     */
    boolean showsReasoning(EmulatorModel model) {
        return reasons(model) && !root.path("reasoning").path("exclude").asBoolean(false)
                && root.path("include_reasoning").asBoolean(true);
    }

    /** Whether the model reasons at all (and bills reasoning tokens), shown or not. */
    boolean reasons(EmulatorModel model) {
        JsonNode r = root.path("reasoning");
        if (r.path("enabled").isBoolean() && !r.path("enabled").asBoolean()) {
            return false;
        }
        if ("none".equals(r.path("effort").asText())) {
            return false;
        }
        boolean asked = (r.path("effort").isTextual() && !r.path("effort").asText().isEmpty())
                || r.path("max_tokens").asInt(0) > 0 || r.path("enabled").asBoolean(false)
                || root.path("include_reasoning").asBoolean(false);
        return asked || model.reasoning();
    }

    /** Whether {@code modalities} contains {@code image}. */
    boolean wantsImage() {
        for (JsonNode m : root.path("modalities")) {
            if ("image".equals(m.asText())) {
                return true;
            }
        }
        return false;
    }

    /** {@code logprobs: true}. */
    boolean logprobs() {
        return root.path("logprobs").asBoolean(false);
    }

    /** {@code top_logprobs} clamped to 0..20. */
    int topLogprobs() {
        return Math.max(0, Math.min(20, root.path("top_logprobs").asInt(0)));
    }

    /** The requested {@code service_tier}, or null. */
    String serviceTier() {
        return Json.text(root.get("service_tier"));
    }

    /** Whether the header {@code X-OpenRouter-Metadata: enabled} opts in to {@code openrouter_metadata}. */
    boolean wantsRouterMetadata() {
        String h = call.header("X-OpenRouter-Metadata");
        return h != null && "enabled".equalsIgnoreCase(h.trim());
    }

    /** The {@code file} content parts of every message, in order. */
    List<JsonNode> fileParts() {
        return parts("file");
    }

    /** The {@code input_audio} content parts of every message, in order. */
    List<JsonNode> audioParts() {
        return parts("input_audio");
    }

    private List<JsonNode> parts(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : root.path("messages")) {
            for (JsonNode part : m.path("content")) {
                if (part.isObject() && type.equals(part.path("type").asText())) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    String user() {
        return Json.text(root.get("user"));
    }

    String sessionId() {
        String s = Json.text(root.get("session_id"));
        return s != null ? s : call.header("x-session-id");
    }

    RecordedCall call() {
        return call;
    }
}
