package dev.llmrouter.camel.routing;

import dev.llmrouter.camel.wire.ChatResponse;

/**
 * Decides whether a served answer is good enough, or the request should move on to the next model of the
 * escalation chain.
 */
@FunctionalInterface
public interface OutputCheck {

    /** @return null to accept the answer, or why it is rejected (shown in the attempts list) */
    String reject(ChatResponse response);
}
