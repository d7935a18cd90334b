package dev.llmrouter.camel.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.LlmRouterBreakerScope;
import dev.llmrouter.camel.LlmRouterComponent;
import dev.llmrouter.camel.LlmRouterConfiguration;
import dev.llmrouter.camel.LlmRouterDialect;
import dev.llmrouter.camel.LlmRouterEndpoint;
import dev.llmrouter.camel.LlmRouterEscalateOn;
import dev.llmrouter.camel.LlmRouterOperation;
import dev.llmrouter.camel.LlmRouterTarget;
import dev.llmrouter.camel.plan.RequestTemplate;
import dev.llmrouter.camel.producer.LlmRouterBinding;
import dev.llmrouter.camel.protocol.Dialect;
import dev.llmrouter.camel.protocol.Target;
import dev.llmrouter.camel.routing.BreakerScope;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.routing.ChatRouter;
import dev.llmrouter.camel.routing.FallbackOn;
import dev.llmrouter.camel.routing.OutputCheck;
import dev.llmrouter.camel.routing.OutputChecks;
import dev.llmrouter.camel.routing.ResponseCache;
import dev.llmrouter.camel.routing.RetryPolicy;
import dev.llmrouter.camel.routing.RoutingPlan;
import dev.llmrouter.camel.routing.StreamPolicy;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ResponseFormat;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.support.DefaultExchange;

/**
 * Turns an endpoint's resilience options into its {@link ChatRouter}: resolves the named targets, builds the
 * retry policy, the escalation check (compiling the predicate once) and the response cache. Validation happens
 * in {@link #validate}, when the endpoint is created, so that bad options fail there with their names.
 */
public final class RoutingAssembly {

    public static final String DEFAULT_TARGET = "openrouter";

    private RoutingAssembly() {
    }

    /** Checks the options that do not need the registry or the API key. */
    public static void validate(LlmRouterConfiguration c, LlmRouterOperation operation, boolean hasSchema) {
        if (c.getMaxRetries() < 0) {
            throw new IllegalArgumentException("Invalid value for maxRetries: must be 0 or more");
        }
        if (c.getRetryDelay() < 0 || c.getMaxRetryDelay() < 0) {
            throw new IllegalArgumentException("Invalid value for retryDelay or maxRetryDelay: must be 0 or more");
        }
        if (c.getTotalTimeout() < 0) {
            throw new IllegalArgumentException("Invalid value for totalTimeout: must be 0 (no limit) or more");
        }
        if (c.getFirstTokenTimeout() < 0) {
            throw new IllegalArgumentException("Invalid value " + c.getFirstTokenTimeout()
                                               + " for firstTokenTimeout: must be 0 (no limit) or more");
        }
        if (c.getStreamIdleTimeout() < 0) {
            throw new IllegalArgumentException("Invalid value " + c.getStreamIdleTimeout()
                                               + " for streamIdleTimeout: must be 0 (no limit) or more");
        }
        if (c.getTotalTimeout() > 0 && c.getFirstTokenTimeout() > c.getTotalTimeout()) {
            throw new IllegalArgumentException("Invalid value " + c.getFirstTokenTimeout() + " for firstTokenTimeout:"
                                               + " it must not be larger than totalTimeout (" + c.getTotalTimeout()
                                               + " ms)");
        }
        if (recovery(c) != StreamPolicy.Recovery.FAIL && !hasFallback(c)) {
            throw new IllegalArgumentException("streamRecovery=" + c.getStreamRecovery() + " needs a fallback to"
                                               + " rescue the stream with: a second target in option targets, or"
                                               + " option escalateModels");
        }
        if (c.getMaxResponseSize() <= 0) {
            throw new IllegalArgumentException("Invalid value " + c.getMaxResponseSize()
                                               + " for maxResponseSize: must be more than 0 (bytes)");
        }
        FallbackOn.parse(c.getFallbackOn());
        LlmRouterEscalateOn on = escalateOn(c);
        if (on != null) {
            if (on == LlmRouterEscalateOn.schema && !hasSchema) {
                throw new IllegalArgumentException(
                        "escalateOn=schema needs option outputClass or jsonSchema to check the answer against");
            }
            if (on == LlmRouterEscalateOn.predicate && blank(c.getEscalateWhen())) {
                throw new IllegalArgumentException("escalateOn=predicate needs option escalateWhen");
            }
            if (on != LlmRouterEscalateOn.predicate && !blank(c.getEscalateWhen())) {
                throw new IllegalArgumentException("Option escalateWhen needs escalateOn=predicate (or no escalateOn),"
                                                   + " not escalateOn=" + c.getEscalateOn());
            }
        }
        if (c.isStream()) {
            if (operation != LlmRouterOperation.chat) {
                throw new IllegalArgumentException("Option stream applies to operation chat only, not " + operation);
            }
            if (on != null) {
                throw new IllegalArgumentException("Option escalateOn cannot be combined with stream=true: a streamed"
                                                   + " answer is delivered before it could be checked");
            }
            if (c.isCache()) {
                throw new IllegalArgumentException("Option cache cannot be combined with stream=true");
            }
            if (c.getOutputClass() != null && !c.getOutputClass().isBlank()) {
                throw new IllegalArgumentException("Option outputClass cannot be combined with stream=true: the body"
                                                   + " is the stream of text deltas");
            }
        } else if (!blank(c.getStreamTo())) {
            throw new IllegalArgumentException("Option streamTo needs stream=true");
        }
        if (c.getCacheTtl() <= 0 || c.getCacheMaxEntries() <= 0) {
            throw new IllegalArgumentException("Invalid value for cacheTtl or cacheMaxEntries: must be more than 0");
        }
    }

