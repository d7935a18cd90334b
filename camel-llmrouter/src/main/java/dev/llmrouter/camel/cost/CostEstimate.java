package dev.llmrouter.camel.cost;

import java.math.BigDecimal;

/**
 * The worst-case cost of one request to one model, broken down. All amounts in USD.
 *
 * @param model            the model the estimate is for
 * @param promptTokens     estimated prompt tokens (safety factor included)
 * @param completionTokens the completion tokens assumed (max_tokens, or the fallback described in
 *                         {@link CostEstimator})
 * @param promptCost       promptTokens × prompt price
 * @param completionCost   completionTokens × the higher of completion and reasoning price
 * @param requestFee       the per-request fee
 * @param webSearchCost    web results × per-result price
 * @param imageCost        images × per-image price
 * @param total            the sum of the parts
 * @param priceKnown       false when the unknown-model worst-case price was used
 */
public record CostEstimate(String model, int promptTokens, int completionTokens, BigDecimal promptCost,
                           BigDecimal completionCost, BigDecimal requestFee, BigDecimal webSearchCost,
                           BigDecimal imageCost, BigDecimal total, boolean priceKnown) {
}
