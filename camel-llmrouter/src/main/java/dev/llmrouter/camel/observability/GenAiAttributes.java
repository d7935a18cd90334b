package dev.llmrouter.camel.observability;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterToolStep;
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
    public static final String LOOP_ITERATIONS = "llmrouter.loop.iterations";
    public static final String LOOP_STOPPED = "llmrouter.loop.stopped";
    /** The name of the span event each model call of an agent loop adds to the endpoint's span. */
    public static final String LOOP_STEP_EVENT = "llmrouter.loop.step";
    /** A loop step event's attributes: which model call of the loop it was (from 1). */
    public static final String LOOP_ITERATION = "llmrouter.loop.iteration";
    /** A loop step event's attributes: the tools that call asked for, comma-separated, in order. */
    public static final String LOOP_TOOLS = "llmrouter.loop.tools";
    /** A loop step event's attributes: how many of those tools failed. */
    public static final String LOOP_TOOLS_FAILED = "llmrouter.loop.tools_failed";
    public static final String CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";

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
        put(out, LOOP_ITERATIONS, m.getHeader(LlmRouterConstants.TOOL_ITERATIONS, Integer.class));
        put(out, LOOP_STOPPED, m.getHeader(LlmRouterConstants.LOOP_STOPPED, String.class));
        return out;
    }

    /**
     * One span event per model call of an agent loop, in order (empty for a plain call): {@code event} is
     * {@link #LOOP_STEP_EVENT}, with the iteration, the model, the tools it called (names, comma-separated), how
     * many failed, its cost and cached tokens. The tool calls themselves are spans of their own: their routes'
     * spans are children of the endpoint's span.
     */
    public static List<Map<String, String>> loopSteps(Exchange exchange) {
        Object trace = exchange == null ? null : exchange.getMessage().getHeader(LlmRouterConstants.TOOL_TRACE);
        if (!(trace instanceof List<?> steps) || steps.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> out = new ArrayList<>(steps.size());
        for (Object o : steps) {
            if (!(o instanceof LlmRouterToolStep step)) {
                continue;
            }
            Map<String, String> event = new LinkedHashMap<>();
            event.put("event", LOOP_STEP_EVENT);
            event.put(LOOP_ITERATION, String.valueOf(step.iteration()));
            if (step.model() != null) {
                event.put(RESPONSE_MODEL, step.model());
            }
            StringBuilder tools = new StringBuilder();
            int failed = 0;
            for (LlmRouterToolStep.Call c : step.calls()) {
                tools.append(tools.length() == 0 ? "" : ",").append(c.name());
                failed += c.failed() ? 1 : 0;
            }
            event.put(LOOP_TOOLS, tools.toString());
            event.put(LOOP_TOOLS_FAILED, String.valueOf(failed));
            if (step.cost() != null) {
                event.put(COST_USD, step.cost().toPlainString());
            }
            if (step.cachedTokens() != null) {
                event.put(CACHE_READ_INPUT_TOKENS, String.valueOf(step.cachedTokens()));
            }
            out.add(event);
        }
        return out;
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            out.put(key, value);
        }
    }
}
