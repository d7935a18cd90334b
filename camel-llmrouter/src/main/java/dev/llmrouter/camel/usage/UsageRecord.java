package dev.llmrouter.camel.usage;

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
 * @param budgetLevels     every budget level the call was booked on (refused: was to be booked on), as
 *                         {@code budget=scopeKey} pairs joined by {@code ;} in the order of option {@code budget}
 *                         (e.g. {@code perTenant=acme;global=}); null without a budget
 */
public record UsageRecord(Instant time, String routeId, String endpoint, String model, String provider,
                          String target, Integer promptTokens, Integer completionTokens, Integer reasoningTokens,
                          Integer cachedTokens, BigDecimal cost, String generationId, String budgetKey,
                          boolean cacheHit, String outcome, String budgetLevels) {

    /** A record without budget levels (as written before budgets could nest). */
    public UsageRecord(Instant time, String routeId, String endpoint, String model, String provider, String target,
                       Integer promptTokens, Integer completionTokens, Integer reasoningTokens, Integer cachedTokens,
                       BigDecimal cost, String generationId, String budgetKey, boolean cacheHit, String outcome) {
        this(time, routeId, endpoint, model, provider, target, promptTokens, completionTokens, reasoningTokens,
                cachedTokens, cost, generationId, budgetKey, cacheHit, outcome, null);
    }

    /** Requires {@code time}. */
    public UsageRecord {
        if (time == null) {
            throw new IllegalArgumentException("UsageRecord.time must not be null");
        }
    }
}
