package dev.llmrouter.camel.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One message of a chat conversation. {@code content} is a String or a list of content parts (maps or records
 * in OpenAI's part shapes, e.g. {@code {"type":"text","text":"..."}}), passed through as given.
 * <p>
 * An assistant message may carry the {@code reasoning} text and the {@code reasoning_details} of the answer it
 * repeats (headers {@code CamelLlmRouterReasoning} and {@code CamelLlmRouterReasoningDetails}): they are sent back
 * as given, which Anthropic thinking with tool use and Gemini thought signatures require.
 *
 * @param reasoning        the reasoning text of an assistant message, or null
 * @param reasoningDetails the structured reasoning blocks of an assistant message (spec {@code reasoning_details},
 *                         each with its {@code type}, e.g. {@code reasoning.text} with a {@code signature}), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatMessage(String role, Object content, String name, String toolCallId, List<ToolCall> toolCalls,
                          String reasoning, List<Map<String, Object>> reasoningDetails) {

    @JsonCreator
    public ChatMessage {
    }

    /** A message without reasoning. */
    public ChatMessage(String role, Object content, String name, String toolCallId, List<ToolCall> toolCalls) {
        this(role, content, name, toolCallId, toolCalls, null, null);
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, null, null, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, null, null, null);
    }

    /** A user message whose content is a list of content parts (text, image_url, file, input_audio, ...). */
    public static ChatMessage userParts(List<?> parts) {
        return new ChatMessage("user", parts, null, null, null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content, null, null, null);
    }

    public static ChatMessage tool(String toolCallId, String content) {
        return new ChatMessage("tool", content, null, toolCallId, null);
    }
}
