package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterEndpoint;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The OpenTelemetry GenAI span attributes of an {@code llmrouter} exchange, shared by the span decorators of
 * camel-tracing and camel-telemetry (and free of their types, so either works without the other).
 */
public final class GenAiAttributes {

    public static final String SYSTEM = "gen_ai.system";
    public static final String OPERATION_NAME = "gen_ai.operation.name";
    public static final String REQUEST_MODEL = "gen_ai.request.model";
    public static final String RESPONSE_MODEL = "gen_ai.response.model";
    public static final String RESPONSE_ID = "gen_ai.response.id";
    public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";
    public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
    public static final String COST_USD = "llmrouter.cost_usd";
    public static final String PROVIDER = "llmrouter.provider";
    public static final String TARGET = "llmrouter.target";

    private GenAiAttributes() {
    }

    /** What is known before the call: system, operation and requested model. */
    public static Map<String, Object> request(Exchange exchange, Endpoint endpoint) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(SYSTEM, "openrouter");
        String model = exchange == null ? null : exchange.getMessage().getHeader(LlmRouterConstants.MODEL, String.class);
        if (endpoint instanceof LlmRouterEndpoint e) {
            out.put(OPERATION_NAME, e.getOperation().name());
            if (model == null || model.isBlank()) {
                model = e.getConfiguration().getModel();
            }
        }
        if (model != null && !model.isBlank()) {
            out.put(REQUEST_MODEL, model);
        }
        return out;
    }

    /** What the answer says: served model, generation id, token counts, cost, provider and target. */
    public static Map<String, Object> response(Exchange exchange) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (exchange == null) {
            return out;
        }
        Message m = exchange.getMessage();
        put(out, RESPONSE_MODEL, m.getHeader(LlmRouterConstants.RESPONSE_MODEL, String.class));
        put(out, RESPONSE_ID, m.getHeader(LlmRouterConstants.GENERATION_ID, String.class));
        put(out, INPUT_TOKENS, m.getHeader(LlmRouterConstants.PROMPT_TOKENS, Integer.class));
        put(out, OUTPUT_TOKENS, m.getHeader(LlmRouterConstants.COMPLETION_TOKENS, Integer.class));
        put(out, COST_USD, m.getHeader(LlmRouterConstants.COST, BigDecimal.class));
        put(out, PROVIDER, m.getHeader(LlmRouterConstants.RESPONSE_PROVIDER, String.class));
        put(out, TARGET, m.getHeader(LlmRouterConstants.TARGET, String.class));
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            out.put(key, value);
        }
    }
}
