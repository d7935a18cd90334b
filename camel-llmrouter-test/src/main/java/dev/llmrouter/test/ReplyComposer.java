package dev.llmrouter.test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Decides what the emulated model answers and what it costs: a scripted reply, a sample of the requested
 * JSON schema, or an echo; tool calls for {@code TOOL_CALL:name:args} replies; truncation at
 * {@code max_tokens}; the optional parts the request asks for ({@link ChatCompletion.Extras}: reasoning, images,
 * parsed files, audio tokens, served tier, fingerprint, logprobs); token and price arithmetic from the catalog.
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
        String prefill = req.assistantPrefill();
        if (!choiceError && prefill != null && !prefill.isEmpty() && content.startsWith(prefill)) {
            // like a model given the start of its answer: it writes the rest
            content = content.substring(prefill.length());
        }
        List<ChatCompletion.ToolCall> toolCalls = choiceError || !req.toolsCallable() || !content.startsWith(TOOL_CALL_PREFIX)
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
        PromptCache.Use cache = state.promptCache().use(model.id() + "|" + provider.name(), req.root());
        ChatCompletion.Extras extras = choiceError ? none(req, model, provider, cache)
                : extras(req, model, provider, cache);
        completion += extras.reasoningTokens() + extras.imageTokens();
        int prompt = req.promptTokens() + extras.audioTokens();
        int searches = choiceError ? 0 : req.searchResults(slug);
        int uncached = prompt - cache.readTokens() - cache.writeTokens();
        BigDecimal promptCost = provider.promptPrice().multiply(BigDecimal.valueOf(uncached))
                .add(provider.cacheReadPrice().multiply(BigDecimal.valueOf(cache.readTokens())))
                .add(provider.cacheWritePrice().multiply(BigDecimal.valueOf(cache.writeTokens())));
        BigDecimal completionCost = provider.completionPrice().multiply(BigDecimal.valueOf(completion));
        BigDecimal cost = promptCost.add(completionCost).add(provider.requestPrice());
        if (searches > 0) {
            cost = cost.add(provider.webSearchPrice());
        }
        return new ChatCompletion(id, Instant.now().getEpochSecond(), model, provider, content, toolCalls, finish,
                prompt, completion, promptCost, completionCost, cost, searches, req.lastUserText(), extras);
    }

    /** A 1x1 transparent PNG, the image every image-output answer carries. */
    static final String PNG_DATA_URL = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /** Completion tokens billed per generated image. */
    static final int IMAGE_TOKENS = 1290;

    /** Prompt tokens billed per {@code input_audio} part. */
    static final int AUDIO_TOKENS_PER_PART = 25;

    private static ChatCompletion.Extras extras(ChatRequest req, EmulatorModel model, EmulatorProvider provider,
            PromptCache.Use cache) {
        String topic = req.lastUserText();
        topic = topic.length() > 60 ? topic.substring(0, 60) : topic;
        String reasoning = null;
        int reasoningTokens = 0;
        if (req.reasons(model)) {
            String text = "The user asks: \"" + topic + "\". I will restate the point and answer briefly.";
            reasoningTokens = TokenEstimator.completionTokens(text);
            reasoning = req.showsReasoning(model) ? text : null;
        }
        List<String> images = req.wantsImage() ? List.of(PNG_DATA_URL) : List.of();
        List<ChatCompletion.ParsedFile> files = new ArrayList<>();
        for (JsonNode part : req.fileParts()) {
            JsonNode file = part.path("file");
            String name = Json.text(file.get("filename"));
            name = name == null || name.isBlank() ? "file-" + (files.size() + 1) : name;
            String data = Json.text(file.get("file_data"));
            String source = data != null ? data : String.valueOf(Json.text(file.get("file_id")));
            files.add(new ChatCompletion.ParsedFile(name, sha256(source), "Parsed text of " + name + "."));
        }
        String tier = req.serviceTier();
        String served = tier == null ? null : "auto".equals(tier) ? "default" : tier;
        return new ChatCompletion.Extras(reasoning, reasoningTokens, images, images.size() * IMAGE_TOKENS,
                req.audioParts().size() * AUDIO_TOKENS_PER_PART, List.copyOf(files), served,
                fingerprint(model, provider), req.logprobs() ? req.topLogprobs() : -1, cache);
    }

    /** A choice error answers nothing, but keeps the echoed tier, the fingerprint and the prompt cache's use. */
    private static ChatCompletion.Extras none(ChatRequest req, EmulatorModel model, EmulatorProvider provider,
            PromptCache.Use cache) {
        String tier = req.serviceTier();
        return new ChatCompletion.Extras(null, 0, List.of(), 0, 0, List.of(),
                tier == null ? null : "auto".equals(tier) ? "default" : tier, fingerprint(model, provider), -1, cache);
    }

    /** {@code fp_} and ten hex digits, stable per model and provider. */
    static String fingerprint(EmulatorModel model, EmulatorProvider provider) {
        return "fp_" + sha256(model.id() + "|" + provider.name()).substring(0, 10);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * When the request ends with tool results, the first matching tool script; else the first matching script in
     * registration order; else a schema sample; else {@code "Echo: " + text}. Scripts that call a tool are skipped
     * when the request's {@code tool_choice} is {@code none}.
     */
    String content(ChatRequest req, ModelSlug slug, EmulatorModel model) {
        List<ChatRequest.ToolResult> results = req.trailingToolResults();
        // with tool_choice none a script that calls a tool does not apply: the model must answer in text
        boolean callable = req.toolsCallable();
        for (EmulatorState.ToolScript script : results.isEmpty() ? List.<EmulatorState.ToolScript>of()
                : state.toolScripts()) {
            if (!modelMatches(script.model(), slug, model) || !callable && script.content().startsWith(TOOL_CALL_PREFIX)) {
                continue;
            }
            for (ChatRequest.ToolResult r : results) {
                if ((script.tool() == null || script.tool().equals(r.tool())) && r.text().contains(script.contains())) {
                    return script.content();
                }
            }
        }
        String text = req.lastUserText();
        for (EmulatorState.Script script : state.scripts()) {
            if (modelMatches(script.model(), slug, model) && text.contains(script.contains())
                && (callable || !script.content().startsWith(TOOL_CALL_PREFIX))) {
                return script.content();
            }
        }
        JsonNode schema = req.jsonSchema();
        if (schema != null) {
            return Json.write(SchemaSampler.sample(schema));
        }
        return "Echo: " + text;
    }

    private static boolean modelMatches(String scripted, ModelSlug slug, EmulatorModel model) {
        return scripted == null || scripted.equals("*") || scripted.equals(slug.requested())
               || scripted.equals(model.id());
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
