package dev.llmrouter.camel;

/**
 * What the agent loop does when its next model call would pass a cap (maxToolIterations, maxLoopCost,
 * maxLoopTokens, maxLoopDuration) or the budget refuses it (option {@code loopStop}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code loopStop=fail}; a value is read ignoring case,
 * {@code -} and {@code _}.
 */
public enum LlmRouterLoopStop {

    /**
     * The model is asked once more for a final answer without tools (tool_choice none), its max_tokens lowered to
     * what is left of maxLoopCost and maxLoopTokens; when even that cannot fit, the exchange fails with a
     * LoopLimitException.
     */
    finalAnswer,

    /** The exchange fails with a LoopLimitException; the message keeps its body. */
    fail;
}
