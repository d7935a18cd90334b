package dev.llmrouter.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP request received by the {@link OpenRouterEmulator}, exactly as it arrived.
 *
 * @param method  the HTTP method, e.g. {@code POST}
 * @param path    the request path without the query, e.g. {@code /api/v1/chat/completions}
 * @param query   the raw query string without {@code ?}, or null when there was none
 * @param headers the request headers as sent (use {@link #header(String)} for a case-insensitive lookup)
 * @param body    the raw request body, or null when there was none
 */
public record RecordedCall(String method, String path, String query, Map<String, List<String>> headers, String body) {

    /**
     * Copies the headers into an unmodifiable map.
     *
     * @param method HTTP method
     * @param path path without query
     * @param query raw query, or null
     * @param headers headers as sent
     * @param body raw body, or null
     */
    public RecordedCall {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * The first value of a header, looked up case-insensitively.
     *
     * @param name the header name, any case
     * @return the first value, or null when the header is absent
     */
    public String header(String name) {
        List<String> values = headerValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * All values of a header, looked up case-insensitively.
     *
     * @param name the header name, any case
     * @return the values, empty when the header is absent
     */
    public List<String> headerValues(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /**
     * The first value of a query parameter, URL-decoded.
     *
     * @param name the parameter name (case-sensitive)
     * @return its value, or null when absent
     */
    public String queryParam(String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /**
     * The body parsed as JSON.
     *
     * @return the parsed tree, or null when the body is absent, blank or not JSON
     */
    public JsonNode json() {
        return Json.parseOrNull(body);
    }
}
