package dev.llmrouter.camel.error;

/** The prompt and {@code max_tokens} do not fit the model's context window ({@code error_type} {@code context_length_exceeded}). Another model with a larger window may succeed. */
public class ContextLengthExceededException extends LlmRouterException {

    public ContextLengthExceededException(ErrorInfo info) {
        super(info, false);
    }
}
