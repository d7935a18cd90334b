package dev.llmrouter.camel.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.llmrouter.camel.error.AuthenticationException;
import dev.llmrouter.camel.error.Availability;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.ForbiddenException;
import dev.llmrouter.camel.error.InsufficientCreditsException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.NotFoundException;
import dev.llmrouter.camel.error.RateLimit;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.Redactor;
import dev.llmrouter.camel.transport.RetryAfter;
import dev.llmrouter.camel.wire.ErrorDetail;
import dev.llmrouter.camel.wire.ErrorResponse;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Maps an HTTP status and OpenRouter's error body to the typed exception family: 400/413/422 bad request (or
 * context length), 401, 402, 403 moderation (when the body carries moderation metadata) or forbidden, 404 no
 * provider, 408, 429, 5xx upstream (a 503 that says no provider meets the requirements is a
 * {@link NoProviderException}). The same mapping serves errors reported inside a 200 answer, keyed by their
 * {@code code}. Every text that comes from the server (message, metadata, body snippet) passes the
 * {@link Redactor} first; {@code error.availability} and the {@code X-RateLimit-*} headers are carried along.
 */
public final class ErrorMapper {

    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long");
    private static final Pattern NO_PROVIDER = Pattern.compile(
            "no (allowed |available )?(providers?|endpoints?)|routing requirements|no endpoints found"
            + "|no provider|no qualifying");

    private ErrorMapper() {
    }

    /** An exception for a non-2xx answer; token-shaped strings are redacted (see the overload with keys). */
    public static LlmRouterException fromReply(HttpReply reply, String what, Clock clock) {
        return fromReply(reply, what, clock, Redactor.PATTERNS);
    }

    /**
     * An exception for a non-2xx answer. {@code what} names the call, e.g. {@code POST /chat/completions}; the
     * redactor knows the call's API keys.
     */
    public static LlmRouterException fromReply(HttpReply reply, String what, Clock clock, Redactor redactor) {
        ErrorDetail detail = parseError(reply.body());
        String serverMessage = redactor.apply(detail != null && detail.message() != null
                ? detail.message() : snippet(reply.body()));
        Map<String, Object> metadata = detail == null ? null : redactor.apply(detail.metadata());
        Availability availability = detail == null ? null : availability(detail.availability());
        Duration retryAfter = RetryAfter.parse(reply.header("retry-after"), clock);
        return classify(reply.status(), metadata, "HTTP " + reply.status() + " from " + what + ": " + serverMessage,
                serverMessage, retryAfter, availability, rateLimit(reply));
    }

    /** An exception for an error object found in an otherwise successful answer; token shapes are redacted. */
    public static LlmRouterException fromDetail(ErrorDetail detail, int defaultStatus, String what) {
        return fromDetail(detail, defaultStatus, what, Redactor.PATTERNS);
    }

    /** An exception for an error object found in an otherwise successful answer (status from its code). */
    public static LlmRouterException fromDetail(ErrorDetail detail, int defaultStatus, String what, Redactor redactor) {
        int status = detail.numericCode() > 0 ? detail.numericCode() : defaultStatus;
        String serverMessage = detail.message() == null ? "(no message)" : redactor.apply(detail.message());
        return classify(status, redactor.apply(detail.metadata()),
                "Error " + status + " reported in the answer of " + what + ": " + serverMessage, serverMessage, null,
                availability(detail.availability()), null);
    }

