package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llmrouter.test.schema.OpenRouterSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every emulator answer validates against OpenRouter's published spec ({@code shared/openrouter/openapi.yaml}),
 * with every optional field the emulator can produce turned on. Skipped (and counted as skipped) only when the
 * spec cannot be located.
 */
class EmulatorSpecConformanceTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    /** A request that turns on every optional answer part. */
    static final String EVERYTHING = """
            {"model":"anthropic/claude-haiku-4.5","models":["anthropic/claude-haiku-4.5","openai/gpt-4o-mini"],
             "messages":[{"role":"user","content":[
                {"type":"text","text":"summarize the attached report"},
                {"type":"file","file":{"filename":"report.pdf","file_data":"data:application/pdf;base64,JVBERi0="}},
                {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}],
             "plugins":[{"id":"web","max_results":2}],
             "reasoning":{"effort":"high"},
             "modalities":["image","text"],
             "logprobs":true,"top_logprobs":2,
             "service_tier":"flex"}""";

    private static OpenRouterSchema spec;
    private static JsonNode schemas;

    private final Http http = new Http(EMULATOR.baseUrl());

    @BeforeAll
    static void loadSpec() {
        // the repository's copy of the spec: a missing file fails here, it never skips
        Path location = OpenRouterSchema.requireSpec();
        spec = OpenRouterSchema.load(location);
        schemas = readYaml(location).path("components").path("schemas");
    }

    private static JsonNode readYaml(Path path) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code required} list of a component schema, read from the spec itself. */
    private static List<String> required(String schema) {
        List<String> out = new ArrayList<>();
        schemas.path(schema).path("required").forEach(n -> out.add(n.asText()));
        assertFalse(out.isEmpty(), "spec has no required list for " + schema);
        return out;
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private HttpResponse<String> postWithMetadata(String body) {
        return http.send(http.request("/chat/completions")
                .header("X-OpenRouter-Metadata", "enabled")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    // ---- GET /models (defect 9) -------------------------------------------------------------------------

    @Test
    void modelsListHasEveryFieldTheSpecRequires() {
        JsonNode list = Http.parse(http.get("/models").body());
        for (String field : required("ModelsListResponse")) {
            assertTrue(list.has(field), "ModelsListResponse needs " + field + ", has " + iterable(list.fieldNames()));
        }
        assertTrue(list.get("links").has("next"), list.get("links").toString());
        assertEquals(list.get("data").size(), list.get("total_count").asInt());
        List<String> modelFields = required("Model");
        assertTrue(modelFields.contains("links"), modelFields.toString());
        for (JsonNode model : list.get("data")) {
            for (String field : modelFields) {
                assertTrue(model.has(field), model.get("id") + " lacks required " + field);
            }
        }
        spec.assertValid("ModelsListResponse", list);
    }

    @Test
    void pagedModelsListIsValid() {
        JsonNode page = Http.parse(http.get("/models?offset=1&limit=2").body());
        spec.assertValid("ModelsListResponse", page);
        assertEquals("/api/v1/models?offset=3&limit=2", page.get("links").get("next").asText());
    }

    // ---- chat answers -----------------------------------------------------------------------------------

    @Test
    void completionWithEveryOptionalPartIsValid() {
        JsonNode r = Http.parse(postWithMetadata(EVERYTHING).body());
        JsonNode message = r.at("/choices/0/message");
        // the parts this test exists for are really there
        for (String field : List.of("reasoning", "reasoning_details", "images", "annotations")) {
            assertTrue(message.has(field), field + " missing: " + message);
        }
        assertTrue(r.at("/choices/0/logprobs/content").size() > 0, r.toString());
        assertTrue(r.has("openrouter_metadata") && r.has("service_tier"), r.toString());
        spec.assertValid("ChatResult", r);
        spec.assertValid("OpenRouterMetadata", r.get("openrouter_metadata"));
    }

    @Test
    void completionWithToolCallsIsValid() {
        EMULATOR.emulator().reply("weather", "TOOL_CALL:get_weather:{\"city\":\"Paris\"}");
        JsonNode r = http.chat(TOOLS_REQUEST.replace("\"stream\":true,", ""));
        assertEquals("tool_calls", r.at("/choices/0/finish_reason").asText());
        spec.assertValid("ChatResult", r);
    }

    @Test
    void everyStreamChunkWithEveryOptionalPartIsValid() {
        String body = EVERYTHING.replace("{\"model\"", "{\"stream\":true,\"model\"");
        List<JsonNode> chunks = StreamingTest.chunks(postWithMetadata(body).body());
        assertTrue(chunks.size() > 5, chunks.toString());
        for (JsonNode chunk : chunks) {
            spec.assertValid("ChatStreamChunk", chunk);
        }
    }

    @Test
    void toolCallStreamChunksAreValid() {
        EMULATOR.emulator().reply("weather", "TOOL_CALL:get_weather:{\"city\":\"Paris\",\"unit\":\"celsius\"}");
        List<JsonNode> chunks = StreamingTest.chunks(http.post("/chat/completions", TOOLS_REQUEST).body());
        for (JsonNode chunk : chunks) {
            spec.assertValid("ChatStreamChunk", chunk);
        }
    }

    static final String TOOLS_REQUEST = """
            {"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"weather?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""";

    // ---- errors -----------------------------------------------------------------------------------------

    @Test
    void availabilityAndForbiddenErrorsAreValid() {
        EmulatorFault[] faults = {EmulatorFault.noProviderAvailable(), EmulatorFault.rateLimited(3),
            EmulatorFault.forbidden("Only management keys can perform this operation"), EmulatorFault.status(403)};
        String[] schemaNames = {"ServiceUnavailableResponse", "TooManyRequestsResponse", "ForbiddenResponse",
            "ForbiddenResponse"};
        for (int i = 0; i < faults.length; i++) {
            EMULATOR.emulator().reset();
            EMULATOR.emulator().fault("*", faults[i]);
            HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
            spec.assertValid(schemaNames[i], Http.parse(r.body()));
        }
        EMULATOR.emulator().reset();
        HttpResponse<String> unknown = http.post("/chat/completions", Http.userChat("acme/nope", "hi"));
        assertEquals(400, unknown.statusCode());
        spec.assertValid("BadRequestResponse", Http.parse(unknown.body()));
    }
}
