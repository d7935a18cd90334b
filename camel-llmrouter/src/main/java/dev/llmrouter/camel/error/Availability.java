package dev.llmrouter.camel.error;

import java.time.Duration;
import java.util.List;

/**
 * OpenRouter's {@code error.availability}: why a model or provider could not serve, and what may help.
 *
 * @param code              a machine-readable reason, e.g. {@code model_not_found}; may be null
 * @param retryable         whether the server says the same request may succeed if sent again; null when not said.
 *                          {@code false} keeps the router from retrying the same target
 * @param retryAfter        the delay the server suggests before another try ({@code retry_after}, seconds); may be
 *                          null. Used like a {@code Retry-After} header when the answer had none
 * @param fallbackModels    models the server suggests instead ({@code fallback_models}); never null
 * @param affectedProviders the providers concerned ({@code affected_providers}); never null
 */
public record Availability(String code, Boolean retryable, Duration retryAfter, List<String> fallbackModels,
                           List<String> affectedProviders) {

    public Availability {
        fallbackModels = fallbackModels == null ? List.of() : List.copyOf(fallbackModels);
        affectedProviders = affectedProviders == null ? List.of() : List.copyOf(affectedProviders);
    }
}
