package dev.llmrouter.camel.error;


/**
 * The pricing catalog has no price for a model and the unknown-model policy is {@code REJECT}: a cost estimate,
 * ceiling or budget cannot be computed, so nothing is sent. Not retryable.
 */
public class UnknownModelPriceException extends LlmRouterException {

    private final String model;

    /** @param model the model slug that has no known price */
    public UnknownModelPriceException(String model) {
        super(new ErrorInfo("No price known for model '" + model + "' in the pricing catalog"
                + " (unknownModelPolicy=reject); nothing was sent", 0, "unknown_model_price",
                Usd.metadata("model", String.valueOf(model)), null, null), false);
        this.model = model;
    }

    /** A refusal is a decision, not a crash: no stack trace is taken (it would explain nothing). */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    /** The model slug that has no known price. */
    public String getModel() {
        return model;
    }
}
