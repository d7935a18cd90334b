package dev.llmrouter.camel.routing;

import java.net.URI;

/**
 * A server that answers OpenAI-style requests: OpenRouter by default, or any OpenAI-compatible server.
 *
 * @param name    a short name used in messages and headers
 * @param baseUri the API root, e.g. {@code https://openrouter.ai/api/v1}
 * @param apiKey  the bearer token, or null to send none; never printed
 */
public record Target(String name, URI baseUri, String apiKey) {

    public URI resolve(String path) {
        String base = baseUri.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    @Override
    public String toString() {
        return "Target[" + name + " " + baseUri + (apiKey == null ? "" : ", apiKey=xxxxxx") + "]";
    }
}
