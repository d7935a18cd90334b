package dev.llmrouter.test;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a {@link ChatCompletion} as a {@code ChatResult} body or as a server-sent event stream. */
final class ChatJson {

    private ChatJson() {
    }

    /**
     * The non-streaming body.
     *
     * @param choiceError    may be null; adds the choice-level error
     * @param routerMetadata may be null; the top-level {@code openrouter_metadata}
     */
    static ObjectNode completion(ChatCompletion c, EmulatorFault choiceError, ObjectNode routerMetadata) {
        ChatCompletion.Extras x = c.extras();
        ObjectNode root = header(c, "chat.completion");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", c.content());
        if (x.reasoning() != null) {
            message.put("reasoning", x.reasoning());
            message.set("reasoning_details",
                    Json.array().add(AnswerParts.reasoningDetail(c, x.reasoning(), true)));
        }
        if (!c.toolCalls().isEmpty()) {
            message.set("tool_calls", toolCalls(c));
        }
        if (!x.images().isEmpty()) {
            message.set("images", AnswerParts.images(x));
        }
        if (c.searchResults() > 0 || !x.files().isEmpty()) {
            message.set("annotations", AnswerParts.annotations(c));
        }
        choice.put("finish_reason", c.finishReason());
        choice.put("native_finish_reason", nativeFinishReason(c.model(), c.finishReason()));
        if (x.logprobs()) {
            List<String> tokens = c.content() == null ? List.of() : pieces(c.content());
            choice.set("logprobs", AnswerParts.logprobs(tokens, 0, x.topLogprobs()));
        } else {
            choice.putNull("logprobs");
        }
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
        if (routerMetadata != null) {
            root.set("openrouter_metadata", routerMetadata);
        }
        return root;
    }

    /**
     * The event stream: a processing comment; reasoning deltas ({@code delta.reasoning} and
     * {@code delta.reasoning_details}); tool-call fragments by {@code index} (id, type and name first, the
     * arguments over several chunks) or content deltas (with {@code logprobs} when asked); an {@code images}
     * delta; a finish chunk carrying the annotations; a usage chunk (with {@code openrouter_metadata} when opted
     * in) and {@code [DONE]}. A {@code STREAM_ERROR} or {@code CHOICE_ERROR} fault ends after half the deltas
     * with an error chunk and {@code [DONE]}; {@code STREAM_CUT} ends after half the deltas with nothing more.
     */
    static String stream(ChatCompletion c, EmulatorFault fault, ObjectNode routerMetadata) {
        ChatCompletion.Extras x = c.extras();
        StringBuilder out = new StringBuilder(": OPENROUTER PROCESSING\n\n");
        EmulatorFault.Kind kind = fault == null ? null : fault.kind();
        boolean broken = kind == EmulatorFault.Kind.STREAM_ERROR || kind == EmulatorFault.Kind.STREAM_CUT
                || kind == EmulatorFault.Kind.CHOICE_ERROR;
        // faults that interrupt the stream after some deltas and then let it go on
        boolean paused = kind == EmulatorFault.Kind.STREAM_STALL || kind == EmulatorFault.Kind.STREAM_MALFORMED;
        boolean roleChunk = fault != null && fault.opensWithRoleChunk();
        if (roleChunk) {
            event(out, chunk(c, Json.object().put("role", "assistant").put("content", ""), null));
        }
        if (kind == EmulatorFault.Kind.SLOW_FIRST_TOKEN) {
            out.append(PacedBody.pause(fault.pause()));
        }
        List<ObjectNode> deltas = new ArrayList<>();
        if (x.reasoning() != null) {
            List<String> thoughts = pieces(x.reasoning());
            for (int i = 0; i < thoughts.size(); i++) {
                ObjectNode delta = Json.object().put("content", "").put("reasoning", thoughts.get(i));
                delta.set("reasoning_details", Json.array()
                        .add(AnswerParts.reasoningDetail(c, thoughts.get(i), i == thoughts.size() - 1)));
                deltas.add(delta);
            }
        }
        int reasoningDeltas = deltas.size();
        List<ObjectNode> logprobs = new ArrayList<>();
        if (!c.toolCalls().isEmpty()) {
            for (ObjectNode fragment : toolCallFragments(c)) {
                ObjectNode delta = Json.object().putNull("content");
                delta.set("tool_calls", Json.array().add(fragment));
                deltas.add(delta);
            }
        } else {
            List<String> pieces = pieces(c.content());
            for (int i = 0; i < pieces.size(); i++) {
                deltas.add(Json.object().put("content", pieces.get(i)));
                if (x.logprobs()) {
                    logprobs.add(AnswerParts.logprobs(List.of(pieces.get(i)), i, x.topLogprobs()));
                }
            }
        }
        int count = broken || paused ? Math.max(1, deltas.size() / 2) : deltas.size();
        if ((broken || paused) && fault.afterTokens() > 0) {
            count = Math.min(deltas.size(), reasoningDeltas + fault.afterTokens());
        }
        int total = paused ? deltas.size() : count;
        for (int i = 0; i < total; i++) {
            if (paused && i == count) {
                if (kind == EmulatorFault.Kind.STREAM_STALL) {
                    out.append(PacedBody.pause(fault.pause()));
                } else {
                    out.append("data: {\"id\": \"").append(c.id()).append("\", \"choices\": [{\"delta\": {\"con\n\n");
                }
            }
            ObjectNode delta = deltas.get(i);
            if (i == 0 && !roleChunk) {
                ObjectNode first = Json.object().put("role", "assistant");
                first.setAll(delta);
                delta = first;
            }
            ObjectNode chunk = chunk(c, delta, null);
            int contentIndex = i - reasoningDeltas;
            if (contentIndex >= 0 && contentIndex < logprobs.size()) {
                ((ObjectNode) chunk.get("choices").get(0)).set("logprobs", logprobs.get(contentIndex));
            }
            event(out, chunk);
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
            if (!x.images().isEmpty()) {
                ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
                delta.set("images", AnswerParts.images(x));
                event(out, chunk(c, delta, null));
            }
            ObjectNode delta = Json.object().put("role", "assistant").put("content", "");
            if (c.searchResults() > 0 || !x.files().isEmpty()) {
                delta.set("annotations", AnswerParts.annotations(c));
            }
            event(out, chunk(c, delta, c.finishReason()));
            ObjectNode usage = header(c, "chat.completion.chunk");
            usage.putArray("choices");
            usage.set("usage", usage(c));
            if (routerMetadata != null) {
                usage.set("openrouter_metadata", routerMetadata);
            }
            event(out, usage);
        }
        if (kind == EmulatorFault.Kind.STREAM_NO_DONE) {
            return out.toString();
        }
        out.append("data: [DONE]\n\n");
        return out.toString();
    }

