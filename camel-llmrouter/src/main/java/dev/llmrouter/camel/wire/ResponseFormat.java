package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code response_format}: {@code json_schema} (with a schema) or {@code json_object}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResponseFormat(String type, JsonSchema jsonSchema) {

    public static ResponseFormat jsonSchema(String name, JsonNode schema, boolean strict) {
        return new ResponseFormat("json_schema", new JsonSchema(name, schema, strict));
    }

    /** The named schema; {@code strict} asks the provider to follow it exactly. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JsonSchema(String name, JsonNode schema, Boolean strict) {
    }
}
