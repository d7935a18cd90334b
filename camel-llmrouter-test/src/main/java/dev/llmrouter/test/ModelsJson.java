package dev.llmrouter.test;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /models}: the catalog in the spec's {@code ModelsListResponse} shape ({@code data}, {@code total_count},
 * {@code links.next}), paged by {@code offset} and {@code limit} when either is given, else the whole list.
 */
final class ModelsJson {

    /** A fixed creation date (2025-01-01T00:00:00Z) keeps the listing deterministic. */
    static final long CREATED = 1_735_689_600L;

    private static final List<String> CHAT_PARAMETERS = List.of("max_tokens", "temperature", "top_p", "stop",
            "seed", "frequency_penalty", "presence_penalty", "response_format", "structured_outputs", "tools",
            "tool_choice", "parallel_tool_calls");

    private static final Map<String, String> TOKENIZERS = Map.of("anthropic", "Claude", "openai", "GPT",
            "meta-llama", "Llama3", "mistralai", "Mistral", "google", "Gemini", "qwen", "Qwen",
            "deepseek", "DeepSeek", "x-ai", "Grok", "cohere", "Cohere");

    /** The spec's largest page. */
    static final int MAX_LIMIT = 1000;

    private ModelsJson() {
    }

    /** The whole catalog. */
    static ObjectNode list(EmulatorCatalog catalog) {
        return list(catalog, null, null);
    }

    /**
     * One page of the catalog.
     *
     * @param offset models to skip, null for 0
     * @param limit  most models to list (1..1000), null for all when {@code offset} is null too
     */
    static ObjectNode list(EmulatorCatalog catalog, Integer offset, Integer limit) {
        List<EmulatorModel> models = catalog.models();
        int from = offset == null ? 0 : Math.min(Math.max(offset, 0), models.size());
        int count = limit != null ? Math.max(1, Math.min(limit, MAX_LIMIT))
                : offset == null ? models.size() : MAX_LIMIT;
        int to = Math.min(models.size(), from + count);
        ObjectNode root = Json.object();
        ArrayNode data = root.putArray("data");
        for (EmulatorModel m : models.subList(from, to)) {
            data.add(model(m));
        }
        root.put("total_count", models.size());
        ObjectNode links = root.putObject("links");
        if (to < models.size()) {
            links.put("next", "/api/v1/models?offset=" + to + "&limit=" + count);
        } else {
            links.putNull("next");
        }
        return root;
    }

    static ObjectNode model(EmulatorModel m) {
        ObjectNode n = Json.object();
        n.put("id", m.id());
        n.put("canonical_slug", m.id());
        n.put("name", m.name());
        n.put("created", CREATED);
        n.put("description", "Emulated " + m.name() + " (OpenRouter emulator catalog).");
        n.put("context_length", m.contextLength());
        ObjectNode arch = n.putObject("architecture");
        String output = m.embeddings() ? "embeddings" : "text";
        arch.put("modality", "text->" + output);
        arch.putArray("input_modalities").add("text");
        arch.putArray("output_modalities").add(output);
        arch.put("tokenizer", TOKENIZERS.getOrDefault(m.author(), "Other"));
        arch.putNull("instruct_type");
        n.set("pricing", pricing(m.providers().isEmpty() ? null : m.providers().get(0)));
        ObjectNode top = n.putObject("top_provider");
        top.put("context_length", m.contextLength());
        if (m.embeddings()) {
            top.putNull("max_completion_tokens");
        } else {
            top.put("max_completion_tokens", Math.min(m.contextLength(), 16_384));
        }
        top.put("is_moderated", "anthropic".equals(m.author()) || "openai".equals(m.author()));
        n.putNull("per_request_limits");
        ArrayNode params = n.putArray("supported_parameters");
        if (!m.embeddings()) {
            CHAT_PARAMETERS.forEach(params::add);
            if (m.reasoning() || "anthropic".equals(m.author())) {
                params.add("reasoning").add("include_reasoning");
            }
        }
        n.putNull("default_parameters");
        n.putNull("supported_voices");
        n.putNull("expiration_date");
        n.putNull("knowledge_cutoff");
        n.putObject("links").put("details", "/api/v1/models/" + m.id() + "/endpoints");
        if (m.reasoning()) {
            ObjectNode reasoning = n.putObject("reasoning");
            reasoning.put("mandatory", true);
            reasoning.put("default_enabled", true);
            reasoning.put("default_effort", "medium");
            reasoning.putArray("supported_efforts").add("high").add("medium").add("low");
        }
        return n;
    }

    /** Prices as strings in USD per token (per request, image or search), from the first provider. */
    private static ObjectNode pricing(EmulatorProvider p) {
        ObjectNode pricing = Json.object();
        pricing.put("prompt", Json.plain(p == null ? null : p.promptPrice()));
        pricing.put("completion", Json.plain(p == null ? null : p.completionPrice()));
        pricing.put("request", Json.plain(p == null ? null : p.requestPrice()));
        pricing.put("image", Json.plain(p == null ? null : p.imagePrice()));
        pricing.put("web_search", Json.plain(p == null ? null : p.webSearchPrice()));
        pricing.put("internal_reasoning", "0");
        pricing.put("input_cache_read", Json.plain(p == null ? null : p.cacheReadPrice()));
        pricing.put("input_cache_write", Json.plain(p == null ? null : p.cacheWritePrice()));
        return pricing;
    }
}