    /**
     * The provider's own finish reason: Anthropic's {@code end_turn}/{@code max_tokens}/{@code tool_use},
     * Google's {@code STOP}/{@code MAX_TOKENS}, else the normalized reason.
     */
    static String nativeFinishReason(EmulatorModel model, String finish) {
        if (finish == null || "error".equals(finish)) {
            return finish;
        }
        switch (model.author()) {
            case "anthropic":
                return "length".equals(finish) ? "max_tokens" : "tool_calls".equals(finish) ? "tool_use" : "end_turn";
            case "google":
                return "length".equals(finish) ? "MAX_TOKENS" : "STOP";
            default:
                return finish;
        }
    }

    /**
     * The stream fragments of every tool call: first {@code index}, {@code id}, {@code type} and the function
     * {@code name} with empty arguments, then the arguments in three roughly equal chunks.
     */
    static List<ObjectNode> toolCallFragments(ChatCompletion c) {
        List<ObjectNode> out = new ArrayList<>();
        int index = 0;
        for (ChatCompletion.ToolCall t : c.toolCalls()) {
            ObjectNode head = Json.object().put("index", index).put("id", t.id()).put("type", "function");
            head.putObject("function").put("name", t.name()).put("arguments", "");
            out.add(head);
            String args = t.arguments();
            int size = Math.max(1, (args.length() + 2) / 3);
            for (int from = 0; from < args.length(); from += size) {
                ObjectNode part = Json.object().put("index", index);
                part.putObject("function").put("arguments", args.substring(from, Math.min(args.length(), from + size)));
                out.add(part);
            }
            index++;
        }
        return out;
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
        root.put("system_fingerprint", c.extras().systemFingerprint());
        if (c.extras().serviceTier() != null) {
            root.put("service_tier", c.extras().serviceTier());
        }
        return root;
    }

    private static ObjectNode chunk(ChatCompletion c, ObjectNode delta, String finishReason) {
        ObjectNode root = header(c, "chat.completion.chunk");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        choice.put("native_finish_reason", nativeFinishReason(c.model(), finishReason));
        choice.putNull("logprobs");
        return root;
    }

    private static ArrayNode toolCalls(ChatCompletion c) {
        ArrayNode calls = Json.array();
        for (ChatCompletion.ToolCall t : c.toolCalls()) {
            ObjectNode call = calls.addObject();
            call.put("id", t.id());
            call.put("type", "function");
            call.putObject("function").put("name", t.name()).put("arguments", t.arguments());
        }
        return calls;
    }

    static ObjectNode usage(ChatCompletion c) {
        ObjectNode u = Json.object();
        u.put("prompt_tokens", c.promptTokens());
        u.put("completion_tokens", c.completionTokens());
        u.put("total_tokens", c.totalTokens());
        u.set("cost", Json.money(c.cost()));
        u.put("is_byok", false);
        u.putObject("prompt_tokens_details").put("cached_tokens", c.extras().cache().readTokens())
                .put("cache_write_tokens", c.extras().cache().writeTokens())
                .put("audio_tokens", c.extras().audioTokens());
        u.putObject("completion_tokens_details").put("reasoning_tokens", c.extras().reasoningTokens())
                .put("image_tokens", c.extras().imageTokens());
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
