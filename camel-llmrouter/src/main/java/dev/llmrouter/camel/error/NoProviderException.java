package dev.llmrouter.camel.error;

/** No provider can serve the request under its constraints (HTTP 404, or a 503 that says so): data policy, {@code zdr}, {@code only}/{@code ignore}, quantizations or {@code max_price} left no endpoint. Retryable only when the server sent a 503. */
public class NoProviderException extends LlmRouterException {

    public NoProviderException(ErrorInfo info) {
        super(info, info.status() == 503);
    }
}
