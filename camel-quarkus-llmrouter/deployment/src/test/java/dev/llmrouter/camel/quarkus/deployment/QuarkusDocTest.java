package dev.llmrouter.camel.quarkus.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The {@code application.properties} of docs/quarkus.md is the one {@link LlmRouterRouteTest} runs with. */
class QuarkusDocTest {

    @Test
    void docPropertiesBlockIsTheRouteTestConfiguration() throws IOException {
        Path doc = Path.of("../../docs/quarkus.md");
        List<String> block = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(doc, StandardCharsets.UTF_8)) {
            if (!in && line.strip().equals("```properties")) {
                in = true;
            } else if (in && line.strip().equals("```")) {
                break;
            } else if (in) {
                block.add(line);
            }
        }
        assertFalse(block.isEmpty(), "a ```properties block in " + doc);
        List<String> tested = new ArrayList<>();
        try (var in2 = QuarkusDocTest.class.getResourceAsStream("/route-test.properties")) {
            for (String line : new String(in2.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    tested.add(line);
                }
            }
        }
        assertEquals(tested, block);
    }
}
