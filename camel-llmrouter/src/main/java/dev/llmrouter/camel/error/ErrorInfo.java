package dev.llmrouter.camel.error;

import java.time.Duration;
import java.util.Map;

/**
 * What is known about one failure before it is turned into a typed exception.
 *
 * @param message      the full exception message
 * @param status       HTTP status or {@code error.code}; 0 for none
 * @param errorType    {@code error.metadata.error_type}, may be null
 * @param metadata     {@code error.metadata}, may be null
 * @param retryAfter   the {@code Retry-After} delay, may be null
 * @param cause        the underlying exception, may be null
 * @param availability {@code error.availability}, may be null
 * @param rateLimit    the {@code X-RateLimit-*} headers of the answer, may be null
 */
public record ErrorInfo(String message, int status, String errorType, Map<String, Object> metadata,
                        Duration retryAfter, Throwable cause, Availability availability, RateLimit rateLimit) {

    /** Without availability and rate-limit headers. */
    public ErrorInfo(String message, int status, String errorType, Map<String, Object> metadata, Duration retryAfter,
                     Throwable cause) {
        this(message, status, errorType, metadata, retryAfter, cause, null, null);
    }

    public static ErrorInfo of(String message) {
        return new ErrorInfo(message, 0, null, null, null, null);
    }

    public static ErrorInfo of(String message, Throwable cause) {
        return new ErrorInfo(message, 0, null, null, null, cause);
    }
}
