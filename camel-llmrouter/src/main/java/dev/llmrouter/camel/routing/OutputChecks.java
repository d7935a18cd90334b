package dev.llmrouter.camel.routing;

import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.WireJson;

/** The escalation checks that need nothing but the answer: valid JSON, and JSON that follows a schema. */
public final class OutputChecks {

    private OutputChecks() {
    }

    /** Rejects an answer whose content is empty or not JSON. */
    public static OutputCheck validJson() {
        return response -> {
            String content = content(response);
            if (content == null || content.isBlank()) {
                return "the answer has no content";
            }
            return parse(content) == null ? "the answer is not valid JSON" : null;
        };
    }

    /** Rejects an answer whose content is not JSON that validates against {@code schema} (compiled once here). */
    public static OutputCheck schema(JsonNode schema) {
        JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        return response -> {
            String content = content(response);
            if (content == null || content.isBlank()) {
                return "the answer has no content";
            }
            JsonNode node = parse(content);
            if (node == null) {
                return "the answer is not valid JSON";
            }
            Set<ValidationMessage> errors = compiled.validate(node);
            if (errors.isEmpty()) {
                return null;
            }
            return "the answer does not follow the schema: " + errors.stream().limit(3)
                    .map(ValidationMessage::getMessage).collect(Collectors.joining("; "));
        };
    }

    private static String content(ChatResponse response) {
        ChatResponse.Choice choice = response.firstChoice();
        return choice == null || choice.message() == null ? null : choice.message().content();
    }

    private static JsonNode parse(String content) {
        try {
            return WireJson.mapper().readTree(content);
        } catch (Exception e) {
            return null;
        }
    }
}
