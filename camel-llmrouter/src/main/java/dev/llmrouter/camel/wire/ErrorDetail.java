package dev.llmrouter.camel.wire;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenRouter's {@code error} object: {@code code} (the HTTP status as a number, though OpenAI-compatible servers
 * may send a string), {@code message}, free-form {@code metadata} and the optional {@code availability}.
 */
public record ErrorDetail(JsonNode code, String message, Map<String, Object> metadata, Availability availability) {

    /** An error without {@code availability}. */
    public ErrorDetail(JsonNode code, String message, Map<String, Object> metadata) {
        this(code, message, metadata, null);
    }

    /** The numeric code, or 0 when the code is absent or not a number. */
    public int numericCode() {
        if (code == null) {
            return 0;
        }
        if (code.isNumber()) {
            return code.asInt();
        }
        try {
            return Integer.parseInt(code.asText().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code error.availability}: why the model or provider could not serve and what may help.
     *
     * @param code              a machine-readable reason, e.g. {@code model_not_found}
     * @param retryable         whether the same request may succeed if sent again
     * @param retryAfter        suggested delay in seconds
     * @param fallbackModels    models the server suggests instead
     * @param affectedProviders the providers concerned
     */
    public record Availability(String code, Boolean retryable,
                               @JsonProperty("retry_after") BigDecimal retryAfter,
                               @JsonProperty("fallback_models") List<String> fallbackModels,
                               @JsonProperty("affected_providers") List<String> affectedProviders) {
    }
}
