package dev.llmrouter.test;

import java.math.BigDecimal;
import java.util.List;

/**
 * One computed chat answer, before it is written as JSON or as an event stream.
 *
 * @param id               generation id
 * @param created          unix seconds
 * @param model            served model
 * @param provider         served provider
 * @param content          answer text ({@code null} when answering with tool calls)
 * @param toolCalls        tool calls, empty for a text answer
 * @param finishReason     stop, length, tool_calls or error
 * @param promptTokens     estimated prompt tokens
 * @param completionTokens estimated completion tokens
 * @param promptCost       prompt part of the cost (cache reads and writes at their own prices)
 * @param completionCost   completion part of the cost
 * @param cost             total cost: prompt + completion + request price + web search
 * @param searchResults    number of web search results (0 without search)
 * @param searchQuery      text the search was about
 * @param extras           the optional parts of the answer the request asked for
 */
record ChatCompletion(String id, long created, EmulatorModel model, EmulatorProvider provider, String content,
        List<ToolCall> toolCalls, String finishReason, int promptTokens, int completionTokens,
        BigDecimal promptCost, BigDecimal completionCost, BigDecimal cost, int searchResults, String searchQuery,
        Extras extras) {

    /**
     * The parts of an answer that depend on what the request asked for.
     *
     * @param reasoning         reasoning text shown to the caller, or null
     * @param reasoningTokens   reasoning tokens billed (also when the reasoning is excluded)
     * @param images            generated images as data URLs (empty unless {@code modalities} has image)
     * @param imageTokens       completion tokens spent on images
     * @param audioTokens       prompt tokens of {@code input_audio} parts
     * @param files             parsed {@code file} parts, answered as {@code file} annotations
     * @param serviceTier       the served tier, or null when the request named none
     * @param systemFingerprint the backend fingerprint
     * @param topLogprobs       alternatives per token when {@code logprobs} is on, else -1
     * @param cache             prompt tokens read from and written to the prompt cache ({@code cache_control})
     */
    record Extras(String reasoning, int reasoningTokens, List<String> images, int imageTokens, int audioTokens,
            List<ParsedFile> files, String serviceTier, String systemFingerprint, int topLogprobs,
            PromptCache.Use cache) {

        /** True when the request asked for {@code logprobs}. */
        boolean logprobs() {
            return topLogprobs >= 0;
        }
    }

    /**
     * A file the file-parser plugin read.
     *
     * @param name file name
     * @param hash SHA-256 of the file data, hex
     * @param text the parsed text
     */
    record ParsedFile(String name, String hash, String text) {
    }

    /**
     * One function call of the assistant.
     *
     * @param id        call id
     * @param name      function name
     * @param arguments arguments as a JSON string
     */
    record ToolCall(String id, String name, String arguments) {
    }

    int totalTokens() {
        return promptTokens + completionTokens;
    }
}
