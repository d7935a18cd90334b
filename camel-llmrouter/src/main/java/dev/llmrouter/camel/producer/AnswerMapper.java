package dev.llmrouter.camel.producer;

import java.util.ArrayList;
import java.util.List;

import dev.llmrouter.camel.LlmRouterConstants;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.plan.RequestTemplate;
import dev.llmrouter.camel.routing.ChatOutcome;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Citation;
import dev.llmrouter.camel.wire.Usage;
import dev.llmrouter.camel.wire.WireJson;
import org.apache.camel.Message;

/**
 * Writes an answer onto the message: the body, then the {@code CamelLlmRouter*} headers. The body is worked out
 * first, so an answer that cannot become the body (structured output that does not parse) leaves the message
 * exactly as it was; the exception then carries the generation id and the cost. A header whose value the answer
 * lacks is removed, so a second call on the same exchange never shows the first call's figures.
 */
public final class AnswerMapper {

    private AnswerMapper() {
    }

    public static void apply(Message message, ChatOutcome outcome, RequestTemplate template) {
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
        set(message, LlmRouterConstants.RESPONSE_MODEL, response.model());
        set(message, LlmRouterConstants.RESPONSE_PROVIDER, response.provider());
        set(message, LlmRouterConstants.GENERATION_ID, response.id());
        set(message, LlmRouterConstants.FINISH_REASON, choice.finishReason());
        usage(message, response.usage());
        answerFields(message, response, choice, answer);
        set(message, LlmRouterConstants.COST, outcome.totalCost());
        set(message, LlmRouterConstants.ATTEMPTS, outcome.attempts().isEmpty() ? null : outcome.attempts());
        set(message, LlmRouterConstants.SKIPPED, skipped(outcome.attempts()));
        set(message, LlmRouterConstants.TARGET, outcome.target());
        set(message, LlmRouterConstants.CACHE_HIT, outcome.target() == null ? null : outcome.cacheHit());
        set(message, LlmRouterConstants.OPENROUTER_CACHE_STATUS, outcome.serverCache());
    }

    /** The breakers the attempts skipped (header {@code CamelLlmRouterSkipped}), or null for none. */
    public static java.util.List<String> skipped(java.util.List<dev.llmrouter.camel.error.Attempt> attempts) {
        java.util.List<String> skipped = dev.llmrouter.camel.routing.CircuitBreakers.skipped(attempts);
        return skipped.isEmpty() ? null : skipped;
    }

    /** The headers known when a stream starts: who serves it and the attempts so far. */
    static void streamStarted(Message message, ChatStream stream) {
        set(message, LlmRouterConstants.RESPONSE_MODEL, stream.model());
        set(message, LlmRouterConstants.RESPONSE_PROVIDER, stream.provider());
        set(message, LlmRouterConstants.GENERATION_ID, stream.generationId());
        set(message, LlmRouterConstants.ATTEMPTS, stream.attempts().isEmpty() ? null : stream.attempts());
        set(message, LlmRouterConstants.SKIPPED, skipped(stream.attempts()));
        set(message, LlmRouterConstants.TARGET, stream.target());
        set(message, LlmRouterConstants.CACHE_HIT, null);
        answerFields(message, null, null, null);
        usage(message, null);
        set(message, LlmRouterConstants.FINISH_REASON, null);
    }

