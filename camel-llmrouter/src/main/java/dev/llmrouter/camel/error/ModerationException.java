package dev.llmrouter.camel.error;

import java.util.List;

/**
 * HTTP 403: a moderation or guardrail check flagged the input. Not retryable with the same model; another model
 * may accept it. The reasons, the flagged input and the provider/model come from {@code error.metadata}.
 */
public class ModerationException extends LlmRouterException {

    public ModerationException(ErrorInfo info) {
        super(info, false);
    }

    /** {@code metadata.reasons}: the categories that were flagged. */
    public List<String> getReasons() {
        Object reasons = getMetadata().get("reasons");
        if (reasons instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** {@code metadata.flagged_input}: the part of the input that was flagged (may be truncated by the server). */
    public String getFlaggedInput() {
        Object v = getMetadata().get("flagged_input");
        return v == null ? null : v.toString();
    }

    /** {@code metadata.provider_name}. */
    public String getProviderName() {
        Object v = getMetadata().get("provider_name");
        return v == null ? null : v.toString();
    }

    /** {@code metadata.model_slug}. */
    public String getModelSlug() {
        Object v = getMetadata().get("model_slug");
        return v == null ? null : v.toString();
    }
}