    static LlmRouterException classify(int status, Map<String, Object> metadata, String message, String serverMessage,
                                       Duration retryAfter, Availability availability, RateLimit rateLimit) {
        String errorType = metadata == null || metadata.get("error_type") == null
                ? null : String.valueOf(metadata.get("error_type"));
        ErrorInfo info = new ErrorInfo(message, status, errorType, metadata, retryAfter, null, availability,
                rateLimit);
        String lower = serverMessage == null ? "" : serverMessage.toLowerCase(Locale.ROOT);
        if ("context_length_exceeded".equals(errorType)
            || (status == 400 || status == 413) && CONTEXT_LENGTH.matcher(lower).find()) {
            return new ContextLengthExceededException(info);
        }
        return switch (status) {
            case 401 -> new AuthenticationException(info);
            case 402 -> new InsufficientCreditsException(info);
            case 403 -> isModeration(metadata, errorType) ? new ModerationException(info) : new ForbiddenException(info);
            case 404 -> NO_PROVIDER.matcher(lower).find() ? new NoProviderException(info) : new NotFoundException(info);
            case 408 -> new RequestTimeoutException(info);
            case 429 -> new RateLimitException(info);
            case 503 -> NO_PROVIDER.matcher(lower).find() || "provider_unavailable".equals(errorType)
                    ? new NoProviderException(info) : new UpstreamException(info, true);
            case 500, 502, 524, 529 -> new UpstreamException(info, true);
            default -> status >= 500 ? new UpstreamException(info, false) : new BadRequestException(info);
        };
    }

    /**
     * A 403 is a moderation refusal only when its metadata says what was flagged ({@code reasons},
     * {@code flagged_input}) or its error type is a content-policy one; other 403s are about the key or account.
     */
    static boolean isModeration(Map<String, Object> metadata, String errorType) {
        return metadata != null && (metadata.get("reasons") != null || metadata.get("flagged_input") != null)
               || "content_policy_violation".equals(errorType) || "moderation".equals(errorType);
    }

    /** A malformed-answer exception carrying the status and a description (already redacted) of the problem. */
    public static MalformedResponseException malformed(HttpReply reply, String what, String problem) {
        return malformed(reply, what, problem, null);
    }

    /** A malformed-answer exception with the exception that found the problem (e.g. Jackson's) as its cause. */
    public static MalformedResponseException malformed(HttpReply reply, String what, String problem, Throwable cause) {
        return new MalformedResponseException(new ErrorInfo(
                "Malformed answer from " + what + " (HTTP " + reply.status() + "): " + problem, reply.status(), null,
                null, null, cause));
    }

    /** The typed form of {@code error.availability}, or null. */
    static Availability availability(ErrorDetail.Availability a) {
        if (a == null) {
            return null;
        }
        Duration after = null;
        BigDecimal seconds = a.retryAfter();
        if (seconds != null && seconds.signum() >= 0) {
            try {
                after = Duration.ofMillis(seconds.movePointRight(3).setScale(0, java.math.RoundingMode.CEILING)
                        .longValueExact());
            } catch (ArithmeticException tooLarge) {
                after = Duration.ofMillis(Long.MAX_VALUE);
            }
        }
        return new Availability(a.code(), a.retryable(), after, nonNull(a.fallbackModels()),
                nonNull(a.affectedProviders()));
    }

    private static List<String> nonNull(List<String> in) {
        return in == null ? null : in.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** The {@code X-RateLimit-*} headers of an answer, or null when it has none. */
    static RateLimit rateLimit(HttpReply reply) {
        RateLimit r = new RateLimit(number(reply.header("x-ratelimit-limit")),
                number(reply.header("x-ratelimit-remaining")), number(reply.header("x-ratelimit-reset")));
        return r.isEmpty() ? null : r;
    }

    private static Long number(String value) {
        if (value == null) {
            return null;
        }
        try {
            return new BigDecimal(value.trim()).setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static ErrorDetail parseError(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            ErrorResponse r = WireJson.mapper().readValue(body, ErrorResponse.class);
            return r == null ? null : r.error();
        } catch (Exception e) {
            return null;
        }
    }

    /** The start of a body, for messages about answers that are not JSON. */
    public static String snippet(byte[] body) {
        if (body.length == 0) {
            return "(empty body)";
        }
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return body.length > 200 ? s + "..." : s;
    }
}