    /**
     * The headers known once a stream has ended: finish reason, usage, the total cost, and everything the chunks
     * carried besides the text (tool calls, annotations, reasoning, ...), as for a non-streamed answer.
     */
    static void streamEnded(Message message, ChatStream stream) {
        ChatResponse whole = stream.response();
        if (whole != null) {
            ChatResponse.Choice choice = whole.firstChoice();
            answerFields(message, whole, choice, choice == null ? null : choice.message());
        }
        set(message, LlmRouterConstants.FINISH_REASON, stream.finishReason());
        usage(message, stream.usage());
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
        set(message, LlmRouterConstants.PROMPT_TOKENS, usage == null ? null : usage.promptTokens());
        set(message, LlmRouterConstants.COMPLETION_TOKENS, usage == null ? null : usage.completionTokens());
        set(message, LlmRouterConstants.TOTAL_TOKENS, usage == null ? null : usage.totalTokens());
        set(message, LlmRouterConstants.COST, usage == null ? null : usage.cost());
        Usage.PromptTokensDetails prompt = usage == null ? null : usage.promptTokensDetails();
        set(message, LlmRouterConstants.CACHED_TOKENS, prompt == null ? null : prompt.cachedTokens());
        set(message, LlmRouterConstants.CACHE_WRITE_TOKENS, prompt == null ? null : prompt.cacheWriteTokens());
        Usage.CompletionTokensDetails completion = usage == null ? null : usage.completionTokensDetails();
        set(message, LlmRouterConstants.REASONING_TOKENS, completion == null ? null : completion.reasoningTokens());
        set(message, LlmRouterConstants.AUDIO_TOKENS, prompt == null ? null : prompt.audioTokens());
        set(message, LlmRouterConstants.IMAGE_TOKENS, completion == null ? null : completion.imageTokens());
        set(message, LlmRouterConstants.IS_BYOK, usage == null ? null : usage.isByok());
        Usage.CostDetails cost = usage == null ? null : usage.costDetails();
        set(message, LlmRouterConstants.UPSTREAM_COST, cost == null ? null : cost.upstreamInferenceCost());
        Usage.ServerToolUseDetails tools = usage == null ? null : usage.serverToolUseDetails();
        set(message, LlmRouterConstants.WEB_SEARCH_REQUESTS, tools == null ? null : tools.webSearchRequests());
    }

    /**
     * Sets the headers of the answer's fields other than usage, model and ids; all of them are removed when
     * {@code response} is null (a stream that has only started).
     */
    private static void answerFields(Message message, ChatResponse response, ChatResponse.Choice choice,
                                     ChatResponse.AssistantMessage answer) {
        set(message, LlmRouterConstants.SYSTEM_FINGERPRINT, response == null ? null : response.systemFingerprint());
        set(message, LlmRouterConstants.SERVICE_TIER, response == null ? null : response.serviceTier());
        set(message, LlmRouterConstants.OPENROUTER_METADATA, response == null ? null : response.openrouterMetadata());
        set(message, LlmRouterConstants.NATIVE_FINISH_REASON, choice == null ? null : choice.nativeFinishReason());
        set(message, LlmRouterConstants.LOGPROBS, choice == null ? null : choice.logprobs());
        if (answer == null) {
            set(message, LlmRouterConstants.CITATIONS, null);
            set(message, LlmRouterConstants.ANNOTATIONS, null);
            set(message, LlmRouterConstants.TOOL_CALLS, null);
            set(message, LlmRouterConstants.REASONING, null);
            set(message, LlmRouterConstants.REASONING_DETAILS, null);
            set(message, LlmRouterConstants.REFUSAL, null);
            set(message, LlmRouterConstants.IMAGES, null);
            set(message, LlmRouterConstants.AUDIO, null);
            return;
        }
        set(message, LlmRouterConstants.CITATIONS, citations(answer));
        set(message, LlmRouterConstants.ANNOTATIONS, emptyToNull(answer.annotations()));
        set(message, LlmRouterConstants.TOOL_CALLS, emptyToNull(answer.toolCalls()));
        set(message, LlmRouterConstants.REASONING, answer.reasoning());
        set(message, LlmRouterConstants.REASONING_DETAILS, emptyToNull(answer.reasoningDetails()));
        set(message, LlmRouterConstants.REFUSAL, answer.refusal());
        set(message, LlmRouterConstants.IMAGES, emptyToNull(answer.images()));
        set(message, LlmRouterConstants.AUDIO, answer.audio());
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
        if (value != null) {
            message.setHeader(name, value);
        } else if (message.hasHeaders()) {
            message.removeHeader(name);
        }
    }
}
