package dev.llmrouter.camel.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Token counts and the cost OpenRouter charged ({@code cost}, USD credits), read with full decimal precision.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Usage(
        Integer promptTokens,
        Integer completionTokens,
        Integer totalTokens,
        BigDecimal cost,
        Boolean isByok,
        PromptTokensDetails promptTokensDetails,
        CompletionTokensDetails completionTokensDetails,
        CostDetails costDetails,
        ServerToolUseDetails serverToolUseDetails) {

    /**
     * Prompt token details.
     *
     * @param audioTokens audio input tokens
     * @param videoTokens video input tokens
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PromptTokensDetails(Integer cachedTokens, Integer cacheWriteTokens, Integer audioTokens,
                                      Integer videoTokens) {

        @JsonCreator
        public PromptTokensDetails {
        }

        /** Without video tokens. */
        public PromptTokensDetails(Integer cachedTokens, Integer cacheWriteTokens, Integer audioTokens) {
            this(cachedTokens, cacheWriteTokens, audioTokens, null);
        }
    }

    /**
     * Completion token details.
     *
     * @param audioTokens              tokens of audio output
     * @param imageTokens              tokens of generated images (image outputs)
     * @param acceptedPredictionTokens tokens of a predicted output ({@code prediction}) that the answer used
     * @param rejectedPredictionTokens tokens of a predicted output that the answer did not use
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompletionTokensDetails(Integer reasoningTokens, Integer audioTokens, Integer imageTokens,
                                          Integer acceptedPredictionTokens, Integer rejectedPredictionTokens) {

        @JsonCreator
        public CompletionTokensDetails {
        }

        /** Reasoning and audio tokens only. */
        public CompletionTokensDetails(Integer reasoningTokens, Integer audioTokens) {
            this(reasoningTokens, audioTokens, null, null, null);
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CostDetails(
            BigDecimal upstreamInferenceCost,
            BigDecimal upstreamInferencePromptCost,
            BigDecimal upstreamInferenceCompletionsCost) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ServerToolUseDetails(Integer webSearchRequests, Integer toolCallsRequested, Integer toolCallsExecuted) {
    }
}
