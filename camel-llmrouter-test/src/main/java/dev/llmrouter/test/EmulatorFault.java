package dev.llmrouter.test;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

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
        STREAM_CUT,
        /** For {@code stream: true}: some deltas, then silence for {@link #pause()}, then the rest of the stream. */
        STREAM_STALL,
        /** For {@code stream: true}: some deltas, then a chunk that is not JSON, then the rest of the stream. */
        STREAM_MALFORMED,
        /** For {@code stream: true}: the whole stream (finish reason and usage included) without {@code [DONE]}. */
        STREAM_NO_DONE,
        /**
         * A normal answer whose first token comes late: a stream sends its headers at once and its first delta
         * after {@link #pause()}; a plain call answers after {@link #pause()}.
         */
        SLOW_FIRST_TOKEN,
        /** HTTP 400 when the last message is an assistant message (a prefill); a normal answer otherwise. */
        REJECT_PREFILL,
        /** The answer stops early (about half of it) with {@code finish_reason: "content_filter"}. */
        CONTENT_FILTER
    }

    /**
     * The {@code error.availability} object of an availability error (OpenRouter's structured "why and what now").
     * Null lists are filled in when answering: {@code fallback_models} with the request's other candidate
     * models ({@code model} and {@code models} without the failing one), {@code affected_providers} with the
     * failing provider (provider fault) or the model's providers.
     *
     * @param code              e.g. {@code no_provider_available}, {@code rate_limited}, {@code model_not_found}
     * @param retryable         whether the same request may succeed later
     * @param retryAfter        seconds to wait, or null
     * @param fallbackModels    models to try instead, or null for the default
     * @param affectedProviders providers affected, or null for the default
     */
    public record Availability(String code, boolean retryable, Integer retryAfter, List<String> fallbackModels,
            List<String> affectedProviders) {

        /**
         * Copies the lists.
         *
         * @param code the code
         * @param retryable whether retryable
         * @param retryAfter seconds, or null
         * @param fallbackModels the models, or null
         * @param affectedProviders the providers, or null
         */
        public Availability {
            Objects.requireNonNull(code, "code");
            fallbackModels = fallbackModels == null ? null : List.copyOf(fallbackModels);
            affectedProviders = affectedProviders == null ? null : List.copyOf(affectedProviders);
        }
    }

    /**
     * The {@code X-RateLimit-*} headers of a rate-limit answer.
     *
     * @param limit           {@code X-RateLimit-Limit}
     * @param remaining       {@code X-RateLimit-Remaining}
     * @param resetEpochMillis {@code X-RateLimit-Reset} (unix milliseconds), or null for now + retry-after
     */
    public record RateLimit(int limit, int remaining, Long resetEpochMillis) {
    }

    /** The mutable form of all fields, used only while building a copy. */
    private static final class Spec implements Cloneable {
        Kind kind;
        int status;
        String message;
        String errorType;
        Map<String, Object> metadata = Map.of();
        String retryAfter;
        Duration delay = Duration.ZERO;
        int times = -1;
        String contentType;
        String body;
        Availability availability;
        RateLimit rateLimit;
        boolean moderation = true;
        int afterTokens = -1;
        Duration pause = Duration.ZERO;
        Duration during;
        boolean roleChunk;

        Spec copy() {
            try {
                return (Spec) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private final Spec spec;

    private EmulatorFault(Spec spec) {
        this.spec = spec;
    }

    private static EmulatorFault create(Kind kind, int status, String message) {
        Spec s = new Spec();
        s.kind = kind;
        s.status = status;
        s.message = message;
        return new EmulatorFault(s);
    }

    private EmulatorFault with(Consumer<Spec> change) {
        Spec s = spec.copy();
        change.accept(s);
        return new EmulatorFault(s);
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
        EmulatorFault f = create(Kind.RAW_BODY, status, null);
        f.spec.contentType = contentType;
        f.spec.body = body == null ? "" : body;
        return f;
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
     * HTTP 503 "no provider available": {@code error.availability} with code {@code no_provider_available},
     * {@code retryable: true}, the request's other candidate models as {@code fallback_models} and the
     * failing provider(s) as {@code affected_providers}; {@code metadata.error_type} {@code provider_unavailable}.
     *
     * @return the fault
     */
    public static EmulatorFault noProviderAvailable() {
        return status(503).message("No available model provider meets your routing requirements")
                .errorType("provider_unavailable")
                .availability(new Availability("no_provider_available", true, null, null, null));
    }

    /**
     * HTTP 429 rate limit: a {@code Retry-After} header, {@code X-RateLimit-Limit: 20},
     * {@code X-RateLimit-Remaining: 0}, {@code X-RateLimit-Reset} (unix ms, now + the wait),
     * {@code error.availability} with code {@code rate_limited}, {@code retryable: true} and {@code retry_after};
     * {@code metadata.error_type} {@code rate_limit_exceeded}.
     *
     * @param retryAfterSeconds the wait, at least 0
     * @return the fault
     */
    public static EmulatorFault rateLimited(int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("negative retryAfterSeconds " + retryAfterSeconds);
        }
        return status(429).message("Rate limit exceeded: too many requests").errorType("rate_limit_exceeded")
                .retryAfter(Integer.toString(retryAfterSeconds))
                .availability(new Availability("rate_limited", true, retryAfterSeconds, null, null))
                .rateLimitHeaders(new RateLimit(20, 0, null));
    }

    /**
     * HTTP 403 that is NOT moderation: a permission or workspace problem, with no moderation metadata, e.g.
     * {@code forbidden("Only management keys can perform this operation")}.
     *
     * @param message the error message
     * @return the fault
     */
    public static EmulatorFault forbidden(String message) {
        EmulatorFault f = create(Kind.STATUS, 403, Objects.requireNonNull(message, "message"));
        f.spec.moderation = false;
        return f;
    }

    /**
     * HTTP 403 moderation refusal: {@code metadata.reasons}, {@code flagged_input} (the given text, or the last
     * user message cut to 100 characters when null), {@code provider_name} and {@code model_slug}. A plain
     * {@code status(403)} answers the same with reasons {@code ["harassment"]}.
     *
     * @param reasons      the moderation categories
     * @param flaggedInput the flagged text, or null for the request's
     * @return the fault
     */
    public static EmulatorFault moderation(List<String> reasons, String flaggedInput) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("reasons", List.copyOf(reasons));
        if (flaggedInput != null) {
            metadata.put("flagged_input", flaggedInput);
        }
        return status(403).message("Input was flagged by moderation").metadata(metadata);
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
     * For streaming requests: some content deltas (half, or {@link #afterTokens(int)}), then the stream goes silent
     * for {@code pause}, then the rest arrives as usual. With a {@code streamIdleTimeout} shorter than the pause the
     * client sees a stall.
     *
     * @param pause the silence
     * @return the fault
     */
    public static EmulatorFault streamStall(Duration pause) {
        return create(Kind.STREAM_STALL, 200, null).pause(pause);
    }

    /**
     * For streaming requests: some content deltas (half, or {@link #afterTokens(int)}), then an event whose data
     * is not JSON, then the rest of the stream.
     *
     * @return the fault
     */
    public static EmulatorFault malformedChunk() {
        return create(Kind.STREAM_MALFORMED, 200, null);
    }

    /**
     * For streaming requests: the complete stream, with its finish reason and usage, but no {@code data: [DONE]}
     * before the body ends.
     *
     * @return the fault
     */
    public static EmulatorFault noDone() {
        return create(Kind.STREAM_NO_DONE, 200, null);
    }

    /**
     * The first token comes only after {@code pause}: a stream sends its headers (and a keep-alive comment) at once,
     * then waits; a plain call answers after the pause.
     *
     * @param pause the wait before the first token
     * @return the fault
     */
    public static EmulatorFault slowFirstToken(Duration pause) {
        return create(Kind.SLOW_FIRST_TOKEN, 200, null).pause(pause);
    }

    /**
     * The server never answers (in practice: not within an hour); for the client's timeouts.
     *
     * @return the fault
     */
    public static EmulatorFault noResponse() {
        return delayOnly(Duration.ofHours(1));
    }

    /**
     * A model that refuses an assistant prefill: HTTP 400 when the request's last message is an assistant message,
     * a normal answer otherwise.
     *
     * @return the fault
     */
    public static EmulatorFault rejectsPrefill() {
        return create(Kind.REJECT_PREFILL, 400,
                "This model does not support assistant message prefill: the last message must be a user message");
    }

    /**
     * HTTP 400 context length exceeded, as OpenRouter words it ({@code metadata.error_type}
     * {@code context_length_exceeded}).
     *
     * @return the fault
     */
    public static EmulatorFault contextLength() {
        return status(400).message("This endpoint's maximum context length is 8192 tokens. However, you requested"
                + " about 9000 tokens. Please reduce the length of either one").errorType("context_length_exceeded");
    }

    /**
     * The answer stops at about half its text with {@code finish_reason: "content_filter"} (streamed or not).
     *
     * @return the fault
     */
    public static EmulatorFault contentFilter() {
        return create(Kind.CONTENT_FILTER, 200, null);
    }

    /**
     * A copy for the stream faults (cut, error chunk, stall, malformed chunk) that breaks the stream after
     * {@code n} content deltas instead of half of them.
     *
     * @param n content deltas sent before the fault, at least 1
     * @return the copy
     */
    public EmulatorFault afterTokens(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("afterTokens must be at least 1, was " + n);
        }
        return with(s -> s.afterTokens = n);
    }

    /**
     * A copy with this pause (stall, slow first token).
     *
     * @param pause the pause, not negative
     * @return the copy
     */
    public EmulatorFault pause(Duration pause) {
        Duration d = pause == null ? Duration.ZERO : pause;
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative pause " + d);
        }
        return with(s -> s.pause = d);
    }

    /**
     * A copy that applies only during {@code window} after it was registered (an outage, or a flapping provider
     * with {@link #times(int)}); later requests are served normally.
     *
     * @param window how long the fault lasts, more than 0
     * @return the copy
     */
    public EmulatorFault during(Duration window) {
        if (window == null || window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("during needs a positive duration, was " + window);
        }
        return with(s -> s.during = window);
    }

    /**
     * A copy for streaming requests that opens the stream with a role-only chunk,
     * {@code delta: {"role": "assistant", "content": ""}}, sent at once (before a slow first token's pause), as
     * OpenAI, OpenRouter and vLLM do. Such a chunk carries no output: a client must not take it for the first token.
     *
     * @return the copy
     */
    public EmulatorFault roleChunk() {
        return with(s -> s.roleChunk = true);
    }

    /** @return whether a stream opens with a role-only chunk ({@link #roleChunk()}) */
    public boolean opensWithRoleChunk() {
        return spec.roleChunk;
    }

    /** @return content deltas before a stream fault, or -1 for half of them */
    public int afterTokens() {
        return spec.afterTokens;
    }

    /** @return the pause of a stall or slow first token, never null */
    public Duration pause() {
        return spec.pause;
    }

    /** @return how long after registration the fault applies, or null for always */
    public Duration during() {
        return spec.during;
    }

    /**
     * A copy with this error message.
     *
     * @param message the message
     * @return the copy
     */
    public EmulatorFault message(String message) {
        return with(s -> s.message = message);
    }

    /**
     * A copy whose error carries {@code metadata.error_type}, e.g. {@code rate_limit_exceeded}.
     *
     * @param errorType the error type
     * @return the copy
     */
    public EmulatorFault errorType(String errorType) {
        return with(s -> s.errorType = errorType);
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
        return with(s -> s.metadata = copy);
    }

    /**
     * A copy sending this {@code Retry-After} header with the error.
     *
     * @param headerValue seconds ({@code "2"}) or an HTTP date
     * @return the copy
     */
    public EmulatorFault retryAfter(String headerValue) {
        return with(s -> s.retryAfter = headerValue);
    }

    /**
     * A copy whose error carries {@code error.availability} (status faults only).
     *
     * @param availability the object; null for none
     * @return the copy
     */
    public EmulatorFault availability(Availability availability) {
        return with(s -> s.availability = availability);
    }

    /**
     * A copy sending {@code X-RateLimit-Limit}, {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset}.
     *
     * @param rateLimit the values; null for none
     * @return the copy
     */
    public EmulatorFault rateLimitHeaders(RateLimit rateLimit) {
        return with(s -> s.rateLimit = rateLimit);
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
        return with(s -> s.delay = d);
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
        return with(s -> s.times = n);
    }

    /** @return what this fault does */
    public Kind kind() {
        return spec.kind;
    }

    /** @return the HTTP status, or the error code for {@link Kind#CHOICE_ERROR} and {@link Kind#STREAM_ERROR} */
    public int status() {
        return spec.status;
    }

    /** @return the error message, or null for the default one of the status */
    public String message() {
        return spec.message;
    }

    /** @return {@code error.metadata.error_type}, or null */
    public String errorType() {
        return spec.errorType;
    }

    /** @return extra error metadata, never null */
    public Map<String, Object> metadata() {
        return spec.metadata;
    }

    /** @return the Retry-After header value, or null */
    public String retryAfter() {
        return spec.retryAfter;
    }

    /** @return the latency before answering, never null */
    public Duration delay() {
        return spec.delay;
    }

    /** @return how many matching requests this applies to, or -1 for unlimited */
    public int times() {
        return spec.times;
    }

    /** @return the Content-Type of a {@link Kind#RAW_BODY} fault, or null */
    public String contentType() {
        return spec.contentType;
    }

    /** @return the body of a {@link Kind#RAW_BODY} fault, or null */
    public String body() {
        return spec.body;
    }

    /** @return the {@code error.availability} object, or null for none */
    public Availability availability() {
        return spec.availability;
    }

    /** @return the {@code X-RateLimit-*} headers, or null for none */
    public RateLimit rateLimit() {
        return spec.rateLimit;
    }

    /**
     * @return for a 403 status: true (the default) when it is a moderation refusal whose {@code metadata} gets
     *         {@code reasons}, {@code flagged_input}, {@code provider_name} and {@code model_slug} filled in;
     *         false for a {@link #forbidden(String)} permission error
     */
    public boolean moderation() {
        return spec.moderation;
    }

    /** True when the fault makes the attempt fail (so routing moves on to the next provider or model). */
    boolean isFailure() {
        return spec.kind == Kind.STATUS || spec.kind == Kind.RAW_BODY || spec.kind == Kind.CONNECTION_RESET;
    }

    /** True when the fault only makes sense for streaming requests. */
    boolean streamOnly() {
        return spec.kind == Kind.STREAM_ERROR || spec.kind == Kind.STREAM_CUT || spec.kind == Kind.STREAM_STALL
                || spec.kind == Kind.STREAM_MALFORMED || spec.kind == Kind.STREAM_NO_DONE;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof EmulatorFault f)) {
            return false;
        }
        Spec a = spec;
        Spec b = f.spec;
        return a.kind == b.kind && a.status == b.status && a.times == b.times && a.moderation == b.moderation
                && Objects.equals(a.message, b.message) && Objects.equals(a.errorType, b.errorType)
                && a.metadata.equals(b.metadata) && Objects.equals(a.retryAfter, b.retryAfter)
                && a.delay.equals(b.delay) && Objects.equals(a.contentType, b.contentType)
                && Objects.equals(a.body, b.body) && Objects.equals(a.availability, b.availability)
                && Objects.equals(a.rateLimit, b.rateLimit) && a.afterTokens == b.afterTokens
                && a.pause.equals(b.pause) && Objects.equals(a.during, b.during) && a.roleChunk == b.roleChunk;
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec.kind, spec.status, spec.message, spec.errorType, spec.metadata, spec.retryAfter,
                spec.delay, spec.times, spec.contentType, spec.body, spec.availability, spec.rateLimit,
                spec.moderation, spec.afterTokens, spec.pause, spec.during, spec.roleChunk);
    }

    @Override
    public String toString() {
        Spec s = spec;
        return "EmulatorFault{" + s.kind + ", status=" + s.status + (s.message == null ? "" : ", message=" + s.message)
                + (s.errorType == null ? "" : ", errorType=" + s.errorType)
                + (s.retryAfter == null ? "" : ", retryAfter=" + s.retryAfter)
                + (s.availability == null ? "" : ", availability=" + s.availability.code())
                + (s.delay.isZero() ? "" : ", delay=" + s.delay) + (s.times < 0 ? "" : ", times=" + s.times) + "}";
    }
}
