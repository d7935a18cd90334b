package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * The worst-case cost estimate of a request is above the configured per-request ceiling
 * ({@code maxCostPerRequest}); the request was refused before sending. Not retryable.
 */
public class CostCeilingExceededException extends LlmRouterException {

    private final String model;
    private final BigDecimal estimate;
    private final BigDecimal ceiling;

    /**
     * @param model    the model the estimate was made for
     * @param estimate the worst-case estimate in USD
     * @param ceiling  the {@code maxCostPerRequest} value in USD
     */
    public CostCeilingExceededException(String model, BigDecimal estimate, BigDecimal ceiling) {
        super(new ErrorInfo("Estimated worst-case cost " + Usd.format(estimate) + " for model '" + model
                + "' exceeds maxCostPerRequest " + Usd.format(ceiling) + "; nothing was sent", 0,
                "cost_ceiling_exceeded", Usd.metadata("model", String.valueOf(model),
                        "estimate", String.valueOf(estimate), "ceiling", String.valueOf(ceiling)), null, null), false);
        this.model = model;
        this.estimate = estimate;
        this.ceiling = ceiling;
    }

    /** The model the estimate was made for. */
    public String getModel() {
        return model;
    }

    /** The worst-case estimate in USD. */
    public BigDecimal getEstimate() {
        return estimate;
    }

    /** The ceiling in USD. */
    public BigDecimal getCeiling() {
        return ceiling;
    }
}
