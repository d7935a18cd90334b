package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.util.Objects;

import dev.llmrouter.camel.error.CostCeilingExceededException;
import dev.llmrouter.camel.wire.ChatRequest;

/**
 * Refuses a request whose worst-case cost is above {@code maxCostPerRequest} before anything is sent. The estimate
 * covers the request's model and its fallback {@code models} (the highest of them counts).
 */
public final class PreflightCheck {

    private final CostEstimator estimator;
    private final BigDecimal maxCostPerRequest;

    /**
     * @param estimator         computes the worst case
     * @param maxCostPerRequest the ceiling in USD; must not be negative
     */
    public PreflightCheck(CostEstimator estimator, BigDecimal maxCostPerRequest) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        if (maxCostPerRequest == null || maxCostPerRequest.signum() < 0) {
            throw new IllegalArgumentException("maxCostPerRequest must be zero or positive, got " + maxCostPerRequest);
        }
        this.maxCostPerRequest = maxCostPerRequest;
    }

    /**
     * Estimates the request and returns the estimate when it is within the ceiling.
     *
     * @throws CostCeilingExceededException when the estimate is above the ceiling
     */
    public CostEstimate check(ChatRequest request) {
        CostEstimate e = estimator.estimateWorstOf(request);
        requireWithin(e, maxCostPerRequest);
        return e;
    }

    /**
     * Throws when {@code estimate.total()} is above {@code ceiling}; a null ceiling means no ceiling.
     *
     * @throws CostCeilingExceededException when the estimate is above the ceiling
     */
    public static void requireWithin(CostEstimate estimate, BigDecimal ceiling) {
        if (ceiling != null && estimate.total().compareTo(ceiling) > 0) {
            throw new CostCeilingExceededException(estimate.model(), estimate.total(), ceiling);
        }
    }

    /** The configured ceiling in USD. */
    public BigDecimal maxCostPerRequest() {
        return maxCostPerRequest;
    }
}
