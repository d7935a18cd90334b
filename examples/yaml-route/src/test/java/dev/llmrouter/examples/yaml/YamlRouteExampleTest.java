package dev.llmrouter.examples.yaml;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.llmrouter.camel.cost.UsageReport;
import dev.llmrouter.test.OpenRouterEmulator;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlRouteExampleTest {

    @Test
    void theYamlRouteLabelsEveryLineWithTheOptionsOfApplicationProperties() throws Exception {
        Path outputDir = Path.of("target", "yaml-route-test");
        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            YamlRouteApp.teach(emulator);
            Main main = new Main();
            // the only change to application.properties: the emulator instead of OpenRouter
            main.addOverrideProperty("camel.component.llmrouter.base-url", emulator.baseUrl());
            main.addOverrideProperty("camel.component.llmrouter.api-key", "test-key");
            Path labels = YamlRouteApp.prepare(main, outputDir);
            main.run();

            List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
            assertEquals(5, lines.size(), String.join("\n", lines));
            List<String> expected = List.of("billing", "shipping", "account", "technical", "other");
            for (int i = 0; i < lines.size(); i++) {
                String[] cells = lines.get(i).split(" \\| ");
                assertEquals(expected.get(i), cells[0], lines.get(i));
                assertEquals("openai/gpt-4o-mini", cells[1], lines.get(i)); // model from application.properties
                assertTrue(cells[2].startsWith("$0.0"), lines.get(i));
            }
            // options from application.properties reached the request
            var body = emulator.chatRequests().get(0).body();
            assertTrue(body.contains("\"max_tokens\":10") && body.contains("anthropic/claude-haiku-4.5")
                       && body.contains("Answer with one word"), body);
            assertEquals(5, UsageReport.fromCsv(outputDir.resolve("usage.csv")).byModel().get(0).calls());
        }
    }
}
