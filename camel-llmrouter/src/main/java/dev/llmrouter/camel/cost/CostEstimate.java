package dev.llmrouter.camel.cost;

import java.math.BigDecimal;

/**
 * The worst-case cost of one request to one model, broken down, with the inputs it was computed from. All amounts
 * in USD.
 *
 * @param model            the model the estimate is for
 * @param promptTokens     estimated prompt tokens (safety factor included)
 * @param completionTokens the completion tokens assumed: the bound named by {@code completionBound}
 * @param promptCost       promptTokens × promptPrice
 * @param completionCost   completionTokens × completionPrice
 * @param requestFee       the per-request fee
 * @param webSearchCost    web results × per-result price
 * @param imageCost        images × per-image price
 * @param total            the sum of the parts
 * @param priceKnown       false when the unknown-model worst-case price was used
 * @param promptPrice      USD per prompt token used (the catalog's prompt price)
 * @param completionPrice  USD per completion token used: the higher of the catalog's completion and
 *                         internal-reasoning price
 * @param completionBound  where {@code completionTokens} came from
 */
public record CostEstimate(String model, int promptTokens, int completionTokens, BigDecimal promptCost,
                           BigDecimal completionCost, BigDecimal requestFee, BigDecimal webSearchCost,
                           BigDecimal imageCost, BigDecimal total, boolean priceKnown, BigDecimal promptPrice,
                           BigDecimal completionPrice, CompletionBound completionBound) {

    /** Where the completion tokens of an estimate come from. */
    public enum CompletionBound {
        /** The request's {@code max_tokens}. */
        MAX_TOKENS,
        /** The request's {@code max_completion_tokens} (no {@code max_tokens} set). */
        MAX_COMPLETION_TOKENS,
        /** The model's context window from the catalog less the estimated prompt (neither limit set). */
        CONTEXT_WINDOW,
        /** The estimator's default, as neither limit nor the context window is known. */
        DEFAULT
    }
}
