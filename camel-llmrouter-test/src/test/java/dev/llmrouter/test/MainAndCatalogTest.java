package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainAndCatalogTest {

    @Test
    void mainPrintsExactlyOneListeningLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OpenRouterEmulator emulator = OpenRouterEmulatorMain.launch(new String[] {"0"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertEquals("OpenRouter emulator listening on " + emulator.baseUrl() + System.lineSeparator(), out);
            assertTrue(emulator.baseUrl().matches("http://127\\.0\\.0\\.1:\\d+/api/v1"));
            assertEquals(200, new Http(emulator).get("/models").statusCode());
        } finally {
            emulator.stop();
        }
    }

    @Test
    void mainReadsACatalogFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("catalog.json");
        EmulatorCatalog one = EmulatorCatalog.of(new EmulatorModel("acme/one", "One", 1000,
                List.of(EmulatorProvider.of("Acme", "0.000002", "0.000004"))));
        Files.writeString(file, one.toJson());
        OpenRouterEmulator emulator = OpenRouterEmulatorMain.launch(new String[] {"--catalog", file.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            JsonNode data = Http.parse(new Http(emulator).get("/models").body()).get("data");
            assertEquals(1, data.size());
            assertEquals("0.000004", data.get(0).get("pricing").get("completion").asText());
        } finally {
            emulator.stop();
        }
        assertThrows(IllegalArgumentException.class,
                () -> OpenRouterEmulatorMain.launch(new String[] {"not-a-port"}, System.out));
    }

    @Test
    void defaultCatalogHasTheDocumentedModels() {
        EmulatorCatalog c = EmulatorCatalog.defaults();
        assertEquals(List.of("Anthropic", "Amazon Bedrock", "Google Vertex"),
                c.model("anthropic/claude-haiku-4.5").orElseThrow().providers().stream()
                        .map(EmulatorProvider::name).toList());
        EmulatorModel llama = c.model("meta-llama/llama-3.3-70b-instruct").orElseThrow();
        assertEquals("fp16", llama.provider("groq").orElseThrow().quantization());
        assertTrue(llama.provider("DeepInfra").orElseThrow().collectsData());
        assertEquals(3, llama.providers().stream().map(EmulatorProvider::promptPrice).distinct().count());
        assertTrue(c.model("mistralai/mistral-small-3.2-24b-instruct:free").isPresent());
        assertTrue(c.model("openai/text-embedding-3-small").orElseThrow().embeddings());
        assertTrue(c.model("openai/gpt-4o-mini").isPresent());
        assertTrue(c.model("anthropic/claude-sonnet-4.5").isPresent());
        assertTrue(c.model("deepseek/deepseek-r1").orElseThrow().reasoning());
        assertFalse(c.model("openai/gpt-4o-mini").orElseThrow().reasoning());
    }

    @Test
    void reasoningModelsListTheirReasoningSettings() {
        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            JsonNode data = Http.parse(new Http(emulator).get("/models").body()).get("data");
            for (JsonNode m : data) {
                boolean reasoning = "deepseek/deepseek-r1".equals(m.get("id").asText());
                assertEquals(reasoning, m.has("reasoning"), m.get("id").asText());
                if (reasoning) {
                    assertTrue(m.at("/reasoning/mandatory").asBoolean());
                    assertTrue(m.get("supported_parameters").toString().contains("\"reasoning\""));
                }
            }
        }
    }

    @Test
    void catalogJsonRoundTripAndWith() {
        EmulatorCatalog c = EmulatorCatalog.defaults();
        EmulatorCatalog back = EmulatorCatalog.fromJson(
                new ByteArrayInputStream(c.toJson().getBytes(StandardCharsets.UTF_8)));
        assertEquals(c.models().stream().map(MainAndCatalogTest::normalized).toList(),
                back.models().stream().map(MainAndCatalogTest::normalized).toList());

        EmulatorModel extra = new EmulatorModel("acme/x", "X", 10, List.of(EmulatorProvider.of("A", "1", "2")));
        int before = c.models().size();
        EmulatorCatalog more = c.with(extra);
        assertEquals(before + 1, more.models().size());
        assertEquals(before, c.models().size()); // catalogs are immutable
        EmulatorModel replaced = new EmulatorModel("acme/x", "X2", 10, List.of());
        assertEquals("X2", more.with(replaced).model("acme/x").orElseThrow().name());
        assertEquals(c.models().size(), more.without("acme/x").models().size());
        assertThrows(IllegalArgumentException.class, () -> EmulatorCatalog.fromJson(
                new ByteArrayInputStream("{\"nope\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    /** Same model with prices compared by value (1E-6 vs 0.000001). */
    private static String normalized(EmulatorModel m) {
        StringBuilder sb = new StringBuilder(m.id() + "|" + m.name() + "|" + m.contextLength() + "|" + m.reasoning());
        for (EmulatorProvider p : m.providers()) {
            sb.append('|').append(p.name());
            for (BigDecimal price : List.of(p.promptPrice(), p.completionPrice(), p.requestPrice(), p.imagePrice(),
                    p.webSearchPrice())) {
                sb.append(',').append(price.stripTrailingZeros().toPlainString());
            }
            sb.append(',').append(p.zdr()).append(',').append(p.collectsData()).append(',').append(p.quantization());
        }
        return sb.toString();
    }
}
