package dev.llmrouter.test;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;

/** Builds the WireMock response definitions the emulator answers with. */
final class Responses {

    static final String JSON = "application/json";

    private Responses() {
    }

    /** A JSON answer. */
    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", JSON).withBody(Json.write(body));
    }

    /** An OpenRouter error answer: {@code {"error":{"code","message","metadata"?}}} with HTTP status = code. */
    static ResponseDefinitionBuilder error(int status, String message, Map<String, ?> metadata) {
        return json(status, errorBody(status, message, metadata));
    }

    /** An OpenRouter error answer without metadata. */
    static ResponseDefinitionBuilder error(int status, String message) {
        return error(status, message, null);
    }

    /** The error envelope; {@code metadata} is left out when null or empty. */
    static ObjectNode errorBody(int code, String message, Map<String, ?> metadata) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", code);
        error.put("message", message);
        if (metadata != null && !metadata.isEmpty()) {
            error.set("metadata", Json.MAPPER.valueToTree(metadata));
        }
        return root;
    }

    /** A server-sent events answer. */
    static ResponseDefinitionBuilder eventStream(String body, String generationId) {
        return responseDefinition().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("Cache-Control", "no-cache")
                .withHeader("X-Generation-Id", generationId)
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    /** The answer of a failing fault (status error, raw body or connection reset). */
    static ResponseDefinitionBuilder failure(EmulatorFault fault) {
        ResponseDefinitionBuilder out;
        switch (fault.kind()) {
            case CONNECTION_RESET:
                return responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER);
            case RAW_BODY:
                out = responseDefinition().withStatus(fault.status())
                        .withBody(fault.body().getBytes(StandardCharsets.UTF_8));
                if (fault.contentType() != null) {
                    out = out.withHeader("Content-Type", fault.contentType());
                }
                break;
            default:
                ObjectNode metadata = Json.MAPPER.valueToTree(fault.metadata());
                if (fault.errorType() != null) {
                    metadata.put("error_type", fault.errorType());
                }
                String message = fault.message() != null ? fault.message() : defaultMessage(fault.status());
                ObjectNode body = errorBody(fault.status(), message, null);
                if (!metadata.isEmpty()) {
                    ((ObjectNode) body.get("error")).set("metadata", metadata);
                }
                out = json(fault.status(), body);
        }
        if (fault.retryAfter() != null) {
            out = out.withHeader("Retry-After", fault.retryAfter());
        }
        return out;
    }

    /** A short message for an HTTP error status. */
    static String defaultMessage(int status) {
        switch (status) {
            case 400: return "Bad request";
            case 401: return "Unauthorized";
            case 402: return "Insufficient credits";
            case 403: return "Request flagged by moderation";
            case 404: return "Not found";
            case 408: return "Request timed out";
            case 413: return "Payload too large";
            case 422: return "Unprocessable request";
            case 429: return "Rate limit exceeded";
            case 500: return "Internal server error";
            case 502: return "Provider returned error";
            case 503: return "Service unavailable";
            default: return "Error " + status;
        }
    }
}
