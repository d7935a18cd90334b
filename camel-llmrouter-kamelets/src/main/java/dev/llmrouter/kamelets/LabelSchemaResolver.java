package dev.llmrouter.kamelets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.ResourceResolverSupport;

/**
 * Resource scheme {@code llmrouter-labels:}: the location {@code llmrouter-labels:billing,shipping,other} reads as a
 * JSON Schema for an object with one required property {@code label} whose value must be one of the listed labels.
 * The classify Kamelet hands it to the component's {@code jsonSchema} option, so that a comma list typed into a
 * Kamelet property becomes a strict structured-output schema without a schema file.
 * <p>
 * Camel finds this resolver by its scheme through
 * {@code META-INF/services/org/apache/camel/resource-resolver/llmrouter-labels}.
 */
public class LabelSchemaResolver extends ResourceResolverSupport {

    /** The scheme this resolver serves. */
    public static final String SCHEME = "llmrouter-labels";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Creates the resolver (Camel instantiates it on the first location with its scheme). */
    public LabelSchemaResolver() {
        super(SCHEME);
    }

    @Override
    protected Resource createResource(String location, String remaining) {
        return ResourceHelper.fromString(location, schema(labels(remaining)));
    }

    /**
     * The labels of a comma list: trimmed, blanks dropped, duplicates removed, order kept.
     *
     * @throws IllegalArgumentException when no label is left
     */
    public static List<String> labels(String commaList) {
        Set<String> labels = new LinkedHashSet<>();
        if (commaList != null) {
            for (String label : commaList.split(",")) {
                if (!label.isBlank()) {
                    labels.add(label.strip());
                }
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("Invalid labels '" + commaList + "': give at least one label, as a comma list");
        }
        return new ArrayList<>(labels);
    }

    /** The JSON Schema text that allows exactly one of {@code labels} as property {@code label}. */
    public static String schema(List<String> labels) {
        ObjectNode schema = MAPPER.createObjectNode();
        schema.put("type", "object");
        ObjectNode label = schema.putObject("properties").putObject("label");
        label.put("type", "string");
        label.put("description", "The one label that fits the text best");
        ArrayNode allowed = label.putArray("enum");
        labels.forEach(allowed::add);
        schema.putArray("required").add("label");
        schema.put("additionalProperties", false);
        try {
            return MAPPER.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
