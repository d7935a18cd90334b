package dev.llmrouter.camel.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The root of every failure the component reports. Carries what the server said (HTTP status, OpenRouter's
 * {@code error.metadata.error_type} and the whole {@code metadata}), whether the same request may succeed if
 * sent again ({@link #isRetryable()}), and the delay the server asked for, if any.
 * <p>
 * Messages never contain the API key.
 */
public class LlmRouterException extends RuntimeException {

    private final int statusCode;
    private final String errorType;
    private final boolean retryable;
    private final Map<String, Object> metadata;
    private final Duration retryAfter;
    private volatile List<Attempt> attempts = List.of();

    public LlmRouterException(String message, int statusCode, String errorType, boolean retryable,
                              Map<String, Object> metadata, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorType = errorType;
        this.retryable = retryable;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(withoutNulls(metadata));
        this.retryAfter = retryAfter;
    }

    public LlmRouterException(ErrorInfo info, boolean retryable) {
        this(info.message(), info.status(), info.errorType(), retryable, info.metadata(), info.retryAfter(),
             info.cause());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> in) {
        boolean clean = true;
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                clean = false;
                break;
            }
        }
        if (clean) {
            return in;
        }
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The HTTP status (or {@code error.code}); 0 when no HTTP answer was involved. */
    public int getStatusCode() {
        return statusCode;
    }

    /** OpenRouter's {@code error.metadata.error_type}, e.g. {@code context_length_exceeded}; may be null. */
    public String getErrorType() {
        return errorType;
    }

    /** Whether sending the same request again may succeed (408, 429, 500, 502, 503, 524, 529, I/O failures). */
    public boolean isRetryable() {
        return retryable;
    }

    /** {@code error.metadata} as sent by the server (never null). */
    public Map<String, Object> getMetadata() {
        return metadata;
    }

    /** The delay from a {@code Retry-After} header, or null. */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /**
     * The attempts made before this failure ended the exchange's chain of tries (targets, retries, escalation),
     * in order, the last one included. Empty for a failure that happened before anything was sent.
     */
    public List<Attempt> getAttempts() {
        return attempts;
    }

    /** Records the attempts that led to this failure (set once by the router when it gives up). */
    public void setAttempts(List<Attempt> attempts) {
        this.attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
