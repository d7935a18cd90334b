package dev.llmrouter.camel.routing;

import java.math.BigDecimal;
import java.util.List;

import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.wire.ChatResponse;

/**
 * A successful chat call.
 *
 * @param response     the accepted answer (it has at least one choice and no error)
 * @param attempts     every attempt, the accepted one last
 * @param totalCost    the sum of the reported costs of every attempt (rejected answers are billed too); zero for
 *                     the cached answer itself (so zero for a plain cache hit); null when no attempt reported a cost
 * @param target       the name of the target that served
 * @param cacheHit     whether the answer came from the response cache
 * @param serverCache  OpenRouter's {@code X-OpenRouter-Cache-Status} answer header (HIT or MISS), or null
 */
public record ChatOutcome(ChatResponse response, List<Attempt> attempts, BigDecimal totalCost, String target,
                          boolean cacheHit, String serverCache) {

    /** An outcome of a single attempt (for callers that do not route). */
    public ChatOutcome(ChatResponse response) {
        this(response, List.of(), response.usage() == null ? null : response.usage().cost(), null, false, null);
    }
}
