package dev.llmrouter.camel.springboot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named target (server) under {@code camel.component.llmrouter.target-definitions.<name>}: what the component's
 * {@code dev.llmrouter.camel.LlmRouterTarget} holds, with timeouts as durations.
 */
public class LlmRouterTargetProperties {

    /** The API root, e.g. http://localhost:11434/v1 for Ollama. Required. */
    private String baseUrl;
    /** The bearer token for this server; none is sent when not set. Never logged. */
    private String apiKey;
    /**
     * openrouter (every field is sent) or openai (OpenRouter's own fields are left out). Defaults to openrouter
     * for openrouter.ai addresses, openai for any other.
     */
    private String dialect;
    /** The model this server is asked for whatever model the endpoint names. */
    private String model;
    /**
     * Model mapping: the endpoint's model slug to this server's model name. Slugs contain '/' and '.', so write
     * them in brackets: {@code "[meta-llama/llama-3.1-8b-instruct]": llama3.1:8b}.
     */
    private Map<String, String> models = new LinkedHashMap<>();
    /** How long this server may stay silent once a request is sent; the endpoint's requestTimeout when not set. */
    private Duration requestTimeout;
    /** The connect timeout for this server; the component's connectTimeout when not set. */
    private Duration connectTimeout;

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public String getDialect() {
        return dialect;
    }

    public void setDialect(String dialect) {
        this.dialect = dialect;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public Map<String, String> getModels() {
        return models;
    }

    public void setModels(Map<String, String> models) {
        this.models = models;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }
}
