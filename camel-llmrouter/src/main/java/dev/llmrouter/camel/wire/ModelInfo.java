package dev.llmrouter.camel.wire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One entry of {@code GET /models}. Prices are USD per token (OpenRouter sends them as strings). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelInfo(
        String id,
        String name,
        Long created,
        String description,
        Integer contextLength,
        Pricing pricing,
        Map<String, Object> architecture,
        Map<String, Object> topProvider,
        List<String> supportedParameters) {

    /** USD per token for prompt/completion/reasoning/cache; per request, image or web search for the others. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pricing(
            BigDecimal prompt,
            BigDecimal completion,
            BigDecimal request,
            BigDecimal image,
            BigDecimal webSearch,
            BigDecimal internalReasoning,
            BigDecimal inputCacheRead,
            BigDecimal inputCacheWrite) {
    }

    /** The {@code {"data": [...]}} envelope. */
    public record ListResponse(List<ModelInfo> data) {
    }
}
