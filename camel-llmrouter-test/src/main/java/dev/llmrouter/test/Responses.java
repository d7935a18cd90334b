package dev.llmrouter.test;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
        ResponseDefinitionBuilder out = responseDefinition().withStatus(200);
        if (body.contains(PacedBody.MARK)) {
            out = out.withHeader(PacedBody.HEADER, "true");
        }
        return out
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("Cache-Control", "no-cache")
                .withHeader("X-Generation-Id", generationId)
                .withBody(body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a failing fault's answer may refer to: the request's flagged text, the model and provider that failed,
     * the request's other candidates.
     *
     * @param userText       last user message
     * @param model          the failing model id
     * @param provider       the failing provider name, null for a model-level fault
     * @param modelProviders every provider of the failing model
     * @param others         the request's other candidate models
     */
    record Context(String userText, String model, String provider, List<String> modelProviders,
            List<String> others) {

        static final Context NONE = new Context("", null, null, List.of(), List.of());
    }

    /** The answer of a failing fault without request context (embeddings). */
    static ResponseDefinitionBuilder failure(EmulatorFault fault) {
        return failure(fault, Context.NONE);
    }

    /** The answer of a failing fault (status error, raw body or connection reset). */
    static ResponseDefinitionBuilder failure(EmulatorFault fault, Context context) {
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
                if (fault.status() == 403 && fault.moderation()) {
                    moderation(metadata, context);
                }
                String message = fault.message() != null ? fault.message() : defaultMessage(fault.status());
                ObjectNode body = errorBody(fault.status(), message, null);
                ObjectNode error = (ObjectNode) body.get("error");
                if (!metadata.isEmpty()) {
                    error.set("metadata", metadata);
                }
                if (fault.availability() != null) {
                    error.set("availability", availability(fault.availability(), context));
                }
                out = json(fault.status(), body);
        }
        if (fault.retryAfter() != null) {
            out = out.withHeader("Retry-After", fault.retryAfter());
        }
        EmulatorFault.RateLimit limit = fault.rateLimit();
        if (limit != null) {
            long reset = limit.resetEpochMillis() != null ? limit.resetEpochMillis()
                    : System.currentTimeMillis() + 1000L * seconds(fault.retryAfter());
            out = out.withHeader("X-RateLimit-Limit", Integer.toString(limit.limit()))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(limit.remaining()))
                    .withHeader("X-RateLimit-Reset", Long.toString(reset));
        }
        return out;
    }

    /** Fills the moderation metadata a 403 refusal carries, keeping what the fault set. */
    private static void moderation(ObjectNode metadata, Context context) {
        if (!metadata.has("reasons")) {
            metadata.putArray("reasons").add("harassment");
        }
        if (!metadata.has("flagged_input")) {
            String text = context.userText();
            metadata.put("flagged_input", text.length() > 100 ? text.substring(0, 100) + "..." : text);
        }
        if (!metadata.has("provider_name")) {
            metadata.put("provider_name", context.provider() != null ? context.provider()
                    : context.modelProviders().isEmpty() ? "OpenRouter" : context.modelProviders().get(0));
        }
        if (!metadata.has("model_slug") && context.model() != null) {
            metadata.put("model_slug", context.model());
        }
    }

    /** {@code error.availability}: the fault's values, null lists filled from the request context. */
    static ObjectNode availability(EmulatorFault.Availability a, Context context) {
        ObjectNode n = Json.object();
        n.put("code", a.code());
        n.put("retryable", a.retryable());
        if (a.retryAfter() != null) {
            n.put("retry_after", a.retryAfter());
        } else {
            n.putNull("retry_after");
        }
        ArrayNode fallback = n.putArray("fallback_models");
        (a.fallbackModels() != null ? a.fallbackModels() : context.others()).forEach(fallback::add);
        ArrayNode affected = n.putArray("affected_providers");
        List<String> providers = a.affectedProviders() != null ? a.affectedProviders()
                : context.provider() != null ? List.of(context.provider()) : context.modelProviders();
        providers.forEach(affected::add);
        return n;
    }

    private static long seconds(String retryAfter) {
        try {
            return retryAfter == null ? 0 : Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
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
