package dev.llmrouter.kamelets;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Resource scheme {@code llmrouter-labels:}, as Camel resolves it from the service file. */
class LabelSchemaResolverTest {

    @Test
    void camelResolvesTheSchemeToASchemaThatAllowsOnlyTheLabels() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            String text = new String(ResourceHelper.resolveMandatoryResourceAsInputStream(camel,
                    "llmrouter-labels:billing, shipping,,billing,other ").readAllBytes());
            JsonNode schema = new ObjectMapper().readTree(text);
            assertEquals("object", schema.get("type").asText());
            assertEquals("[\"billing\",\"shipping\",\"other\"]", schema.at("/properties/label/enum").toString());
            assertEquals("string", schema.at("/properties/label/type").asText());
            assertEquals("[\"label\"]", schema.get("required").toString());
            assertEquals(false, schema.get("additionalProperties").asBoolean());
        }
    }

    @Test
    void labelsAreTrimmedDeduplicatedAndKeptInOrder() {
        assertEquals(List.of("b", "a", "c d"), LabelSchemaResolver.labels(" b,a , b,c d,"));
    }

    @Test
    void noLabelIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSchemaResolver.labels(""));
        assertEquals("Invalid labels '': give at least one label, as a comma list", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LabelSchemaResolver.labels(null));
    }
}
