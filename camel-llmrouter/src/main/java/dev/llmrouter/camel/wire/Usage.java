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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PromptTokensDetails(Integer cachedTokens, Integer cacheWriteTokens, Integer audioTokens) {
    }

    /**
     * Completion token details.
     *
     * @param imageTokens tokens of generated images (image outputs)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompletionTokensDetails(Integer reasoningTokens, Integer audioTokens, Integer imageTokens) {

        @JsonCreator
        public CompletionTokensDetails {
        }

        /** Without image tokens. */
        public CompletionTokensDetails(Integer reasoningTokens, Integer audioTokens) {
            this(reasoningTokens, audioTokens, null);
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
