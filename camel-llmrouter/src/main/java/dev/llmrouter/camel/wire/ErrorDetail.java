package dev.llmrouter.camel.wire;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenRouter's {@code error} object: {@code code} (the HTTP status as a number, though OpenAI-compatible servers
 * may send a string), {@code message} and free-form {@code metadata}.
 */
public record ErrorDetail(JsonNode code, String message, Map<String, Object> metadata) {

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
}
