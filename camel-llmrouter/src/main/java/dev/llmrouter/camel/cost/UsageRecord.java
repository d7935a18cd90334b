package dev.llmrouter.camel.cost;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One served (or refused) call, as written to the usage log. Any field but {@code time} may be null.
 *
 * @param time             when the call ended
 * @param routeId          the Camel route id
 * @param endpoint         the endpoint URI (without secrets)
 * @param model            the model that served; for a refused call, the model the request named
 * @param provider         the provider that served, e.g. {@code DeepInfra}
 * @param target           the configured target name (OpenRouter or another OpenAI-compatible server)
 * @param promptTokens     prompt tokens billed
 * @param completionTokens completion tokens billed
 * @param reasoningTokens  reasoning tokens among the completion tokens
 * @param cachedTokens     prompt tokens read from the cache
 * @param cost             USD charged (reported or computed)
 * @param generationId     the {@code gen-...} id
 * @param budgetKey        the budget's scope key the cost was booked on (a tenant, route id or endpoint); null
 *                         for a global budget (whose scope key is empty) and without a budget
 * @param cacheHit         whether the answer came from a response cache
 * @param outcome          e.g. {@code ok}, {@code error}, {@code refused}
 */
public record UsageRecord(Instant time, String routeId, String endpoint, String model, String provider,
                          String target, Integer promptTokens, Integer completionTokens, Integer reasoningTokens,
                          Integer cachedTokens, BigDecimal cost, String generationId, String budgetKey,
                          boolean cacheHit, String outcome) {

    /** Requires {@code time}. */
    public UsageRecord {
        if (time == null) {
            throw new IllegalArgumentException("UsageRecord.time must not be null");
        }
    }
}
