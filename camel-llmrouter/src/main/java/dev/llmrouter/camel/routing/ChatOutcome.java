package dev.llmrouter.camel.routing;

import dev.llmrouter.camel.wire.ChatResponse;

/**
 * A successful chat call.
 *
 * @param response the parsed answer (it has at least one choice and no error)
 */
public record ChatOutcome(ChatResponse response) {
}
