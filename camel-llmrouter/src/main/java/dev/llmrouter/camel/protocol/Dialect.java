package dev.llmrouter.camel.protocol;

import dev.llmrouter.camel.wire.ChatRequest;

/**
 * Which request fields a target understands. OpenRouter takes the whole request; a plain OpenAI-compatible server
 * (OpenAI, vLLM, Ollama) is sent the request without OpenRouter's own fields.
 */
public enum Dialect {

    /** OpenRouter's API: every field is sent, and the attribution headers. */
    OPENROUTER,

    /**
     * OpenAI's chat API as vLLM, Ollama and OpenAI serve it: {@code models}, {@code provider}, {@code plugins},
     * {@code session_id}, {@code cache_control}, {@code reasoning}, {@code image_config}, {@code trace} and
     * {@code stop_server_tools_when} are left out, and so are the attribution and metadata headers. OpenAI's own
     * fields ({@code service_tier}, {@code max_completion_tokens}, {@code verbosity}, {@code modalities},
     * {@code logprobs}, {@code top_logprobs}, {@code prediction}) are kept, and so are the extraBody fields: the
     * user asked for them by name. Sampling extras ({@code top_k}, {@code min_p}, {@code repetition_penalty}) are kept, because vLLM
     * and Ollama take them; do not set them for a target that is OpenAI itself.
     */
    OPENAI;

    /** The request as this dialect is sent it, for {@code model} (the target's name for the model). */
    public ChatRequest adapt(ChatRequest request, String model) {
        if (this == OPENROUTER) {
            return model == null || model.equals(request.model()) ? request : request.toBuilder().model(model).build();
        }
        return request.toBuilder()
                .model(model)
                .models(null)
                .provider(null)
                .plugins(null)
                .sessionId(null)
                .cacheControl(null)
                .reasoning(null)
                .imageConfig(null)
                .trace(null)
                .stopServerToolsWhen(null)
                .build();
    }
}
