package dev.llmrouter.camel.wire;

/** An error body: {@code {"error": {...}}}. */
public record ErrorResponse(ErrorDetail error) {
}
