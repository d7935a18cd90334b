package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One message of a chat conversation. {@code content} is a String or a list of content parts (maps or records
 * in OpenAI's part shapes, e.g. {@code {"type":"text","text":"..."}}), passed through as given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatMessage(String role, Object content, String name, String toolCallId, List<ToolCall> toolCalls) {

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
