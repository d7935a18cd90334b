package dev.llmrouter.camel.transport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.llmrouter.camel.error.AuthenticationException;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InsufficientCreditsException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.NotFoundException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.UpstreamException;
import dev.llmrouter.camel.wire.ErrorDetail;
import dev.llmrouter.camel.wire.ErrorResponse;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Maps an HTTP status and OpenRouter's error body to the typed exception family: 400/413/422 bad request (or
 * context length), 401, 402, 403 moderation, 404 no provider, 408, 429, 5xx upstream (a 503 that says no provider
 * meets the requirements is a {@link NoProviderException}). The same mapping serves errors reported inside a 200
 * answer, keyed by their {@code code}.
 */
public final class ErrorMapper {

    private static final Pattern CONTEXT_LENGTH = Pattern.compile(
            "context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long");
    private static final Pattern NO_PROVIDER = Pattern.compile(
            "no (allowed |available )?(providers?|endpoints?)|routing requirements|no endpoints found"
            + "|no provider|no qualifying");

    private ErrorMapper() {
    }

    /** An exception for a non-2xx answer. {@code what} names the call, e.g. {@code POST /chat/completions}. */
    public static LlmRouterException fromReply(HttpReply reply, String what, Clock clock) {
        ErrorDetail detail = parseError(reply.body());
        String serverMessage = detail != null && detail.message() != null
                ? detail.message() : snippet(reply.body());
        Map<String, Object> metadata = detail == null ? null : detail.metadata();
        Duration retryAfter = RetryAfter.parse(reply.header("retry-after"), clock);
        return classify(reply.status(), metadata, "HTTP " + reply.status() + " from " + what + ": " + serverMessage,
                serverMessage, retryAfter);
    }

    /** An exception for an error object found in an otherwise successful answer (status from its code). */
    public static LlmRouterException fromDetail(ErrorDetail detail, int defaultStatus, String what) {
        int status = detail.numericCode() > 0 ? detail.numericCode() : defaultStatus;
        String serverMessage = detail.message() == null ? "(no message)" : detail.message();
        return classify(status, detail.metadata(),
                "Error " + status + " reported in the answer of " + what + ": " + serverMessage, serverMessage, null);
    }

    static LlmRouterException classify(
            int status, Map<String, Object> metadata, String message, String serverMessage, Duration retryAfter) {
        String errorType = metadata == null || metadata.get("error_type") == null
                ? null : String.valueOf(metadata.get("error_type"));
        ErrorInfo info = new ErrorInfo(message, status, errorType, metadata, retryAfter, null);
        String lower = serverMessage == null ? "" : serverMessage.toLowerCase(Locale.ROOT);
        if ("context_length_exceeded".equals(errorType)
            || (status == 400 || status == 413) && CONTEXT_LENGTH.matcher(lower).find()) {
            return new ContextLengthExceededException(info);
        }
        return switch (status) {
            case 401 -> new AuthenticationException(info);
            case 402 -> new InsufficientCreditsException(info);
            case 403 -> new ModerationException(info);
            case 404 -> NO_PROVIDER.matcher(lower).find() ? new NoProviderException(info) : new NotFoundException(info);
            case 408 -> new RequestTimeoutException(info);
            case 429 -> new RateLimitException(info);
            case 503 -> NO_PROVIDER.matcher(lower).find() || "provider_unavailable".equals(errorType)
                    ? new NoProviderException(info) : new UpstreamException(info, true);
            case 500, 502, 524, 529 -> new UpstreamException(info, true);
            default -> status >= 500 ? new UpstreamException(info, false) : new BadRequestException(info);
        };
    }

    /** A malformed-answer exception carrying the status and a snippet of the body. */
    public static MalformedResponseException malformed(HttpReply reply, String what, String problem) {
        return new MalformedResponseException(new ErrorInfo(
                "Malformed answer from " + what + " (HTTP " + reply.status() + "): " + problem, reply.status(), null,
                null, null, null));
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
