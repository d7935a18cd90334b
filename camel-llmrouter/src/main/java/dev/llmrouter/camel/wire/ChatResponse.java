package dev.llmrouter.camel.wire;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A chat completion (spec {@code ChatResult}); streaming chunks share the shape with {@code delta} in the choices.
 *
 * @param model    the model that actually served (with {@code models} fallback or {@code openrouter/auto})
 * @param provider the provider that served, e.g. {@code DeepInfra}
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatResponse(
        String id,
        String object,
        Long created,
        String model,
        String provider,
        List<Choice> choices,
        Usage usage,
        String systemFingerprint,
        ErrorDetail error) {

    /** The first choice, or null when there is none. */
    public Choice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.get(0);
    }

    /** One choice. {@code error} is set when the provider failed after HTTP 200. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Choice(
            Integer index,
            AssistantMessage message,
            AssistantMessage delta,
            String finishReason,
            String nativeFinishReason,
            ErrorDetail error) {
    }

    /** The assistant's answer: text content, optional reasoning, tool calls and web citations. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AssistantMessage(
            String role,
            @com.fasterxml.jackson.databind.annotation.JsonDeserialize(using = ContentText.class) String content,
            String reasoning,
            String refusal,
            List<ToolCall> toolCalls,
            List<Annotation> annotations) {
    }

    /** A message annotation; web search results have type {@code url_citation}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Annotation(String type, UrlCitation urlCitation) {
    }

    /** One web citation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UrlCitation(String url, String title, String content, Integer startIndex, Integer endIndex) {
    }
}
