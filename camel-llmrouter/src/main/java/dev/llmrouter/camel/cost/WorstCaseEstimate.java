package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import dev.llmrouter.camel.wire.ProviderPreferences;

/**
 * The worst case a call was admitted (and its budget reserved) under, with every input it was computed from: the
 * value of header {@code CamelLlmRouterEstimate}. All amounts in USD.
 *
 * @param total       the worst case: the sum of the parts' totals; what the budget reserved (and what header
 *                    {@code CamelLlmRouterEstimatedCost} carries)
 * @param parts       one estimate per model that may be billed: first the costliest of the model and its
 *                    fallbacks, then each escalation model (none when downgraded); each names its model, its
 *                    estimated prompt tokens, its completion-token bound and where that came from, the per-token
 *                    prompt and completion prices, and the request, web search and image fees included
 * @param serverBound the {@code provider.max_price} sent with the request (per million tokens, as OpenRouter takes
 *                    it; the explicit maxPrice* values where set, the estimate's prices elsewhere), or null when
 *                    none was sent
 */
public record WorstCaseEstimate(BigDecimal total, List<CostEstimate> parts,
                                ProviderPreferences.MaxPrice serverBound) {

    public WorstCaseEstimate {
        Objects.requireNonNull(total, "total");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a worst case has at least one part");
        }
    }

    /** The part with the largest total (the first of equals): the model that drives the worst case. */
    public CostEstimate driver() {
        CostEstimate max = parts.get(0);
        for (CostEstimate p : parts) {
            if (p.total().compareTo(max.total()) > 0) {
                max = p;
            }
        }
        return max;
    }

    /** A copy with the server-side bound that was sent. */
    public WorstCaseEstimate withServerBound(ProviderPreferences.MaxPrice bound) {
        return new WorstCaseEstimate(total, parts, bound);
    }
}
