package dev.llmrouter.camel.error;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The root of every failure the component reports. Carries what the server said (HTTP status, OpenRouter's
 * {@code error.metadata.error_type} and the whole {@code metadata}), whether the same request may succeed if
 * sent again ({@link #isRetryable()}), and the delay the server asked for, if any.
 * <p>
 * Messages never contain the API key: text that comes from the server (its error message, metadata, a snippet
 * of a body) has the configured keys and anything shaped like a bearer token replaced by {@code [REDACTED]}.
 */
public class LlmRouterException extends RuntimeException {

    private final int statusCode;
    private final String errorType;
    private final boolean retryable;
    private final Map<String, Object> metadata;
    private final Duration retryAfter;
    private final Availability availability;
    private final RateLimit rateLimit;
    private volatile List<Attempt> attempts = List.of();

    public LlmRouterException(String message, int statusCode, String errorType, boolean retryable,
                              Map<String, Object> metadata, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
        this.errorType = errorType;
        this.retryable = retryable;
        this.metadata = metadata == null ? Map.of() : Map.copyOf(withoutNulls(metadata));
        this.retryAfter = retryAfter;
        this.availability = null;
        this.rateLimit = null;
    }

    public LlmRouterException(ErrorInfo info, boolean retryable) {
        super(info.message(), info.cause());
        this.statusCode = info.status();
        this.errorType = info.errorType();
        this.retryable = retryable;
        this.metadata = info.metadata() == null ? Map.of() : Map.copyOf(withoutNulls(info.metadata()));
        this.retryAfter = info.retryAfter();
        this.availability = info.availability();
        this.rateLimit = info.rateLimit() == null || info.rateLimit().isEmpty() ? null : info.rateLimit();
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

    /**
     * Whether sending the same request again may succeed. Set once, where the failure is typed (for server answers
     * by the status mapping of the protocol layer; I/O failures and timeouts always); the retry policy and the
     * circuit breakers read this flag rather than a list of statuses of their own.
     */
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
     * OpenRouter's {@code error.availability} (reason code, whether a retry may help, suggested delay, fallback
     * models, affected providers), or null when the answer had none.
     */
    public Availability getAvailability() {
        return availability;
    }

    /** The {@code X-RateLimit-*} headers of the failed answer, or null when it had none. */
    public RateLimit getRateLimit() {
        return rateLimit;
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
