package dev.llmrouter.test.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading and locating specs; uses small specs written to a temporary directory, never the real one. */
class OpenRouterSchemaLoadingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String MINI_SPEC = """
            openapi: '3.1.0'
            info:
              title: 'mini'
              version: '1'
            paths:
              /things:
                get:
                  responses:
                    '200':
                      description: 'ok'
            components:
              schemas:
                Thing:
                  additionalProperties: false
                  example:
                    size: 2
                  properties:
                    size:
                      exclusiveMinimum: true
                      format: 'double'
                      minimum: 0
                      type: 'number'
                    ceiling:
                      exclusiveMaximum: false
                      maximum: 10
                      type: 'integer'
                    kind:
                      enum:
                        - 'a'
                        - null
                      type:
                        - 'string'
                        - 'null'
                      x-speakeasy-ignore: true
                  type: 'object'
            """;

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void openApi30BooleanBoundsAreTranslatedNotDropped(@TempDir Path dir) throws IOException {
        OpenRouterSchema spec = OpenRouterSchema.load(write(dir.resolve("openapi.yaml"), MINI_SPEC));

        assertEquals(List.of(), spec.validate("Thing", json("{\"size\": 0.5, \"ceiling\": 10, \"kind\": null}")));
        // minimum 0 + exclusiveMinimum true means strictly greater than 0
        assertFalse(spec.validate("Thing", json("{\"size\": 0}")).isEmpty());
        // exclusiveMaximum false means the maximum stays inclusive
        assertFalse(spec.validate("Thing", json("{\"ceiling\": 11}")).isEmpty());
        assertEquals(2, spec.repairs().size(), spec.repairs().toString());
        assertTrue(spec.repairs().get(0).contains("/components/schemas/Thing/properties/"), spec.repairs().toString());
    }

    @Test
    void openApiKeywordsAndNullEnumsWork(@TempDir Path dir) throws IOException {
        OpenRouterSchema spec = OpenRouterSchema.load(write(dir.resolve("openapi.yaml"), MINI_SPEC));

        assertFalse(spec.validate("Thing", json("{\"kind\": \"b\"}")).isEmpty());
        List<String> messages = spec.validate("Thing", json("{\"colour\": \"red\"}"));
        assertEquals(1, messages.size(), messages.toString());
        assertTrue(messages.get(0).startsWith("$: ") && messages.get(0).contains("colour"), messages.toString());
    }

    @Test
    void rejectsNonOpenApi31Documents(@TempDir Path dir) throws IOException {
        Path swagger = write(dir.resolve("old.yaml"), MINI_SPEC.replace("openapi: '3.1.0'", "openapi: '3.0.3'"));
        assertThrows(IllegalArgumentException.class, () -> OpenRouterSchema.load(swagger));

        Path noComponents = write(dir.resolve("empty.yaml"), "openapi: '3.1.0'\npaths: {}\n");
        assertThrows(IllegalArgumentException.class, () -> OpenRouterSchema.load(noComponents));
    }

    @Test
    void locatesSpecThroughTheSpecProperty(@TempDir Path dir) throws IOException {
        Path yaml = write(dir.resolve("elsewhere/openapi.yaml"), MINI_SPEC);

        assertEquals(Optional.of(yaml.toAbsolutePath().normalize()),
                OpenRouterSchema.locateSpec(yaml.toString(), dir.resolve("unrelated")));
        // a property that names no file finds nothing: no silent fallback to another copy
        assertEquals(Optional.empty(), OpenRouterSchema.locateSpec(dir.resolve("nowhere.yaml").toString(), dir));
    }

    @Test
    void locatesTheRepositoryCopyFromTheModuleASiblingOrTheRoot(@TempDir Path dir) throws IOException {
        Path yaml = write(dir.resolve("camel-llmrouter-test/src/test/resources/openrouter/openapi.yaml"), MINI_SPEC);
        Path sibling = Files.createDirectories(dir.resolve("camel-llmrouter/target"));

        assertEquals(Optional.of(yaml), OpenRouterSchema.locateSpec(null, dir.resolve("camel-llmrouter-test")));
        assertEquals(Optional.of(yaml), OpenRouterSchema.locateSpec(null, sibling));
        assertEquals(Optional.of(yaml), OpenRouterSchema.locateSpec(null, dir));
    }

    @Test
    void theRepositoryKeepsTheSpec() {
        // what the build uses: the copy in this module's test resources, with nothing beside the checkout
        Path found = OpenRouterSchema.requireSpec();
        assertTrue(found.endsWith(Path.of("camel-llmrouter-test", "src", "test", "resources", "openrouter",
                "openapi.yaml")), found.toString());
    }
}
