package dev.llmrouter.camel.wire;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One entry of {@code stop_server_tools_when}: a condition that ends OpenRouter's server-tool loop (any entry
 * firing ends it). Only the field of the entry's {@code type} is set.
 *
 * @param type             {@code max_cost}, {@code step_count_is} or {@code max_tokens_used}
 * @param maxCostInDollars for {@code max_cost}: the cumulative cost in USD that ends the loop
 * @param stepCount        for {@code step_count_is}: the number of steps after which the loop ends
 * @param maxTokens        for {@code max_tokens_used}: the cumulative tokens that end the loop
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StopCondition(String type, BigDecimal maxCostInDollars, Integer stepCount, Integer maxTokens) {

    public static StopCondition maxCost(BigDecimal dollars) {
        return new StopCondition("max_cost", dollars, null, null);
    }

    public static StopCondition stepCount(int steps) {
        return new StopCondition("step_count_is", null, steps, null);
    }

    public static StopCondition maxTokensUsed(int tokens) {
        return new StopCondition("max_tokens_used", null, null, tokens);
    }
}
