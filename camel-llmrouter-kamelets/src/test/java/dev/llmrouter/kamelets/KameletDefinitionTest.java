package dev.llmrouter.kamelets;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kamelet files as the build packages them: the shape Camel's catalog and Kaoto read, every property used by the
 * template and documented in docs/kamelets.md, and the Maven coordinates filtered to this build's version.
 */
class KameletDefinitionTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z]+)}}");

    private static JsonNode load(String name) throws Exception {
        try (InputStream in = KameletDefinitionTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertNotNull(in, name + " is not on the classpath under kamelets/");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llmrouter-action", "llmrouter-classify-action"})
    void theKameletIsAnActionWhosePropertiesAreUsedAndDocumented(String name) throws Exception {
        JsonNode kamelet = load(name);
        assertEquals("camel.apache.org/v1", kamelet.get("apiVersion").asText());
        assertEquals("Kamelet", kamelet.get("kind").asText());
        assertEquals(name, kamelet.at("/metadata/name").asText());
        assertEquals("action", kamelet.at("/metadata/labels/camel.apache.org~1kamelet.type").asText());
        assertEquals("kamelet:source", kamelet.at("/spec/template/from/uri").asText());

        JsonNode definition = kamelet.at("/spec/definition");
        assertFalse(definition.get("title").asText().isBlank());
        assertFalse(definition.get("description").asText().isBlank());
        Set<String> declared = new TreeSet<>();
        definition.get("properties").fieldNames().forEachRemaining(declared::add);
        definition.get("properties").forEach(p -> {
            assertFalse(p.get("title").asText().isBlank());
            assertFalse(p.get("description").asText().isBlank());
        });
        // the key is a secret for Kaoto and the operators' UIs
        JsonNode apiKey = definition.at("/properties/apiKey");
        assertEquals("password", apiKey.get("format").asText());
        assertTrue(apiKey.get("x-descriptors").toString().contains("urn:alm:descriptor:com.tectonic.ui:password"));

        // every placeholder of the template names a declared property, and every property is used
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(kamelet.at("/spec/template").toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        assertEquals(declared, used);
        // required properties are plain placeholders, the others optional ones unless they have a default
        List<String> required = new ArrayList<>();
        definition.get("required").forEach(r -> required.add(r.asText()));
        String template = kamelet.at("/spec/template").toString();
        for (String property : declared) {
            boolean optional = template.contains("{{?" + property + "}}");
            boolean hasDefault = definition.at("/properties/" + property).has("default");
            assertEquals(!required.contains(property) && !hasDefault, optional, property);
        }

        // the Maven coordinates carry this build's version (resource filtering), not the token
        String version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
        String dependencies = kamelet.at("/spec/dependencies").toString();
        assertTrue(dependencies.contains(":" + version + "\""), dependencies);
        assertFalse(kamelet.toString().contains("@project.version@"));

        // docs/kamelets.md has a table of exactly these properties, the required ones marked
        Map<String, Boolean> documented = documentedProperties(name);
        assertEquals(declared, new TreeSet<>(documented.keySet()), "docs/kamelets.md table of " + name);
        documented.forEach((property, req) -> assertEquals(required.contains(property), req, property));
    }

    /** Property name to required, from the table under the heading {@code ## <name>} of docs/kamelets.md. */
    private static Map<String, Boolean> documentedProperties(String name) throws Exception {
        Map<String, Boolean> out = new LinkedHashMap<>();
        boolean in = false;
        for (String line : Files.readAllLines(Path.of("..", "docs", "kamelets.md"))) {
            if (line.startsWith("## ")) {
                in = line.equals("## " + name);
            } else if (in && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                out.put(cells[1].strip().replace("`", ""), cells[3].strip().equals("yes"));
            }
        }
        return out;
    }
}
