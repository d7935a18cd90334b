package dev.llmrouter.camel;

/**
 * What the server at {@code baseUrl} understands (option {@code dialect}).
 * <p>
 * The constants are spelt as the option's values, e.g. {@code dialect=openrouter}; a value is read
 * ignoring case, {@code -} and {@code _}.
 */
public enum LlmRouterDialect {

    /** OpenRouter's API: every request field is sent, with the attribution headers. */
    openrouter,

    /**
     * A plain OpenAI-compatible server (vLLM, Ollama, OpenAI): OpenRouter's own fields and the
     * {@code X-OpenRouter-*} headers are left out; extraBody fields are still sent.
     */
    openai;
}
