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
 * @param promptCost       prompt part of the cost
 * @param completionCost   completion part of the cost
 * @param cost             total cost: prompt + completion + request price + web search
 * @param searchResults    number of web search results (0 without search)
 * @param searchQuery      text the search was about
 */
record ChatCompletion(String id, long created, EmulatorModel model, EmulatorProvider provider, String content,
        List<ToolCall> toolCalls, String finishReason, int promptTokens, int completionTokens,
        BigDecimal promptCost, BigDecimal completionCost, BigDecimal cost, int searchResults, String searchQuery) {

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
