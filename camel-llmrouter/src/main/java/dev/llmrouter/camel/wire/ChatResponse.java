package dev.llmrouter.camel.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A chat completion (spec {@code ChatResult}); streaming chunks ({@code ChatStreamChunk}) share the shape, with a
 * {@link Delta} in the choices instead of a message.
 *
 * @param model              the model that actually served (with {@code models} fallback or {@code openrouter/auto})
 * @param provider           the provider that served, e.g. {@code DeepInfra}
 * @param serviceTier        the service tier the upstream provider used, e.g. {@code default} or {@code flex}
 * @param openrouterMetadata OpenRouter's routing metadata (with {@code X-OpenRouter-Metadata: enabled}), as given
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ChatResponse(
        String id,
        @JsonDeserialize(using = RepeatedText.class) String object,
        Long created,
        @JsonDeserialize(using = RepeatedText.class) String model,
        @JsonDeserialize(using = RepeatedText.class) String provider,
        List<Choice> choices,
        Usage usage,
        @JsonDeserialize(using = RepeatedText.class) String systemFingerprint,
        @JsonDeserialize(using = RepeatedText.class) String serviceTier,
        Map<String, Object> openrouterMetadata,
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
            Delta delta,
            @JsonDeserialize(using = RepeatedText.class) String finishReason,
            @JsonDeserialize(using = RepeatedText.class) String nativeFinishReason,
            Logprobs logprobs,
            ErrorDetail error) {
    }

    /**
     * The assistant's answer: text content, optional reasoning (text and the provider's structured
     * {@code reasoning_details}, kept as given so that they can be sent back), refusal, tool calls, annotations
     * (web citations, parsed files), generated images and audio.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AssistantMessage(
            @JsonDeserialize(using = RepeatedText.class) String role,
            @JsonDeserialize(using = ContentText.class) String content,
            String reasoning,
            List<Map<String, Object>> reasoningDetails,
            String refusal,
            List<ToolCall> toolCalls,
            List<Annotation> annotations,
            List<Image> images,
            Audio audio) {
    }

    /** What one streamed chunk adds to the answer (spec {@code ChatStreamDelta}). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delta(
            @JsonDeserialize(using = RepeatedText.class) String role,
            @JsonDeserialize(using = ContentText.class) String content,
            String reasoning,
            List<Map<String, Object>> reasoningDetails,
            String refusal,
            List<ToolCallDelta> toolCalls,
            List<Annotation> annotations,
            List<Image> images,
            Audio audio) {
    }

    /** A fragment of a streamed tool call: the fragments of one call share {@code index}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ToolCallDelta(Integer index, String id, String type, ToolCall.Function function) {
    }

    /**
     * A message annotation: {@code url_citation} (a web citation, in {@code urlCitation}) or {@code file} (a file
     * the file-parser plugin read, in {@code file}); other types keep only their {@code type}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Annotation(String type, UrlCitation urlCitation, FileAnnotation file) {
    }

    /** One web citation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record UrlCitation(String url, String title, String content, Integer startIndex, Integer endIndex) {
    }

    /**
     * A file annotation: the parsed content of a PDF or other file of the request, which can be sent back with the
     * next request to skip parsing it again.
     *
     * @param hash    the file's hash
     * @param name    the file name
     * @param content the parsed content parts, e.g. {@code {"type":"text","text":"..."}}, as given
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FileAnnotation(String hash, String name, List<Map<String, Object>> content) {
    }

    /** A generated image (spec {@code ChatAssistantImages}): its URL is usually a base64 data URL. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Image(String type, ImageUrl imageUrl) {
    }

    /** Where a generated image is: an https URL or a {@code data:} URL. */
    public record ImageUrl(String url) {
    }

    /** Audio output (spec {@code ChatAudioOutput}): base64 audio data and its transcript. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Audio(String id, String data, Long expiresAt, String transcript) {
    }

    /** Log probabilities of the choice's tokens (spec {@code ChatTokenLogprobs}). */
    public record Logprobs(List<TokenLogprob> content, List<TokenLogprob> refusal) {
    }

    /** The log probability of one token, with the most likely alternatives when {@code top_logprobs} asked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TokenLogprob(String token, Double logprob, List<Integer> bytes, List<TopLogprob> topLogprobs) {
    }

    /** One alternative token and its log probability. */
    public record TopLogprob(String token, Double logprob, List<Integer> bytes) {
    }
}
