package dev.llmrouter.camel;

/**
 * What an {@code llmrouter} endpoint does: the path of its URI ({@code llmrouter:chat}, {@code llmrouter:models},
 * ...). The constants are lower case because they are the URI values. Each operation has its own producer: chat
 * routes and governs a chat completion; models, key and generation are plain GET calls to the account API;
 * embeddings posts text for vectors.
 */
public enum LlmRouterOperation {

    /** A chat completion, routed over the targets, retried, governed by the cost rules. */
    chat,
    /** The model catalog with pricing ({@code GET /models}). */
    models,
    /** Usage and cost of one generation id ({@code GET /generation}). */
    generation,
    /** The API key's limit and usage ({@code GET /key}). */
    key,
    /** Vectors for one text or a list of texts ({@code POST /embeddings}). */
    embeddings;

    /**
     * The operation a URI path names, read as the enum-typed options are (case, {@code -} and {@code _} ignored); an
     * empty path means {@link #chat}.
     *
     * @throws IllegalArgumentException naming option {@code operation} and the allowed values
     */
    public static LlmRouterOperation of(String path) {
        if (path == null || path.isBlank()) {
            return chat;
        }
        return LlmRouterConverterLoader.OPERATION.parse(path);
    }
}
