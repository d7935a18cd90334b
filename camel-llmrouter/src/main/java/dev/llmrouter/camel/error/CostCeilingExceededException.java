package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * The worst-case cost estimate of a request is above the configured per-request ceiling
 * ({@code maxCostPerRequest}); the request was refused before sending. Not retryable. The message names the model
 * whose part of the estimate is largest (with {@code escalateModels} that may be an escalation model rather than
 * the one asked first), the term that drives it, and what to set.
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
        this(model, estimate, ceiling, null);
    }

    /**
     * @param model       the model whose part of the estimate is largest
     * @param estimate    the worst-case estimate in USD
     * @param ceiling     the {@code maxCostPerRequest} value in USD
     * @param explanation what drives the estimate and what to set, appended to the message; may be null
     */
    public CostCeilingExceededException(String model, BigDecimal estimate, BigDecimal ceiling, String explanation) {
        super(new ErrorInfo("Estimated worst-case cost " + Usd.format(estimate) + " exceeds maxCostPerRequest "
                + Usd.format(ceiling) + "; nothing was sent. "
                + (explanation == null ? "Model '" + model + "' drives the estimate." : explanation), 0,
                "cost_ceiling_exceeded", Usd.metadata("model", model, "estimate", estimate, "ceiling", ceiling),
                null, null), false);
        this.model = model;
        this.estimate = estimate;
        this.ceiling = ceiling;
    }

    /** A refusal is a decision, not a crash: no stack trace is taken (it would explain nothing). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The model whose part of the worst-case estimate is largest. */
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
