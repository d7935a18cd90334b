package dev.llmrouter.camel.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code GET /key}: the calling key's limit, what remains of it and its usage, in USD. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KeyInfo(
        String label,
        BigDecimal limit,
        BigDecimal limitRemaining,
        String limitReset,
        BigDecimal usage,
        BigDecimal usageDaily,
        BigDecimal usageWeekly,
        BigDecimal usageMonthly,
        Boolean isFreeTier) {

    /** The {@code {"data": {...}}} envelope. */
    public record Envelope(KeyInfo data) {
    }
}
