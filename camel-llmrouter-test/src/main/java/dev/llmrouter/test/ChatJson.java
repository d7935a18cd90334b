package dev.llmrouter.test;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link ChatCompletion} as a {@code ChatResult} body or as a server-sent event stream. */
final class ChatJson {

    private ChatJson() {
    }

    /** The non-streaming body; {@code choiceError} (may be null) adds the choice-level error. */
    static ObjectNode completion(ChatCompletion c, EmulatorFault choiceError) {
        ObjectNode root = header(c, "chat.completion");
        root.putNull("system_fingerprint");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.content());
        if (!c.toolCalls().isEmpty()) {
            message.set("tool_calls", toolCalls(c, false));
        }
        if (c.searchResults() > 0) {
            message.set("annotations", annotations(c));
        }
        choice.put("finish_reason", c.finishReason());
        choice.put("native_finish_reason", c.finishReason());
        choice.putNull("logprobs");
        if (choiceError != null) {
            ObjectNode error = choice.putObject("error");
            error.put("code", choiceError.status());
            error.put("message", choiceError.message() != null ? choiceError.message()
                    : Responses.defaultMessage(choiceError.status()));
            if (choiceError.errorType() != null) {
                error.putObject("metadata").put("error_type", choiceError.errorType());
            }
        }
        root.set("usage", usage(c));
        return root;
    }

    /**
     * The event stream: a processing comment, content deltas, a finish chunk, a usage chunk and {@code [DONE]}.
     * A {@code STREAM_ERROR} or {@code CHOICE_ERROR} fault ends after half the deltas with an error chunk and
     * {@code [DONE]}; {@code STREAM_CUT} ends after half the deltas with nothing more.
     */
    static String stream(ChatCompletion c, EmulatorFault fault) {
        StringBuilder out = new StringBuilder(": OPENROUTER PROCESSING\n\n");
        EmulatorFault.Kind kind = fault == null ? null : fault.kind();
        boolean broken = kind == EmulatorFault.Kind.STREAM_ERROR || kind == EmulatorFault.Kind.STREAM_CUT
                || kind == EmulatorFault.Kind.CHOICE_ERROR;
        if (!c.toolCalls().isEmpty()) {
            ObjectNode delta = Json.object().put("role", "assistant").putNull("content");
            delta.set("tool_calls", toolCalls(c, true));
            event(out, chunk(c, delta, null));
        } else {
            List<String> pieces = pieces(c.content());
            int count = broken ? Math.max(1, pieces.size() / 2) : pieces.size();
            for (int i = 0; i < count; i++) {
                ObjectNode delta = Json.object();
                if (i == 0) {
                    delta.put("role", "assistant");
                }
                delta.put("content", pieces.get(i));
                event(out, chunk(c, delta, null));
            }
        }
        if (kind == EmulatorFault.Kind.STREAM_CUT) {
            return out.toString();
        }
        if (broken) {
            ObjectNode last = chunk(c, Json.object().put("content", ""), "error");
            ObjectNode error = last.putObject("error");
            error.put("code", fault.status());
            error.put("message", fault.message() != null ? fault.message() : Responses.defaultMessage(fault.status()));
            error.putObject("metadata").put("error_type",
                    fault.errorType() != null ? fault.errorType() : "provider_unavailable");
            event(out, last);
        } else {
            ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
            if (c.searchResults() > 0) {
                delta.set("annotations", annotations(c));
            }
            event(out, chunk(c, delta, c.finishReason()));
            ObjectNode usage = header(c, "chat.completion.chunk");
            usage.putArray("choices");
            usage.set("usage", usage(c));
            event(out, usage);
        }
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    /** Splits on spaces, each space kept at the start of the following piece; never empty. */
    static List<String> pieces(String content) {
        List<String> out = new ArrayList<>(List.of((content == null ? "" : content).split("(?= )")));
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    private static void event(StringBuilder out, ObjectNode chunk) {
        out.append("data: ").append(Json.write(chunk)).append("\n\n");
    }

    private static ObjectNode header(ChatCompletion c, String object) {
        ObjectNode root = Json.object();
        root.put("id", c.id());
        root.put("provider", c.provider().name());
        root.put("model", c.model().id());
        root.put("object", object);
        root.put("created", c.created());
        return root;
    }

    private static ObjectNode chunk(ChatCompletion c, ObjectNode delta, String finishReason) {
        ObjectNode root = header(c, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        choice.put("native_finish_reason", finishReason);
        choice.putNull("logprobs");
        return root;
    }

    private static ArrayNode toolCalls(ChatCompletion c, boolean indexed) {
        ArrayNode calls = Json.array();
        int i = 0;
        for (ChatCompletion.ToolCall t : c.toolCalls()) {
            ObjectNode call = calls.addObject();
            if (indexed) {
                call.put("index", i);
            }
            call.put("id", t.id());
            call.put("type", "function");
            call.putObject("function").put("name", t.name()).put("arguments", t.arguments());
            i++;
        }
        return calls;
    }

    private static ArrayNode annotations(ChatCompletion c) {
        ArrayNode list = Json.array();
        String topic = c.searchQuery().length() > 60 ? c.searchQuery().substring(0, 60) : c.searchQuery();
        for (int n = 1; n <= c.searchResults(); n++) {
            ObjectNode citation = list.addObject().put("type", "url_citation").putObject("url_citation");
            citation.put("url", "https://example.com/result-" + n);
            citation.put("title", "Result " + n + ": " + topic);
            citation.put("content", "Emulated search result " + n + " about: " + topic);
            citation.put("start_index", 0);
            citation.put("end_index", 0);
        }
        return list;
    }

    static ObjectNode usage(ChatCompletion c) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", c.promptTokens());
        u.put("completion_tokens", c.completionTokens());
        u.put("total_tokens", c.totalTokens());
        u.set("cost", Json.money(c.cost()));
        u.put("is_byok", false);
        u.putObject("prompt_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", 0);
        ObjectNode details = u.putObject("cost_details");
        details.set("upstream_inference_cost", Json.money(c.cost()));
        details.set("upstream_inference_prompt_cost", Json.money(c.promptCost()));
        details.set("upstream_inference_completions_cost", Json.money(c.completionCost()));
        if (c.searchResults() > 0) {
            u.putObject("server_tool_use_details").put("web_search_requests", 1);
        }
        return u;
    }
}
