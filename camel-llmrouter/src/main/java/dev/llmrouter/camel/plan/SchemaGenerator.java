package dev.llmrouter.camel.plan;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Derives a strict JSON Schema (the subset OpenAI-style structured outputs accept) from a Java class, using the
 * same Jackson view of its properties that later reads the answer back: every property is required and objects
 * allow no other properties. {@link JsonPropertyDescription} becomes {@code description}.
 * <p>
 * Supported: records and beans, strings, enums, booleans, integral and decimal numbers, {@link UUID}, dates and
 * times (as strings), arrays and collections. Maps and recursive types cannot be expressed strictly and are
 * rejected with a message naming the property.
 */
public final class SchemaGenerator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    /** The schema name sent with the class: its simple name, cut to the 64 characters the API allows. */
    public static String schemaName(Class<?> type) {
        String name = type.getSimpleName().isEmpty() ? "response" : type.getSimpleName();
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    public static ObjectNode generate(Class<?> type) {
        ObjectMapper mapper = WireJson.mapper();
        return schema(mapper, mapper.constructType(type), type.getName(), new HashSet<>());
    }

    private static ObjectNode schema(ObjectMapper mapper, JavaType type, String path, Set<Class<?>> seen) {
        Class<?> raw = type.getRawClass();
        ObjectNode node = NODES.objectNode();
        if (raw == String.class || raw == Character.class || raw == char.class || raw == UUID.class
            || Temporal.class.isAssignableFrom(raw) || Date.class.isAssignableFrom(raw)) {
            return node.put("type", "string");
        }
        if (raw.isEnum()) {
            ArrayNode values = node.put("type", "string").putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(mapper.convertValue(constant, String.class));
            }
            return node;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return node.put("type", "boolean");
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
            || raw == Short.class || raw == short.class || raw == Byte.class || raw == byte.class
            || raw == BigInteger.class) {
            return node.put("type", "integer");
        }
        if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class
            || raw == BigDecimal.class || raw == Number.class) {
            return node.put("type", "number");
        }
        if (type.isArrayType() || Collection.class.isAssignableFrom(raw)) {
            node.put("type", "array");
            node.set("items", schema(mapper, type.getContentType(), path + "[]", seen));
            return node;
        }
        if (Map.class.isAssignableFrom(raw) || raw == Object.class) {
            throw new IllegalArgumentException("Cannot derive a strict JSON schema for " + path + " of type "
                                               + type.toCanonical() + ": use a class with named properties");
        }
        if (!seen.add(raw)) {
            throw new IllegalArgumentException("Cannot derive a strict JSON schema for " + path
                                               + ": the type " + raw.getName() + " refers to itself");
        }
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = node.putArray("required");
        BeanDescription description = mapper.getDeserializationConfig().introspect(type);
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (!property.couldDeserialize()) {
                continue;
            }
            ObjectNode child = schema(mapper, property.getPrimaryType(), path + "." + property.getName(), seen);
            String text = describe(property);
            if (text != null) {
                child.put("description", text);
            }
            properties.set(property.getName(), child);
            required.add(property.getName());
        }
        node.put("additionalProperties", false);
        seen.remove(raw);
        return node;
    }

    private static String describe(BeanPropertyDefinition property) {
        for (AnnotatedMember member : new AnnotatedMember[] {
                property.getField(), property.getConstructorParameter(), property.getGetter(), property.getSetter() }) {
            if (member != null) {
                JsonPropertyDescription d = member.getAnnotation(JsonPropertyDescription.class);
                if (d != null) {
                    return d.value();
                }
            }
        }
        return null;
    }
}