    /** Whether a stream that fails mid-way has somewhere else to go: a second target or an escalation model. */
    static boolean hasFallback(LlmRouterConfiguration c) {
        return split(c.getTargets()).size() > 1 || !split(c.getEscalateModels()).isEmpty();
    }

    /** The endpoint's first-token and stall limits and its stream rescue. */
    static StreamPolicy streamPolicy(LlmRouterConfiguration c) {
        return new StreamPolicy(Duration.ofMillis(c.getFirstTokenTimeout()), Duration.ofMillis(c.getStreamIdleTimeout()),
                recovery(c));
    }

    /** Option streamRecovery; when not set, continue if the stream has a fallback, else fail. */
    private static StreamPolicy.Recovery recovery(LlmRouterConfiguration c) {
        if (c.getStreamRecovery() == null) {
            return hasFallback(c) ? StreamPolicy.Recovery.CONTINUE : StreamPolicy.Recovery.FAIL;
        }
        return switch (c.getStreamRecovery()) {
            case fail -> StreamPolicy.Recovery.FAIL;
            case restart -> StreamPolicy.Recovery.RESTART;
            case continue_ -> StreamPolicy.Recovery.CONTINUE;
        };
    }

    /** Option dialect as the routing layer knows it (null when not set). */
    public static Dialect dialect(LlmRouterDialect dialect) {
        if (dialect == null) {
            return null;
        }
        return switch (dialect) {
            case openrouter -> Dialect.OPENROUTER;
            case openai -> Dialect.OPENAI;
        };
    }

    /** Option breakerScope as the routing layer knows it; null (not set) means the default of each target. */
    private static BreakerScope breakerScope(LlmRouterBreakerScope scope) {
        if (scope == null) {
            return null;
        }
        return switch (scope) {
            case target -> BreakerScope.TARGET;
            case model -> BreakerScope.MODEL;
        };
    }

    /** The escalation check, or null for none; predicate when only escalateWhen is set. */
    private static LlmRouterEscalateOn escalateOn(LlmRouterConfiguration c) {
        if (c.getEscalateOn() != null) {
            return c.getEscalateOn();
        }
        return blank(c.getEscalateWhen()) ? null : LlmRouterEscalateOn.predicate;
    }

