package dev.llmrouter.camel.error;

import java.math.BigDecimal;

/**
 * The server answered, but not with a usable completion: empty body, a body that is not JSON, the wrong content
 * type, no choices, or structured output that does not parse into the requested class. In the last case the call
 * was served and billed: {@link #getGenerationId()} and {@link #getCost()} say which call and what it cost.
 */
public class MalformedResponseException extends LlmRouterException {

    private final String generationId;
    private final BigDecimal cost;

    public MalformedResponseException(ErrorInfo info) {
        this(info, null, null);
    }

    public MalformedResponseException(ErrorInfo info, String generationId, BigDecimal cost) {
        super(info, false);
        this.generationId = generationId;
        this.cost = cost;
    }

    /** The generation id of a served but unusable answer, or null. */
    public String getGenerationId() {
        return generationId;
    }

    /** What the served but unusable answer cost in USD, or null when unknown or nothing was served. */
    public BigDecimal getCost() {
        return cost;
    }
}
