package dev.llmrouter.camel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named server that endpoints can route to with option {@code targets}: OpenRouter, a direct provider, or a
 * local OpenAI-compatible server (vLLM, Ollama). Define it on the component ({@code targetDefinitions}) or as a
 * bean of this type in the registry, under the name the endpoints use.
 */
public class LlmRouterTarget {

    private String baseUrl;
    private String apiKey;
    private LlmRouterDialect dialect;
    private String model;
    private Map<String, String> models = new LinkedHashMap<>();
    private Long requestTimeout;
    private Long connectTimeout;

    public String getBaseUrl() {
        return baseUrl;
    }

    /** The API root, e.g. http://localhost:11434/v1 for Ollama. Required. */
    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getApiKey() {
        return apiKey;
    }

    /** The bearer token for this server; none is sent when not set. Never logged. */
    public void setApiKey(String apiKey) {
        this.apiKey = apiKey;
    }

    public LlmRouterDialect getDialect() {
        return dialect;
    }

    /**
     * openrouter (every field is sent) or openai (OpenRouter's own fields such as provider, plugins and models are
     * left out). Defaults to openrouter for openrouter.ai addresses, openai for any other. Given as text (a property,
     * a YAML bean), it is read as option dialect is: ignoring case, - and _.
     */
    public void setDialect(LlmRouterDialect dialect) {
        this.dialect = dialect;
    }

    public String getModel() {
        return model;
    }

    /** The model this server is asked for whatever model the endpoint names (a mapping for every model). */
    public void setModel(String model) {
        this.model = model;
    }

    public Map<String, String> getModels() {
        return models;
    }

    /**
     * Model mapping: the endpoint's model slug to this server's model name, e.g. {@code meta-llama/llama-3.1-8b-instruct
     * -> llama3.1:8b}. When a mapping is set (here or with {@link #setModel}), the target serves only the models it
     * maps; without one, model names are sent unchanged.
     */
    public void setModels(Map<String, String> models) {
        this.models = models == null ? new LinkedHashMap<>() : new LinkedHashMap<>(models);
    }

    public Long getRequestTimeout() {
        return requestTimeout;
    }

    /** How long this server may stay silent once a request is sent, in milliseconds; the endpoint's when not set. */
    public void setRequestTimeout(Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Long getConnectTimeout() {
        return connectTimeout;
    }

    /** The connect timeout for this server, in milliseconds; the component's when not set. */
    public void setConnectTimeout(Long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    @Override
    public String toString() {
        return "LlmRouterTarget[" + baseUrl + (dialect == null ? "" : " " + dialect)
               + (apiKey == null ? "" : ", apiKey=xxxxxx") + "]";
    }
}
