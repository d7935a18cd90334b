package dev.llmrouter.test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * {@code POST /embeddings}: deterministic unit vectors seeded by each input's SHA-256, priced by the model's
 * first provider. Model faults ({@code fault(model, ...)}) apply too, without fallback.
 */
final class EmbeddingsHandler {

    static final int DEFAULT_DIMENSIONS = 8;
    static final int MAX_DIMENSIONS = 8192;

    private final EmulatorState state;

    EmbeddingsHandler(EmulatorState state) {
        this.state = state;
    }

    ResponseDefinitionBuilder handle(RecordedCall call) {
        JsonNode root = call.json();
        if (root == null || !root.isObject()) {
            return Responses.error(400, "Request body must be a JSON object");
        }
        List<String> inputs = inputs(root.get("input"));
        if (inputs == null) {
            return Responses.error(400, "\"input\" must be a non-empty string or an array of non-empty strings");
        }
        int dims = root.path("dimensions").asInt(DEFAULT_DIMENSIONS);
        if (dims < 1 || dims > MAX_DIMENSIONS) {
            return Responses.error(400, "\"dimensions\" must be between 1 and " + MAX_DIMENSIONS);
        }
        if (state.creditsExhausted()) {
            return Responses.error(402, "Insufficient credits: this key's limit is reached",
                    Map.of("error_type", "payment_required"));
        }
        String requested = Json.text(root.get("model"));
        EmulatorModel model = requested == null ? null : state.catalog.model(requested).orElse(null);
        if (model == null || model.providers().isEmpty()) {
            return Responses.error(400, requested + " is not a valid model ID",
                    Map.of("code", "model_not_found", "model", String.valueOf(requested)));
        }
        EmulatorFault fault = state.claimModelFault(requested, model.id(), false);
        long delayMs = fault == null ? 0 : fault.delay().toMillis();
        ResponseDefinitionBuilder out = fault != null && fault.isFailure()
                ? Responses.failure(fault) : answer(call, root, model, inputs, dims, delayMs);
        return delayMs > 0 ? out.withFixedDelay((int) delayMs) : out;
    }

    private ResponseDefinitionBuilder answer(RecordedCall call, JsonNode root, EmulatorModel model,
            List<String> inputs, int dims, long delayMs) {
        EmulatorProvider provider = model.providers().get(0);
        String id = state.nextGenerationId();
        ObjectNode body = Json.object();
        body.put("id", id);
        body.put("object", "list");
        ArrayNode data = body.putArray("data");
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (float f : vector(inputs.get(i), dims)) {
                vector.add(f);
            }
            tokens += Math.max(1, TokenEstimator.tokens(inputs.get(i)));
        }
        body.put("model", model.id());
        BigDecimal cost = provider.promptPrice().multiply(BigDecimal.valueOf(tokens)).add(provider.requestPrice());
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", tokens);
        usage.put("total_tokens", tokens);
        usage.set("cost", Json.money(cost));
        state.addGeneration(new Generation(id, "embeddings", model.id(), provider.name(), tokens, 0, cost,
                Instant.now(), "stop", false, 0, delayMs, Json.text(root.get("user")), null,
                call.header("User-Agent"), call.header("HTTP-Referer"), 0));
        return Responses.json(200, body);
    }

    /** The inputs as strings, or null when the shape is not a string or a non-empty array of strings. */
    private static List<String> inputs(JsonNode input) {
        List<String> out = new ArrayList<>();
        if (input != null && input.isTextual() && !input.asText().isEmpty()) {
            out.add(input.asText());
            return out;
        }
        if (input == null || !input.isArray() || input.size() == 0) {
            return null;
        }
        for (JsonNode item : input) {
            if (!item.isTextual() || item.asText().isEmpty()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }

    /** A unit vector derived only from the text, so equal inputs always embed equally. */
    static float[] vector(String text, int dims) {
        SplittableRandom random = new SplittableRandom(seed(text));
        double[] raw = new double[dims];
        double norm = 0;
        for (int i = 0; i < dims; i++) {
            raw[i] = random.nextDouble(-1.0, 1.0);
            norm += raw[i] * raw[i];
        }
        norm = Math.sqrt(norm);
        float[] out = new float[dims];
        for (int i = 0; i < dims; i++) {
            out[i] = (float) (norm == 0 ? 0 : raw[i] / norm);
        }
        return out;
    }

    private static long seed(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 8; i++) {
                seed = (seed << 8) | (hash[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
