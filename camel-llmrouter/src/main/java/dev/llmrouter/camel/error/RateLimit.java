package dev.llmrouter.camel.error;

/**
 * The {@code X-RateLimit-*} headers of a failed answer, as numbers; each null when absent or not a number.
 *
 * @param limit     {@code X-RateLimit-Limit}: requests allowed in the window
 * @param remaining {@code X-RateLimit-Remaining}: requests left in the window
 * @param reset     {@code X-RateLimit-Reset}: when the window resets, as the server sent it (OpenRouter: epoch
 *                  milliseconds)
 */
public record RateLimit(Long limit, Long remaining, Long reset) {

    /** Whether none of the three headers was there. */
    public boolean isEmpty() {
        return limit == null && remaining == null && reset == null;
    }
}
