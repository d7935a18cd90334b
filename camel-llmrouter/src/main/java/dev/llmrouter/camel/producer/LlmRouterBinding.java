package dev.llmrouter.camel.producer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.LlmRouterToolStep;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.RateLimit;
import dev.llmrouter.camel.plan.ExtraBody;
import dev.llmrouter.camel.plan.Overrides;
import dev.llmrouter.camel.plan.RequestTemplate;
import dev.llmrouter.camel.plan.Validation;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.routing.CircuitBreakers;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Citation;
import dev.llmrouter.camel.wire.Usage;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The one mapping between a Camel message and a call: the only class that reads the {@code CamelLlmRouter*} "in"
 * headers and writes the "out" headers (camel-http's {@code HttpBinding} plays the same role).
 * <p>
 * Reading: the per-message override headers become {@link Overrides}, each value validated. A blank text header
 * counts as absent, except the list headers (fallback models, provider order, ignore and only), where an empty value
 * clears the endpoint's list. A value that cannot be read fails the exchange before anything is sent.
 * <p>
 * Writing: an answer goes onto the message as the body, then the headers. The body is worked out first, so an
 * answer that cannot become the body (structured output that does not parse) leaves the message exactly as it was;
 * the exception then carries the generation id and the cost. A header whose value the answer lacks is removed, so a
 * second call on the same exchange never shows the first call's figures.
 */
public final class LlmRouterBinding {

    private LlmRouterBinding() {
    }

    // ---- in: headers read from the message

    public static Overrides readOverrides(Message message) {
        if (!message.hasHeaders()) {
            return Overrides.NONE;
        }
        try {
            Overrides o = new Overrides(
                    Validation.model(LlmRouterConstants.MODEL, text(message, LlmRouterConstants.MODEL)),
                    Validation.models(LlmRouterConstants.FALLBACK_MODELS, list(message, LlmRouterConstants.FALLBACK_MODELS)),
                    text(message, LlmRouterConstants.SYSTEM_PROMPT),
                    Validation.atLeast(LlmRouterConstants.MAX_TOKENS, integer(message, LlmRouterConstants.MAX_TOKENS), 1),
                    Validation.oneOf(LlmRouterConstants.PROVIDER_SORT, text(message, LlmRouterConstants.PROVIDER_SORT),
                            Validation.SORTS),
                    list(message, LlmRouterConstants.PROVIDER_ORDER),
                    list(message, LlmRouterConstants.PROVIDER_IGNORE),
                    bool(message, LlmRouterConstants.ZDR),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_PROMPT,
                            decimal(message, LlmRouterConstants.MAX_PRICE_PROMPT)),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_COMPLETION,
                            decimal(message, LlmRouterConstants.MAX_PRICE_COMPLETION)),
                    Validation.maxLength(LlmRouterConstants.SESSION_ID, text(message, LlmRouterConstants.SESSION_ID), 256),
                    text(message, LlmRouterConstants.USER),
                    Validation.atLeast(LlmRouterConstants.MAX_COMPLETION_TOKENS,
                            integer(message, LlmRouterConstants.MAX_COMPLETION_TOKENS), 1),
                    Validation.oneOf(LlmRouterConstants.VERBOSITY, text(message, LlmRouterConstants.VERBOSITY),
                            Validation.VERBOSITIES),
                    text(message, LlmRouterConstants.PREDICTION),
                    ExtraBody.readHeader(message.getHeader(LlmRouterConstants.EXTRA_BODY)),
                    text(message, LlmRouterConstants.USER_MESSAGE),
                    Validation.oneOf(LlmRouterConstants.DATA_COLLECTION, text(message, LlmRouterConstants.DATA_COLLECTION),
                            Validation.DATA_COLLECTION),
                    list(message, LlmRouterConstants.PROVIDER_ONLY),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_REQUEST,
                            decimal(message, LlmRouterConstants.MAX_PRICE_REQUEST)),
                    Validation.notNegative(LlmRouterConstants.MAX_PRICE_IMAGE,
                            decimal(message, LlmRouterConstants.MAX_PRICE_IMAGE)));
            return o.isEmpty() ? Overrides.NONE : o;
        } catch (IllegalArgumentException e) {
            throw new InvalidMessageException(ErrorInfo.of("Invalid header: " + e.getMessage(), e));
        }
    }

    private static String text(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null) {
            return null;
        }
        List<String> list = Validation.csv(value.toString());
        return list == null ? List.of() : list;
    }

    private static Integer integer(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        try {
            return new BigDecimal(value.toString().trim()).intValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a whole number");
        }
    }

    private static Boolean bool(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        // strict: a privacy switch must never be dropped because its value was misspelled
        return switch (value.toString().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(
                    "Invalid value '" + value + "' for " + name + ": expected true or false");
        };
    }

    private static BigDecimal decimal(Message message, String name) {
        Object value = message.getHeader(name);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value '" + value + "' for " + name + ": expected a number");
        }
    }

    /** Header {@code CamelLlmRouterGenerationId}, else a String body: the id operation generation looks up. */
    public static String generationId(Message message) {
        String id = message.getHeader(LlmRouterConstants.GENERATION_ID, String.class);
        if (id == null || id.isBlank()) {
            Object body = message.getBody();
            id = body instanceof CharSequence s ? s.toString().trim() : null;
        }
        return id == null || id.isBlank() ? null : id;
    }

    /** Header {@code CamelLlmRouterMediaType}: the media type of a binary chat body, or null. */
    public static String mediaType(Message message) {
        return message.getHeader(LlmRouterConstants.MEDIA_TYPE, String.class);
    }

    /** Header {@code CamelLlmRouterBudgetKey}: the scope key a budget with scope {@code header} books on, or null. */
    public static String budgetKey(Message message) {
        return message.getHeader(LlmRouterConstants.BUDGET_KEY, String.class);
    }

    /** Header CamelLlmRouterConversationId, trimmed; null when absent or blank. */
    public static String conversationId(Message message) {
        String id = message.getHeader(LlmRouterConstants.CONVERSATION_ID, String.class);
        return id == null || id.isBlank() ? null : id.trim();
    }

    // ---- out: body and headers written to the message

    public static void writeAnswer(Message message, ChatOutcome outcome, RequestTemplate template) {
        ChatResponse response = outcome.response();
        ChatResponse.Choice choice = response.firstChoice();
        ChatResponse.AssistantMessage answer = choice.message();
        Object body;
        if (template.fullResponse()) {
            body = response;
        } else if (template.outputClass() != null) {
            body = readOutput(response, answer.content(), template.outputClass());
        } else {
            body = answer.content();
        }
        message.setBody(body);
        boolean clear = carriesAnswerHeaders(message);
        put(message, LlmRouterConstants.RESPONSE_MODEL, response.model(), clear);
        put(message, LlmRouterConstants.RESPONSE_PROVIDER, response.provider(), clear);
        put(message, LlmRouterConstants.GENERATION_ID, response.id(), clear);
        put(message, LlmRouterConstants.FINISH_REASON, choice.finishReason(), clear);
        // the cost header is the outcome's total, which already counts this answer's own cost (null only when no
        // attempt reported one): written once, not first from the usage
        usage(message, response.usage(), clear, false);
        answerFields(message, response, choice, answer, clear);
        put(message, LlmRouterConstants.COST, outcome.totalCost(), clear);
        put(message, LlmRouterConstants.ATTEMPTS, outcome.attempts().isEmpty() ? null : outcome.attempts(), clear);
        put(message, LlmRouterConstants.SKIPPED, skipped(outcome.attempts()), clear);
        put(message, LlmRouterConstants.TARGET, outcome.target(), clear);
        put(message, LlmRouterConstants.CACHE_HIT, outcome.target() == null ? null : outcome.cacheHit(), clear);
        put(message, LlmRouterConstants.OPENROUTER_CACHE_STATUS, outcome.serverCache(), clear);
    }

    /**
     * Every header an answer writes or, when the answer lacks the field, removes. Removing a header the message does
     * not carry costs a lookup in Camel's case-insensitive header map, as much as a put; so {@link #writeAnswer}
     * first looks, in one pass over the message's headers, whether any of these is there, and removes nothing when
     * none is (a first call on an exchange).
     */
    static final java.util.Set<String> ANSWER_HEADERS;
    /** {@link #ANSWER_HEADERS} as spelled in the constants, for a hash lookup of the usual spelling. */
    private static final java.util.Set<String> ANSWER_EXACT;
    /**
     * Every other {@code CamelLlmRouter*} header of the constants, as spelled there: surely not an answer header.
     * (Empty where the constants' fields cannot be listed, e.g. a native image without their reflection data; the
     * names are then compared ignoring case, as any other spelling is.)
     */
    private static final java.util.Set<String> OTHER_EXACT;

    private static final String PREFIX = "CamelLlmRouter";

    static {
        java.util.TreeSet<String> names = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        java.util.Collections.addAll(names, LlmRouterConstants.RESPONSE_MODEL, LlmRouterConstants.RESPONSE_PROVIDER,
                LlmRouterConstants.GENERATION_ID, LlmRouterConstants.FINISH_REASON, LlmRouterConstants.PROMPT_TOKENS,
                LlmRouterConstants.COMPLETION_TOKENS, LlmRouterConstants.TOTAL_TOKENS, LlmRouterConstants.COST,
                LlmRouterConstants.CACHED_TOKENS, LlmRouterConstants.CACHE_WRITE_TOKENS,
                LlmRouterConstants.REASONING_TOKENS, LlmRouterConstants.AUDIO_TOKENS, LlmRouterConstants.IMAGE_TOKENS,
                LlmRouterConstants.IS_BYOK, LlmRouterConstants.UPSTREAM_COST, LlmRouterConstants.WEB_SEARCH_REQUESTS,
                LlmRouterConstants.SYSTEM_FINGERPRINT, LlmRouterConstants.SERVICE_TIER,
                LlmRouterConstants.OPENROUTER_METADATA, LlmRouterConstants.NATIVE_FINISH_REASON,
                LlmRouterConstants.LOGPROBS, LlmRouterConstants.CITATIONS, LlmRouterConstants.ANNOTATIONS,
                LlmRouterConstants.TOOL_CALLS, LlmRouterConstants.REASONING, LlmRouterConstants.REASONING_DETAILS,
                LlmRouterConstants.REFUSAL, LlmRouterConstants.IMAGES, LlmRouterConstants.AUDIO,
                LlmRouterConstants.ATTEMPTS, LlmRouterConstants.SKIPPED, LlmRouterConstants.TARGET,
                LlmRouterConstants.CACHE_HIT, LlmRouterConstants.OPENROUTER_CACHE_STATUS);
        ANSWER_HEADERS = java.util.Collections.unmodifiableSet(names);
        ANSWER_EXACT = java.util.Set.copyOf(names);
        java.util.Set<String> others = new java.util.HashSet<>();
        for (java.lang.reflect.Field f : LlmRouterConstants.class.getFields()) {
            try {
                if (f.getType() == String.class && java.lang.reflect.Modifier.isStatic(f.getModifiers())
                    && f.get(null) instanceof String name && name.startsWith(PREFIX) && !names.contains(name)) {
                    others.add(name);
                }
            } catch (IllegalAccessException e) {
                // not listed: compared ignoring case instead
            }
        }
        OTHER_EXACT = java.util.Set.copyOf(others);
    }

    /**
     * Whether the message carries any of {@link #ANSWER_HEADERS} (one pass over its headers, no allocation). A name
     * spelled as in the constants is looked up by its hash; only another spelling is compared ignoring case.
     */
    static boolean carriesAnswerHeaders(Message message) {
        if (!message.hasHeaders()) {
            return false;
        }
        for (String name : message.getHeaders().keySet()) {
            if (ANSWER_EXACT.contains(name)) {
                return true;
            }
            if (!OTHER_EXACT.contains(name) && name.length() > PREFIX.length()
                && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) && ANSWER_HEADERS.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The headers of an agent loop, after its last call's answer (or failure) was written: iterations, trace, why it
     * stopped, and, when {@code sums} is given, the cost and token headers as sums over all its model calls.
     */
    public static void writeLoop(Message message, int iterations, List<LlmRouterToolStep> trace, String stopped,
                                 LoopSums sums) {
        set(message, LlmRouterConstants.TOOL_ITERATIONS, iterations);
        set(message, LlmRouterConstants.TOOL_TRACE, List.copyOf(trace));
        set(message, LlmRouterConstants.LOOP_STOPPED, stopped);
        if (sums != null) {
            set(message, LlmRouterConstants.COST, sums.cost());
            set(message, LlmRouterConstants.PROMPT_TOKENS, sums.promptTokens());
            set(message, LlmRouterConstants.COMPLETION_TOKENS, sums.completionTokens());
            set(message, LlmRouterConstants.TOTAL_TOKENS, sums.totalTokens());
            set(message, LlmRouterConstants.CACHED_TOKENS, sums.cachedTokens());
        }
    }

    /** What the model calls of an agent loop added up to; a field is null when no call reported it. */
    public record LoopSums(BigDecimal cost, Integer promptTokens, Integer completionTokens, Integer totalTokens,
                           Integer cachedTokens) {
    }

    /** The breakers the attempts skipped (header {@code CamelLlmRouterSkipped}), or null for none. */
    public static List<String> skipped(List<Attempt> attempts) {
        List<String> skipped = CircuitBreakers.skipped(attempts);
        return skipped.isEmpty() ? null : skipped;
    }

    /** The headers known when a stream starts: who serves it and the attempts so far. */
    public static void streamStarted(Message message, ChatStream stream) {
        set(message, LlmRouterConstants.RESPONSE_MODEL, stream.model());
        set(message, LlmRouterConstants.RESPONSE_PROVIDER, stream.provider());
        set(message, LlmRouterConstants.GENERATION_ID, stream.generationId());
        set(message, LlmRouterConstants.ATTEMPTS, stream.attempts().isEmpty() ? null : stream.attempts());
        set(message, LlmRouterConstants.SKIPPED, skipped(stream.attempts()));
        set(message, LlmRouterConstants.TARGET, stream.target());
        set(message, LlmRouterConstants.CACHE_HIT, null);
        answerFields(message, null, null, null, true);
        usage(message, null);
        set(message, LlmRouterConstants.FINISH_REASON, null);
    }

    /**
     * The headers known once a stream has ended: finish reason, usage, the total cost, and everything the chunks
     * carried besides the text (tool calls, annotations, reasoning, ...), as for a non-streamed answer.
     */
    public static void streamEnded(Message message, ChatStream stream) {
        ChatResponse whole = stream.response();
        if (whole != null) {
            ChatResponse.Choice choice = whole.firstChoice();
            answerFields(message, whole, choice, choice == null ? null : choice.message(), true);
        }
        set(message, LlmRouterConstants.FINISH_REASON, stream.finishReason());
        usage(message, stream.usage(), true, false);
        set(message, LlmRouterConstants.COST, stream.cost());
        // a rescued stream (streamRecovery) had more attempts, and may be served by another target, than at its start
        set(message, LlmRouterConstants.ATTEMPTS, stream.attempts().isEmpty() ? null : stream.attempts());
        set(message, LlmRouterConstants.TARGET, stream.target());
        if (stream.generationId() != null) {
            set(message, LlmRouterConstants.GENERATION_ID, stream.generationId());
        }
        if (stream.model() != null) {
            set(message, LlmRouterConstants.RESPONSE_MODEL, stream.model());
        }
    }

    /** Sets the usage headers (tokens and cost) from a usage object, which may be null. */
    public static void usage(Message message, Usage usage) {
        usage(message, usage, true, true);
    }

    /**
     * As {@link #usage(Message, Usage)}; a header the usage lacks is removed only when {@code clear}, and the cost
     * header is left to the caller unless {@code withCost}.
     */
    private static void usage(Message message, Usage usage, boolean clear, boolean withCost) {
        put(message, LlmRouterConstants.PROMPT_TOKENS, usage == null ? null : usage.promptTokens(), clear);
        put(message, LlmRouterConstants.COMPLETION_TOKENS, usage == null ? null : usage.completionTokens(), clear);
        put(message, LlmRouterConstants.TOTAL_TOKENS, usage == null ? null : usage.totalTokens(), clear);
        if (withCost) {
            put(message, LlmRouterConstants.COST, usage == null ? null : usage.cost(), clear);
        }
        Usage.PromptTokensDetails prompt = usage == null ? null : usage.promptTokensDetails();
        put(message, LlmRouterConstants.CACHED_TOKENS, prompt == null ? null : prompt.cachedTokens(), clear);
        put(message, LlmRouterConstants.CACHE_WRITE_TOKENS, prompt == null ? null : prompt.cacheWriteTokens(), clear);
        Usage.CompletionTokensDetails completion = usage == null ? null : usage.completionTokensDetails();
        put(message, LlmRouterConstants.REASONING_TOKENS, completion == null ? null : completion.reasoningTokens(),
                clear);
        put(message, LlmRouterConstants.AUDIO_TOKENS, prompt == null ? null : prompt.audioTokens(), clear);
        put(message, LlmRouterConstants.IMAGE_TOKENS, completion == null ? null : completion.imageTokens(), clear);
        put(message, LlmRouterConstants.IS_BYOK, usage == null ? null : usage.isByok(), clear);
        Usage.CostDetails cost = usage == null ? null : usage.costDetails();
        put(message, LlmRouterConstants.UPSTREAM_COST, cost == null ? null : cost.upstreamInferenceCost(), clear);
        Usage.ServerToolUseDetails tools = usage == null ? null : usage.serverToolUseDetails();
        put(message, LlmRouterConstants.WEB_SEARCH_REQUESTS, tools == null ? null : tools.webSearchRequests(), clear);
    }

    /**
     * Sets the headers of the answer's fields other than usage, model and ids; all of them are removed when
     * {@code response} is null (a stream that has only started).
     */
    private static void answerFields(Message message, ChatResponse response, ChatResponse.Choice choice,
                                     ChatResponse.AssistantMessage answer, boolean clear) {
        put(message, LlmRouterConstants.SYSTEM_FINGERPRINT, response == null ? null : response.systemFingerprint(),
                clear);
        put(message, LlmRouterConstants.SERVICE_TIER, response == null ? null : response.serviceTier(), clear);
        put(message, LlmRouterConstants.OPENROUTER_METADATA, response == null ? null : response.openrouterMetadata(),
                clear);
        put(message, LlmRouterConstants.NATIVE_FINISH_REASON, choice == null ? null : choice.nativeFinishReason(),
                clear);
        put(message, LlmRouterConstants.LOGPROBS, choice == null ? null : choice.logprobs(), clear);
        if (answer == null) {
            put(message, LlmRouterConstants.CITATIONS, null, clear);
            put(message, LlmRouterConstants.ANNOTATIONS, null, clear);
            put(message, LlmRouterConstants.TOOL_CALLS, null, clear);
            put(message, LlmRouterConstants.REASONING, null, clear);
            put(message, LlmRouterConstants.REASONING_DETAILS, null, clear);
            put(message, LlmRouterConstants.REFUSAL, null, clear);
            put(message, LlmRouterConstants.IMAGES, null, clear);
            put(message, LlmRouterConstants.AUDIO, null, clear);
            return;
        }
        put(message, LlmRouterConstants.CITATIONS, citations(answer), clear);
        put(message, LlmRouterConstants.ANNOTATIONS, emptyToNull(answer.annotations()), clear);
        put(message, LlmRouterConstants.TOOL_CALLS, emptyToNull(answer.toolCalls()), clear);
        put(message, LlmRouterConstants.REASONING, answer.reasoning(), clear);
        put(message, LlmRouterConstants.REASONING_DETAILS, emptyToNull(answer.reasoningDetails()), clear);
        put(message, LlmRouterConstants.REFUSAL, answer.refusal(), clear);
        put(message, LlmRouterConstants.IMAGES, emptyToNull(answer.images()), clear);
        put(message, LlmRouterConstants.AUDIO, answer.audio(), clear);
    }

    private static <T> List<T> emptyToNull(List<T> list) {
        return list == null || list.isEmpty() ? null : list;
    }

    private static List<Citation> citations(ChatResponse.AssistantMessage answer) {
        if (answer.annotations() == null || answer.annotations().isEmpty()) {
            return null;
        }
        List<Citation> out = new ArrayList<>(answer.annotations().size());
        for (ChatResponse.Annotation a : answer.annotations()) {
            if ("url_citation".equals(a.type()) && a.urlCitation() != null) {
                ChatResponse.UrlCitation c = a.urlCitation();
                out.add(new Citation(c.url(), c.title(), c.content()));
            }
        }
        return out.isEmpty() ? null : List.copyOf(out);
    }

    private static Object readOutput(ChatResponse response, String content, Class<?> type) {
        java.math.BigDecimal cost = response.usage() == null ? null : response.usage().cost();
        if (content == null || content.isBlank()) {
            throw new MalformedResponseException(ErrorInfo.of(
                    "The answer has no content to read into " + type.getName()), response.id(), cost);
        }
        try {
            return WireJson.mapper().readValue(content, type);
        } catch (Exception e) {
            String snippet = content.length() > 200 ? content.substring(0, 200) + "..." : content;
            throw new MalformedResponseException(ErrorInfo.of(
                    "The answer is not a valid " + type.getName() + ": " + e.getClass().getSimpleName() + " for: "
                                                               + snippet, e), response.id(), cost);
        }
    }

    public static void set(Message message, String name, Object value) {
        put(message, name, value, true);
    }

    /** Sets the header, or removes it when the value is null and {@code clear} (else leaves it, as absent). */
    private static void put(Message message, String name, Object value, boolean clear) {
        if (value != null) {
            message.setHeader(name, value);
        } else if (clear && message.hasHeaders()) {
            message.removeHeader(name);
        }
    }

    /**
     * Writes a failure onto the message: the body is kept; the attempts header is set when there were attempts, and
     * the rate-limit headers when the failed answer had {@code X-RateLimit-*} headers. Then the exception is set.
     */
    public static void writeFailure(Exchange exchange, RuntimeException failure) {
        Message message = exchange.getMessage();
        if (failure instanceof LlmRouterException e && !e.getAttempts().isEmpty()) {
            message.setHeader(LlmRouterConstants.ATTEMPTS, e.getAttempts());
            message.setHeader(LlmRouterConstants.SKIPPED, skipped(e.getAttempts()));
        }
        if (failure instanceof LlmRouterException e && e.getRateLimit() != null) {
            RateLimit r = e.getRateLimit();
            setIfPresent(message, LlmRouterConstants.RATE_LIMIT_LIMIT, r.limit());
            setIfPresent(message, LlmRouterConstants.RATE_LIMIT_REMAINING, r.remaining());
            setIfPresent(message, LlmRouterConstants.RATE_LIMIT_RESET, r.reset());
        }
        exchange.setException(failure);
    }

    /** The headers of one {@code streamTo} exchange: its index, the generation id, and the restart mark. */
    public static void writeStreamPart(Message part, int index, String generationId, boolean restart) {
        part.setHeader(LlmRouterConstants.STREAM_INDEX, index);
        part.setHeader(LlmRouterConstants.GENERATION_ID, generationId);
        if (restart) {
            part.setHeader(LlmRouterConstants.STREAM_RESTART, Boolean.TRUE);
        }
    }

    private static void setIfPresent(Message message, String name, Object value) {
        if (value != null) {
            message.setHeader(name, value);
        }
    }
}
