package dev.llmrouter.camel.idempotency;

import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.wire.WireJson;

/**
 * One stored answer: what the message held when its call completed successfully.
 *
 * @param body     the body: the text itself when {@code bodyType} is {@code java.lang.String}, else its JSON
 * @param bodyType the Java class of the body (a String, an outputClass POJO, a ChatResponse); null for no body
 * @param headers  the {@code CamelLlmRouter*} headers the component set (never an incoming header), by name
 * @param cost     the cost billed for the original call, in USD; may be null
 * @param model    the model that served the original call; may be null
 * @param storedAt when the answer was stored, in milliseconds since the epoch
 */
public record StoredAnswer(String body, String bodyType, Map<String, Header> headers, BigDecimal cost, String model,
                           long storedAt) {

    public StoredAnswer {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /**
     * One header value.
     *
     * @param type the Java class of the value
     * @param json the value as JSON
     */
    public record Header(String type, String json) {
    }

    /** This answer as one JSON text (how the JDBC store keeps it). */
    public String toJson() {
        try {
            return WireJson.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a stored answer: " + e.getMessage(), e);
        }
    }

    /** The answer {@link #toJson} wrote. */
    public static StoredAnswer fromJson(String json) {
        try {
            return WireJson.mapper().readValue(json, StoredAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a stored answer: " + e.getMessage(), e);
        }
    }
}
