package dev.llmrouter.camel.routing;

import java.util.OptionalInt;

import dev.llmrouter.camel.wire.ChatRequest;

/**
 * What routing needs to know about context windows to move on after a {@code context_length_exceeded}: each
 * model's window (from the pricing catalog, when the endpoint has one) and how many tokens a request needs. Kept
 * as a small interface so that routing does not depend on cost governance.
 */
public interface ContextWindows {

    /** Windows that are never known: after a context-length failure every next model is tried. */
    ContextWindows UNKNOWN = new ContextWindows() {
        @Override
        public OptionalInt contextLength(String model) {
            return OptionalInt.empty();
        }

        @Override
        public int tokens(String model, ChatRequest request) {
            return 0;
        }
    };

    /** The model's context window in tokens, or empty when unknown. */
    OptionalInt contextLength(String model);

    /** The tokens {@code request} needs on {@code model}: its estimated prompt plus {@code max_tokens} when set. */
    int tokens(String model, ChatRequest request);
}
