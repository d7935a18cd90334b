package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.util.List;

/**
 * Per-message values that replace endpoint options for one call (read by the Camel shell from
 * {@code CamelLlmRouter*} headers, already validated). Null means "not overridden".
 */
public record Overrides(
        String model,
        List<String> fallbackModels,
        String systemPrompt,
        Integer maxTokens,
        String sort,
        List<String> providerOrder,
        List<String> providerIgnore,
        Boolean zdr,
        BigDecimal maxPricePrompt,
        BigDecimal maxPriceCompletion,
        String sessionId,
        String user,
        Integer maxCompletionTokens,
        String verbosity,
        String prediction,
        java.util.Map<String, Object> extraBody,
        String userMessage,
        String dataCollection,
        List<String> providerOnly,
        BigDecimal maxPriceRequest,
        BigDecimal maxPriceImage) {

    /** No override at all. */
    public static final Overrides NONE
            = new Overrides(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    /** Whether no header overrides anything (a message without override headers gets {@link #NONE} itself). */
    public boolean isEmpty() {
        return this == NONE || this.equals(NONE);
    }
}
