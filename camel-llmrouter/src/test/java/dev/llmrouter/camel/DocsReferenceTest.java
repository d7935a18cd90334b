package dev.llmrouter.camel;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/component-reference.md lists every option and header of the generated component metadata. */
class DocsReferenceTest {

    @Test
    void referenceListsEveryOptionAndHeader() throws Exception {
        JsonNode spec;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/dev/llmrouter/camel/llmrouter.json")) {
            spec = CamelHarness.JSON.readTree(in);
        }
        String doc = Files.readString(Path.of("..", "docs", "component-reference.md"));
        List<String> missing = new ArrayList<>();
        for (String section : new String[] { "componentProperties", "properties", "headers" }) {
            for (Iterator<String> names = spec.get(section).fieldNames(); names.hasNext();) {
                String name = names.next();
                if (!doc.contains("| `" + name + "` |")) {
                    missing.add(section + "." + name);
                }
            }
        }
        assertTrue(spec.get("properties").size() > 50, "the metadata was read");
        assertEquals(List.of(), missing, "not in docs/component-reference.md (run python3 tools/gen_reference.py)");
    }
}
