package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A tool call the model asks for: {@code function.arguments} is a JSON string. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(String id, String type, Function function) {

    /** The function name and its JSON-encoded arguments. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Function(String name, String arguments) {
    }
}
