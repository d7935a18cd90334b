package dev.llmrouter.camel.protocol;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A server that answers OpenAI-style requests: OpenRouter by default, or any OpenAI-compatible server.
 *
 * @param name           a short name used in messages, headers and circuit breaker names
 * @param baseUri        the API root, e.g. {@code https://openrouter.ai/api/v1}
 * @param apiKey         the bearer token, or null to send none; never printed
 * @param dialect        which request fields the server understands
 * @param models         model mapping: requested model to this server's model name; key {@code *} maps every
 *                       model not listed. Empty means models are sent as they are; a non-empty mapping without
 *                       the requested model (and without {@code *}) means this target cannot serve it
 * @param requestTimeout the wait for the answer's first byte (and between bytes), or null for the endpoint's
 * @param connectTimeout the connect timeout, or null for the component's
 */
public record Target(String name, URI baseUri, String apiKey, Dialect dialect, Map<String, String> models,
                     Duration requestTimeout, Duration connectTimeout) {

    public Target {
        models = models == null ? Map.of() : Map.copyOf(models);
        dialect = dialect == null ? Dialect.OPENROUTER : dialect;
    }

    /** A target with the default dialect, no model mapping and default timeouts. */
    public Target(String name, URI baseUri, String apiKey) {
        this(name, baseUri, apiKey, Dialect.OPENROUTER, Map.of(), null, null);
    }

    public URI resolve(String path) {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    /**
     * The headers of every call to this target: {@code Accept}, the {@code openRouterHeaders} (attribution, cache)
     * when the target speaks OpenRouter's dialect, and the API key. Computed once per endpoint, never per call.
     */
    public Map<String, String> headers(String accept, Map<String, String> openRouterHeaders) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        h.put("Accept", accept);
        if (dialect == Dialect.OPENROUTER) {
            h.putAll(openRouterHeaders);
        }
        if (apiKey != null) {
            h.put("Authorization", "Bearer " + apiKey);
        }
        return Map.copyOf(h);
    }

    /** Whether this target can serve {@code model} (always, without a mapping). */
    public boolean serves(String model) {
        return models.isEmpty() || models.containsKey("*") || model != null && models.containsKey(model);
    }

    /** This target's name for {@code model}; call only when {@link #serves(String)}. */
    public String modelFor(String model) {
        if (models.isEmpty()) {
            return model;
        }
        String mapped = model == null ? null : models.get(model);
        return mapped != null ? mapped : models.get("*");
    }

    /** Whether the address is OpenRouter's, over HTTPS (the only address the environment's key may go to). */
    public static boolean isOpenRouter(URI base) {
        String host = base.getHost();
        return host != null && "https".equalsIgnoreCase(base.getScheme()) && (host.equalsIgnoreCase("openrouter.ai")
                                || host.toLowerCase(java.util.Locale.ROOT).endsWith(".openrouter.ai"));
    }

    @Override
    public String toString() {
        return "Target[" + name + " " + baseUri + " " + dialect + (apiKey == null ? "" : ", apiKey=xxxxxx") + "]";
    }
}
