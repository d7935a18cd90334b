package dev.llmrouter.test;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Builds the smallest deterministic instance of a JSON schema: strings {@code "sample"}, integers 0,
 * numbers 0.0, booleans false, the first enum value or the const, arrays of one item, every object property
 * filled. Follows local {@code $ref}s ({@code #/$defs/..}, {@code #/definitions/..}), takes the first branch of
 * {@code anyOf}/{@code oneOf} and merges {@code allOf}.
 */
final class SchemaSampler {

    private static final int MAX_DEPTH = 24;

    private final JsonNode rootSchema;

    private SchemaSampler(JsonNode rootSchema) {
        this.rootSchema = rootSchema;
    }

    static JsonNode sample(JsonNode schema) {
        return new SchemaSampler(schema).instance(schema, 0);
    }

    private JsonNode instance(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return NullNode.getInstance();
        }
        if (schema.has("$ref")) {
            return instance(resolve(schema.get("$ref").asText()), depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const").deepCopy();
        }
        JsonNode enumValues = schema.get("enum");
        if (enumValues != null && enumValues.isArray() && enumValues.size() > 0) {
            return enumValues.get(0).deepCopy();
        }
        for (String branch : new String[] {"anyOf", "oneOf"}) {
            JsonNode options = schema.get(branch);
            if (options != null && options.isArray() && options.size() > 0) {
                return instance(firstNonNull(options), depth + 1);
            }
        }
        if (schema.has("allOf")) {
            return allOf(schema, depth);
        }
        switch (type(schema)) {
            case "object": return object(schema, depth);
            case "array": return array(schema, depth);
            case "integer": return Json.MAPPER.getNodeFactory().numberNode(0);
            case "number": return DoubleNode.valueOf(0.0);
            case "boolean": return Json.MAPPER.getNodeFactory().booleanNode(false);
            case "null": return NullNode.getInstance();
            default: return TextNode.valueOf("sample");
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isTextual()) {
            return type.asText();
        }
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items") || schema.has("prefixItems")) {
            return "array";
        }
        return "string";
    }

    private static JsonNode firstNonNull(JsonNode options) {
        for (JsonNode option : options) {
            if (!"null".equals(option.path("type").asText())) {
                return option;
            }
        }
        return options.get(0);
    }

    private JsonNode object(JsonNode schema, int depth) {
        ObjectNode out = Json.object();
        Iterator<Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.set(field.getKey(), instance(field.getValue(), depth + 1));
        }
        return out;
    }

    private JsonNode array(JsonNode schema, int depth) {
        ArrayNode out = Json.array();
        JsonNode prefix = schema.get("prefixItems");
        if (prefix != null && prefix.isArray() && prefix.size() > 0) {
            out.add(instance(prefix.get(0), depth + 1));
        } else {
            out.add(instance(schema.get("items"), depth + 1));
        }
        return out;
    }

    private JsonNode allOf(JsonNode schema, int depth) {
        ObjectNode merged = Json.object();
        for (JsonNode part : schema.get("allOf")) {
            JsonNode value = instance(part, depth + 1);
            if (!value.isObject()) {
                return value;
            }
            merged.setAll((ObjectNode) value);
        }
        JsonNode own = schema.deepCopy();
        ((ObjectNode) own).remove("allOf");
        if (own.has("properties")) {
            merged.setAll((ObjectNode) object(own, depth));
        }
        return merged;
    }

    private JsonNode resolve(String ref) {
        if (ref == null || !ref.startsWith("#")) {
            return null;
        }
        JsonNode node = rootSchema;
        for (String token : ref.substring(1).split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            node = node.path(token.replace("~1", "/").replace("~0", "~"));
        }
        return node.isMissingNode() ? null : node;
    }
}
