package dev.llmrouter.camel;

import java.math.BigDecimal;
import java.util.List;

/**
 * One model call of an agent loop, as header {@code CamelLlmRouterToolTrace} lists them in order.
 *
 * @param iteration    1 for the loop's first model call, 2 for the next, ...
 * @param model        the model that answered
 * @param calls        the tool calls of its answer that the loop ran, in the model's order (empty for the final
 *                     answer)
 * @param cost         what the call was billed, in USD, or null when unknown
 * @param cachedTokens the prompt tokens served from the provider's cache, or null when not reported
 */
public record LlmRouterToolStep(int iteration, String model, List<Call> calls, BigDecimal cost,
                                Integer cachedTokens) {

    public LlmRouterToolStep {
        calls = List.copyOf(calls);
    }

    /**
     * One tool call the loop ran.
     *
     * @param name        the function name the model called
     * @param id          the model's tool call id (the tool message's tool_call_id)
     * @param resultChars the length of the tool message sent back, in characters
     * @param failed      whether the tool failed (or was unknown) and the message is the error text
     */
    public record Call(String name, String id, int resultChars, boolean failed) {
    }
}
