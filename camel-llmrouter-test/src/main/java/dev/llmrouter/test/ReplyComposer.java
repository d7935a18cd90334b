package dev.llmrouter.test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides what the emulated model answers and what it costs: a scripted reply, a sample of the requested
 * JSON schema, or an echo; tool calls for {@code TOOL_CALL:name:args} replies; truncation at
 * {@code max_tokens}; token and price arithmetic from the catalog.
 */
final class ReplyComposer {

    static final String TOOL_CALL_PREFIX = "TOOL_CALL:";

    private final EmulatorState state;

    ReplyComposer(EmulatorState state) {
        this.state = state;
    }

    /**
     * Composes the answer of {@code model} on {@code provider}.
     *
     * @param choiceError true when the answer is a choice-level error (no content, no completion tokens)
     */
    ChatCompletion compose(ChatRequest req, ModelSlug slug, EmulatorModel model, EmulatorProvider provider,
            boolean choiceError) {
        String id = state.nextGenerationId();
        String content = choiceError ? "" : content(req, slug, model);
        List<ChatCompletion.ToolCall> toolCalls = choiceError || !req.hasTools() || !content.startsWith(TOOL_CALL_PREFIX)
                ? List.of() : toolCalls(id, content);
        String finish = choiceError ? "error" : toolCalls.isEmpty() ? "stop" : "tool_calls";
        int completion;
        if (choiceError) {
            completion = 0;
        } else if (!toolCalls.isEmpty()) {
            content = null;
            int chars = toolCalls.stream().mapToInt(t -> t.name().length() + t.arguments().length()).sum();
            completion = Math.max(1, (chars + 3) / 4);
        } else {
            completion = TokenEstimator.completionTokens(content);
            int max = req.maxTokens();
            if (max > 0 && completion > max) {
                content = content.substring(0, Math.min(content.length(), max * 4));
                completion = Math.min(max, TokenEstimator.completionTokens(content));
                finish = "length";
            }
        }
        int prompt = req.promptTokens();
        int searches = choiceError ? 0 : req.searchResults(slug);
        BigDecimal promptCost = provider.promptPrice().multiply(BigDecimal.valueOf(prompt));
        BigDecimal completionCost = provider.completionPrice().multiply(BigDecimal.valueOf(completion));
        BigDecimal cost = promptCost.add(completionCost).add(provider.requestPrice());
        if (searches > 0) {
            cost = cost.add(provider.webSearchPrice());
        }
        return new ChatCompletion(id, Instant.now().getEpochSecond(), model, provider, content, toolCalls, finish,
                prompt, completion, promptCost, completionCost, cost, searches, req.lastUserText());
    }

    /** The first matching script in registration order; else a schema sample; else {@code "Echo: " + text}. */
    String content(ChatRequest req, ModelSlug slug, EmulatorModel model) {
        String text = req.lastUserText();
        for (EmulatorState.Script script : state.scripts()) {
            boolean modelMatches = script.model() == null || script.model().equals("*")
                    || script.model().equals(slug.requested()) || script.model().equals(model.id());
            if (modelMatches && text.contains(script.contains())) {
                return script.content();
            }
        }
        JsonNode schema = req.jsonSchema();
        if (schema != null) {
            return Json.write(SchemaSampler.sample(schema));
        }
        return "Echo: " + text;
    }

    /** Parses {@code TOOL_CALL:name:argsJson}, one call per line starting with the prefix. */
    private static List<ChatCompletion.ToolCall> toolCalls(String generationId, String content) {
        List<ChatCompletion.ToolCall> calls = new ArrayList<>();
        for (String chunk : content.split("\\R(?=" + TOOL_CALL_PREFIX + ")")) {
            String rest = chunk.substring(TOOL_CALL_PREFIX.length());
            int colon = rest.indexOf(':');
            String name = (colon < 0 ? rest : rest.substring(0, colon)).trim();
            String args = colon < 0 ? "" : rest.substring(colon + 1).trim();
            String callId = "call_" + generationId.substring("gen-".length()) + "_" + calls.size();
            calls.add(new ChatCompletion.ToolCall(callId, name, args.isEmpty() ? "{}" : args));
        }
        return calls;
    }
}
