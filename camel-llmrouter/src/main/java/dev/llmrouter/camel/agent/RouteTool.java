package dev.llmrouter.camel.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.Route;
import org.apache.camel.support.EventHelper;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A tool that is a Camel endpoint: each call is a new exchange (nothing of the loop's exchange is copied) whose body
 * is the arguments (JSON text, or an instance of the parameter class) and whose headers name the tool and the
 * call; the body the exchange ends with, as text, is the tool's answer, and an exception on it is a tool failure.
 * The exchange is sent from the tool executor, so a synchronous route (direct:) never runs on a thread that
 * completes HTTP answers. Internal.
 */
public final class RouteTool implements LlmRouterTool {

    /** Header on the tool's exchange: the function name the model called (LlmRouterConstants.TOOL_NAME). */
    public static final String TOOL_NAME = "CamelLlmRouterToolName";
    /** Header on the tool's exchange: the id of the model's tool call (LlmRouterConstants.TOOL_CALL_ID). */
    public static final String TOOL_CALL_ID = "CamelLlmRouterToolCallId";

    /** The parameters of a tool without a schema: any object. */
    static final Map<String, Object> OPEN_OBJECT = Map.of("type", "object", "properties", Map.of());

    private final CamelContext context;
    private final String uri;
    private final String name;
    private final String explicitDescription;
    private final Class<?> parameterClass;
    private final Map<String, Object> parameters;
    private final Executor executor;
    private volatile Endpoint endpoint;
    private volatile AsyncProducer producer;
    private volatile String description;
    private volatile boolean described;

    RouteTool(CamelContext context, LlmRouterToolSpec spec, Executor executor,
              Function<Class<?>, Map<String, Object>> schemas) {
        this.context = context;
        this.uri = spec.uri().trim();
        this.executor = executor;
        this.parameterClass = spec.parameterClass();
        LlmTool annotation = parameterClass == null ? null : parameterClass.getAnnotation(LlmTool.class);
        String n = blankToNull(spec.name());
        if (n == null && annotation != null) {
            n = blankToNull(annotation.name());
        }
        this.name = n != null ? n : nameOf(uri);
        String d = blankToNull(spec.description());
        if (d == null && annotation != null) {
            d = blankToNull(annotation.description());
        }
        this.explicitDescription = d;
        if (parameterClass != null) {
            this.parameters = schemas.apply(parameterClass);
        } else {
            this.parameters = spec.schema() != null ? Map.copyOf(spec.schema()) : OPEN_OBJECT;
        }
    }

    /** The function name of an endpoint URI: its path without the scheme and query, other characters as {@code _}. */
    static String nameOf(String uri) {
        String rest = uri;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            rest = rest.substring(colon + 1);
        }
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        return ToolCatalog.sanitize(rest);
    }

    /** Resolves the endpoint and starts its producer (when the endpoint that uses the tool starts). */
    void start() throws Exception {
        endpoint = context.getEndpoint(uri);
        if (endpoint == null) {
            throw new IllegalArgumentException("Invalid value '" + uri + "' in option tools: no such endpoint");
        }
        AsyncProducer p = endpoint.createAsyncProducer();
        ServiceHelper.startService(p);
        producer = p;
    }

    void stop() {
        ServiceHelper.stopService(producer);
        producer = null;
    }

    public String uri() {
        return uri;
    }

    @Override
    public String name() {
        return name;
    }

    /** The explicit description, else the consuming route's {@code description()}, else null. */
    @Override
    public String description() {
        if (explicitDescription != null) {
            return explicitDescription;
        }
        if (!described) {
            // looked up at the first call: the consuming route may be added after the endpoint that uses the tool
            String found = routeDescription();
            if (found != null || context.getStatus().isStarted()) {
                description = found;
                described = true;
            }
            return found;
        }
        return description;
    }

    private String routeDescription() {
        Endpoint e = endpoint;
        if (e == null) {
            return null;
        }
        for (Route route : context.getRoutes()) {
            Endpoint from = route.getEndpoint();
            if (from != null && (from == e || from.getEndpointKey().equals(e.getEndpointKey()))) {
                String d = blankToNull(route.getDescription());
                return d != null ? d : blankToNull(route.getRouteDescription());
            }
        }
        return null;
    }

    @Override
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** The POJO class route exchanges receive, or null for JSON text. */
    public Class<?> parameterClass() {
        return parameterClass;
    }

    @Override
    public CompletionStage<String> invoke(String arguments, Exchange exchange) {
        return invoke(arguments, exchange, null);
    }

    /** Runs one call; {@code callId} goes into header CamelLlmRouterToolCallId. */
    public CompletionStage<String> invoke(String arguments, Exchange exchange, String callId) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        AsyncProducer p = producer;
        if (p == null) {
            answer.completeExceptionally(new IllegalStateException("tool " + name + " (" + uri + ") is not started"));
            return answer;
        }
        executor.execute(() -> send(p, arguments, exchange, callId, answer));
        return answer;
    }

    private void send(AsyncProducer p, String arguments, Exchange agent, String callId,
                      CompletableFuture<String> answer) {
        try {
            Exchange call = p.getEndpoint().createExchange();
            tracedUnder(agent, call);
            String json = arguments == null || arguments.isBlank() ? "{}" : arguments;
            call.getMessage().setBody(parameterClass == null ? json : WireJson.mapper().readValue(json, parameterClass));
            call.getMessage().setHeader(TOOL_NAME, name);
            call.getMessage().setHeader(TOOL_CALL_ID, callId);
            // as a route's to() does: the sending and sent events let a tracer open the tool call's span (under
            // the agent's, see tracedUnder) and other event notifiers see the call
            Endpoint target = p.getEndpoint();
            boolean notify = EventHelper.notifyExchangeSending(call.getContext(), call, target);
            long sent = notify ? System.nanoTime() : 0;
            p.process(call, doneSync -> {
                if (notify) {
                    EventHelper.notifyExchangeSent(call.getContext(), call, target,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
                }
                if (call.getException() != null) {
                    answer.completeExceptionally(call.getException());
                    return;
                }
                try {
                    String text = call.getMessage().getBody(String.class);
                    answer.complete(text == null ? "" : text);
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (Throwable e) {
            answer.completeExceptionally(e);
        }
    }

    /**
     * The camel-tracing property (camel-opentelemetry, camel-zipkin, ...) and the camel-telemetry one that hold the
     * active span; a tool exchange takes them from the agent's exchange.
     */
    private static final String TELEMETRY_ACTIVE_SPAN = "tracing.activeSpan";

    /**
     * Makes the spans of a tool call children of the agent's span: the tool's exchange gets the agent exchange's
     * active span (and nothing else of it), so that the tracer, when the tool's route starts, opens its span under
     * the span of the llmrouter endpoint that runs the loop. Without tracing there is no such property.
     */
    private static void tracedUnder(Exchange agent, Exchange call) {
        if (agent == null) {
            return;
        }
        Object span = agent.getProperty(ExchangePropertyKey.OTEL_ACTIVE_SPAN);
        if (span != null) {
            call.setProperty(ExchangePropertyKey.OTEL_ACTIVE_SPAN, span);
        }
        Object telemetry = agent.getProperty(TELEMETRY_ACTIVE_SPAN);
        if (telemetry != null) {
            call.setProperty(TELEMETRY_ACTIVE_SPAN, telemetry);
        }
    }

    /** The function definition in OpenAI's tools shape. */
    static Map<String, Object> definition(LlmRouterTool tool) {
        Map<String, Object> function = new LinkedHashMap<>();
        function.put("name", tool.name());
        String d = tool.description();
        if (d != null && !d.isBlank()) {
            function.put("description", d);
        }
        function.put("parameters", tool.parameters() == null ? OPEN_OBJECT : tool.parameters());
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("type", "function");
        def.put("function", function);
        return def;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return "RouteTool[" + name + " -> " + uri + "]";
    }
}
