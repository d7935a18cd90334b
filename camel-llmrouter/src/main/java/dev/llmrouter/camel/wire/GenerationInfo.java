package dev.llmrouter.camel.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code GET /generation?id=}: one generation's usage and cost after the fact. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GenerationInfo(
        String id,
        String model,
        String providerName,
        BigDecimal totalCost,
        BigDecimal upstreamInferenceCost,
        Integer tokensPrompt,
        Integer tokensCompletion,
        Integer nativeTokensPrompt,
        Integer nativeTokensCompletion,
        Integer nativeTokensReasoning,
        Integer nativeTokensCached,
        String finishReason,
        String nativeFinishReason,
        String createdAt,
        Long latency,
        Long generationTime,
        Boolean streamed,
        Boolean cancelled,
        Boolean isByok,
        String sessionId) {

    /** The {@code {"data": {...}}} envelope. */
    public record Envelope(GenerationInfo data) {
    }
}