    /**
     * The checks that need the registry or a language: the named targets resolve, and escalateWhen compiles. Run
     * when the endpoint is created, so that a typo fails there rather than when the route starts.
     */
    public static void validateNamed(LlmRouterEndpoint endpoint) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        if (endpoint.getOperation() != LlmRouterOperation.chat) {
            return;
        }
        Target placeholder = new Target(DEFAULT_TARGET, URI.create("https://openrouter.ai/api/v1"), null);
        targets(endpoint.getComponent(), c, placeholder);
        if (!blank(c.getEscalateWhen())) {
            compile(endpoint);
        }
    }

    private static Predicate compile(LlmRouterEndpoint endpoint) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        CamelContext context = endpoint.getCamelContext();
        String language = blank(c.getEscalateWhenLanguage()) ? "simple" : c.getEscalateWhenLanguage().trim();
        try {
            Predicate predicate = context.resolveLanguage(language).createPredicate(c.getEscalateWhen());
            predicate.init(context);
            return predicate;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid escalateWhen '" + c.getEscalateWhen() + "' (" + language + "): "
                                               + e.getMessage(), e);
        }
    }

    /** The ordered targets; {@code defaultTarget} stands for {@code openrouter} unless one is defined by that name. */
    public static List<Target> targets(LlmRouterComponent component, LlmRouterConfiguration c, Target defaultTarget) {
        if (blank(c.getTargets())) {
            return List.of(defaultTarget);
        }
        List<Target> out = new ArrayList<>();
        for (String part : c.getTargets().split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            if (out.stream().anyMatch(t -> t.name().equals(name))) {
                throw new IllegalArgumentException("Target '" + name + "' is listed twice in option targets");
            }
            LlmRouterTarget def = component.targetDefinition(name);
            if (def == null) {
                if (!DEFAULT_TARGET.equals(name)) {
                    throw new IllegalArgumentException("Unknown target '" + name + "' in option targets: define it in"
                                                       + " the component's targetDefinitions or bind an LlmRouterTarget"
                                                       + " bean by that name");
                }
                out.add(defaultTarget);
            } else {
                out.add(toTarget(name, def, Duration.ofMillis(c.getRequestTimeout())));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Option targets lists no target");
        }
        return out;
    }

    static Target toTarget(String name, LlmRouterTarget def, Duration endpointTimeout) {
        String what = "target '" + name + "'";
        URI base = baseUri(def.getBaseUrl(), "baseUrl of " + what);
        Dialect dialect = dialect(def.getDialect());
        if (dialect == null) {
            dialect = Target.isOpenRouter(base) ? Dialect.OPENROUTER : Dialect.OPENAI;
        }
        Map<String, String> models = new LinkedHashMap<>(def.getModels() == null ? Map.of() : def.getModels());
        if (!blank(def.getModel())) {
            models.put("*", def.getModel().trim());
        }
        Duration request = def.getRequestTimeout() == null ? endpointTimeout : positive(def.getRequestTimeout(),
                "requestTimeout of " + what);
        Duration connect = def.getConnectTimeout() == null ? null : positive(def.getConnectTimeout(),
                "connectTimeout of " + what);
        String key = blank(def.getApiKey()) ? null : def.getApiKey();
        return new Target(name, base, key, dialect, models, request, connect);
    }

    public static URI baseUri(String text, String option) {
        URI base = null;
        try {
            base = text == null ? null : URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (base == null || base.getHost() == null
            || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
            throw new IllegalArgumentException(
                    "Invalid value '" + text + "' for " + option + ": expected an absolute http(s) URL");
        }
        return base;
    }

    private static Duration positive(long millis, String option) {
        if (millis <= 0) {
            throw new IllegalArgumentException("Invalid value for " + option + ": must be more than 0");
        }
        return Duration.ofMillis(millis);
    }

    public static ChatRouter create(LlmRouterEndpoint endpoint, List<Target> targets, RequestTemplate template,
                             JsonNode schema) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        LlmRouterComponent component = endpoint.getComponent();
        RetryPolicy retry = new RetryPolicy(c.getMaxRetries(), Duration.ofMillis(c.getRetryDelay()),
                Duration.ofMillis(c.getMaxRetryDelay()), FallbackOn.parse(c.getFallbackOn()));
        Map<String, String> headers = new LinkedHashMap<>(template.httpHeaders());
        if (c.isOpenrouterCache()) {
            headers.put("X-OpenRouter-Cache", "true");
        }
        RoutingPlan plan = new RoutingPlan(targets, retry,
                c.getTotalTimeout() > 0 ? Duration.ofMillis(c.getTotalTimeout()) : null,
                split(c.getEscalateModels()), check(endpoint, template, schema),
                c.isCache() ? new ResponseCache(Duration.ofMillis(c.getCacheTtl()), c.getCacheMaxEntries()) : null,
                headers, c.getMaxResponseSize(), breakerScope(c.getBreakerScope()),
                CostAssembly.contextWindows(endpoint, endpoint.client()), streamPolicy(c));
        return new ChatRouter(component.runtime()::transport, plan, component.circuitBreakers(), component.runtime()::schedule,
                task -> component.runtime().completion().execute(task), Clock.systemUTC());
    }

    private static OutputCheck check(LlmRouterEndpoint endpoint, RequestTemplate template, JsonNode schema) {
        LlmRouterEscalateOn on = escalateOn(endpoint.getConfiguration());
        if (on == null) {
            return null;
        }
        OutputCheck check = switch (on) {
            case invalidJson -> OutputChecks.validJson();
            case schema -> OutputChecks.schema(schema != null ? schema : templateSchema(template));
            case predicate -> predicate(endpoint, template);
        };
        if (!endpoint.agentLoop()) {
            return check;
        }
        // in the agent loop a step that asks for tools is not the answer yet: only answers in text are checked
        return response -> {
            ChatResponse.Choice choice = response.firstChoice();
            boolean calls = choice != null && choice.message() != null && choice.message().toolCalls() != null
                            && !choice.message().toolCalls().isEmpty();
            return calls ? null : check.reject(response);
        };
    }

    private static JsonNode templateSchema(RequestTemplate template) {
        ResponseFormat format = template.defaults().responseFormat();
        return format == null || format.jsonSchema() == null ? null : format.jsonSchema().schema();
    }

    /**
     * The escalateWhen predicate, compiled once, evaluated on a scratch exchange that holds the answer exactly as
     * the route would see it (body and headers); an answer that cannot even be mapped is rejected.
     */
    private static OutputCheck predicate(LlmRouterEndpoint endpoint, RequestTemplate template) {
        LlmRouterConfiguration c = endpoint.getConfiguration();
        CamelContext context = endpoint.getCamelContext();
        String language = blank(c.getEscalateWhenLanguage()) ? "simple" : c.getEscalateWhenLanguage().trim();
        Predicate predicate = compile(endpoint);
        String shown = language + ":" + c.getEscalateWhen();
        return response -> {
            Exchange scratch = new DefaultExchange(context);
            try {
                LlmRouterBinding.writeAnswer(scratch.getMessage(), new ChatOutcome(response), template);
            } catch (RuntimeException e) {
                return "the answer cannot be read: " + e.getMessage();
            }
            return predicate.matches(scratch) ? "escalateWhen matched (" + shown + ")" : null;
        };
    }

    static List<String> split(String text) {
        if (blank(text)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
