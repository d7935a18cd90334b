package dev.llmrouter.test;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted misbehaviour of the {@link OpenRouterEmulator}: an error status, a latency, a malformed answer,
 * a dropped connection or a broken stream. Immutable: the static factories create one, the withers
 * ({@link #message(String)}, {@link #delay(Duration)}, {@link #times(int)}, ...) return modified copies.
 *
 * <pre>EmulatorFault.status(429).message("slow down").retryAfter("2").times(1)</pre>
 */
public final class EmulatorFault {

    /** What a fault does. */
    public enum Kind {
        /** An OpenRouter error body with an HTTP error status. */
        STATUS,
        /** A normal answer, after {@link #delay()}. */
        DELAY_ONLY,
        /** HTTP 200 whose {@code choices[0]} ends with {@code finish_reason: "error"} and an {@code error}. */
        CHOICE_ERROR,
        /** Exact status, content type and body bytes. */
        RAW_BODY,
        /** The connection is reset without an answer. */
        CONNECTION_RESET,
        /** For {@code stream: true}: some deltas, then an error chunk, then {@code [DONE]}. */
        STREAM_ERROR,
        /** For {@code stream: true}: some deltas, then the body ends without {@code [DONE]}. */
        STREAM_CUT
    }

    private final Kind kind;
    private final int status;
    private final String message;
    private final String errorType;
    private final Map<String, Object> metadata;
    private final String retryAfter;
    private final Duration delay;
    private final int times;
    private final String contentType;
    private final String body;

    private EmulatorFault(Kind kind, int status, String message, String errorType, Map<String, Object> metadata,
            String retryAfter, Duration delay, int times, String contentType, String body) {
        this.kind = kind;
        this.status = status;
        this.message = message;
        this.errorType = errorType;
        this.metadata = metadata;
        this.retryAfter = retryAfter;
        this.delay = delay;
        this.times = times;
        this.contentType = contentType;
        this.body = body;
    }

    private static EmulatorFault create(Kind kind, int status, String message) {
        return new EmulatorFault(kind, status, message, null, Map.of(), null, Duration.ZERO, -1, null, null);
    }

    /**
     * An error answer with this HTTP status and an OpenRouter error body whose {@code code} is the status.
     *
     * @param status e.g. 429, 502, 503
     * @return the fault
     */
    public static EmulatorFault status(int status) {
        return create(Kind.STATUS, status, null);
    }

    /**
     * A successful answer that arrives only after the delay.
     *
     * @param delay the latency
     * @return the fault
     */
    public static EmulatorFault delayOnly(Duration delay) {
        return create(Kind.DELAY_ONLY, 200, null).delay(delay);
    }

    /**
     * HTTP 200 whose {@code choices[0]} has {@code finish_reason: "error"} and {@code error: {code, message}}.
     *
     * @param code    the error code inside the choice
     * @param message the error message inside the choice
     * @return the fault
     */
    public static EmulatorFault choiceError(int code, String message) {
        return create(Kind.CHOICE_ERROR, code, message);
    }

    /**
     * An answer of exactly these bytes (malformed JSON, an empty body, an HTML error page...).
     *
     * @param status      HTTP status
     * @param contentType Content-Type header, or null for none
     * @param body        the body, sent as UTF-8; null or empty for none
     * @return the fault
     */
    public static EmulatorFault rawBody(int status, String contentType, String body) {
        return new EmulatorFault(Kind.RAW_BODY, status, null, null, Map.of(), null, Duration.ZERO, -1,
                contentType, body == null ? "" : body);
    }

    /**
     * The server resets the connection instead of answering.
     *
     * @return the fault
     */
    public static EmulatorFault connectionReset() {
        return create(Kind.CONNECTION_RESET, 0, null);
    }

    /**
     * For streaming requests: some content deltas, then a chunk with an {@code error} object (code 502) and
     * {@code finish_reason: "error"}, then {@code [DONE]}. Not applied to non-streaming requests.
     *
     * @param message the error message in the final chunk
     * @return the fault
     */
    public static EmulatorFault streamError(String message) {
        return create(Kind.STREAM_ERROR, 502, message);
    }

    /**
     * For streaming requests: some content deltas, then the body ends without {@code [DONE]}.
     * Not applied to non-streaming requests.
     *
     * @return the fault
     */
    public static EmulatorFault streamCut() {
        return create(Kind.STREAM_CUT, 200, null);
    }

    /**
     * A copy with this error message.
     *
     * @param message the message
     * @return the copy
     */
    public EmulatorFault message(String message) {
        return new EmulatorFault(kind, status, message, errorType, metadata, retryAfter, delay, times, contentType, body);
    }

    /**
     * A copy whose error carries {@code metadata.error_type}, e.g. {@code rate_limit_exceeded}.
     *
     * @param errorType the error type
     * @return the copy
     */
    public EmulatorFault errorType(String errorType) {
        return new EmulatorFault(kind, status, message, errorType, metadata, retryAfter, delay, times, contentType, body);
    }

    /**
     * A copy whose error carries these {@code metadata} entries.
     *
     * @param metadata the entries (copied)
     * @return the copy
     */
    public EmulatorFault metadata(Map<String, Object> metadata) {
        Map<String, Object> copy = Collections.unmodifiableMap(new LinkedHashMap<>(
                metadata == null ? Map.of() : metadata));
        return new EmulatorFault(kind, status, message, errorType, copy, retryAfter, delay, times, contentType, body);
    }

    /**
     * A copy sending this {@code Retry-After} header with the error.
     *
     * @param headerValue seconds ({@code "2"}) or an HTTP date
     * @return the copy
     */
    public EmulatorFault retryAfter(String headerValue) {
        return new EmulatorFault(kind, status, message, errorType, metadata, headerValue, delay, times, contentType, body);
    }

    /**
     * A copy that waits this long before answering (without blocking other requests).
     *
     * @param delay the latency; null for none
     * @return the copy
     */
    public EmulatorFault delay(Duration delay) {
        Duration d = delay == null ? Duration.ZERO : delay;
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative delay " + d);
        }
        return new EmulatorFault(kind, status, message, errorType, metadata, retryAfter, d, times, contentType, body);
    }

    /**
     * A copy that applies only to the first {@code n} matching requests; later ones behave normally.
     *
     * @param n how many times, at least 1
     * @return the copy
     */
    public EmulatorFault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + n);
        }
        return new EmulatorFault(kind, status, message, errorType, metadata, retryAfter, delay, n, contentType, body);
    }

    /** @return what this fault does */
    public Kind kind() {
        return kind;
    }

    /** @return the HTTP status, or the error code for {@link Kind#CHOICE_ERROR} and {@link Kind#STREAM_ERROR} */
    public int status() {
        return status;
    }

    /** @return the error message, or null for the default one of the status */
    public String message() {
        return message;
    }

    /** @return {@code error.metadata.error_type}, or null */
    public String errorType() {
        return errorType;
    }

    /** @return extra error metadata, never null */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @return the Retry-After header value, or null */
    public String retryAfter() {
        return retryAfter;
    }

    /** @return the latency before answering, never null */
    public Duration delay() {
        return delay;
    }

    /** @return how many matching requests this applies to, or -1 for unlimited */
    public int times() {
        return times;
    }

    /** @return the Content-Type of a {@link Kind#RAW_BODY} fault, or null */
    public String contentType() {
        return contentType;
    }

    /** @return the body of a {@link Kind#RAW_BODY} fault, or null */
    public String body() {
        return body;
    }

    /** True when the fault makes the attempt fail (so routing moves on to the next provider or model). */
    boolean isFailure() {
        return kind == Kind.STATUS || kind == Kind.RAW_BODY || kind == Kind.CONNECTION_RESET;
    }

    /** True when the fault only makes sense for streaming requests. */
    boolean streamOnly() {
        return kind == Kind.STREAM_ERROR || kind == Kind.STREAM_CUT;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EmulatorFault f)) {
            return false;
        }
        return kind == f.kind && status == f.status && times == f.times && Objects.equals(message, f.message)
                && Objects.equals(errorType, f.errorType) && metadata.equals(f.metadata)
                && Objects.equals(retryAfter, f.retryAfter) && delay.equals(f.delay)
                && Objects.equals(contentType, f.contentType) && Objects.equals(body, f.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, message, errorType, metadata, retryAfter, delay, times, contentType, body);
    }

    @Override
    public String toString() {
        return "EmulatorFault{" + kind + ", status=" + status + (message == null ? "" : ", message=" + message)
                + (errorType == null ? "" : ", errorType=" + errorType)
                + (retryAfter == null ? "" : ", retryAfter=" + retryAfter)
                + (delay.isZero() ? "" : ", delay=" + delay) + (times < 0 ? "" : ", times=" + times) + "}";
    }
}
