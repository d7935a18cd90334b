package dev.llmrouter.camel.routing;

import dev.llmrouter.camel.wire.ChatResponse;

/**
 * A successful chat call.
 *
 * @param response      the parsed answer (it has at least one choice and no error)
 * @param target        the target that answered
 * @param durationNanos time from sending to the parsed answer
 */
public record ChatOutcome(ChatResponse response, String target, long durationNanos) {
}
