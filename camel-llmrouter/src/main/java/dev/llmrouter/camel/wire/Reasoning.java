package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code reasoning}: effort ({@code max|xhigh|high|medium|low|minimal|none}), a token budget, and exclusion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Reasoning(String effort, Integer maxTokens, Boolean exclude, Boolean enabled) {
}
