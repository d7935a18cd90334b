package dev.llmrouter.test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the emulator keeps of one served generation, for {@code GET /generation?id=}.
 *
 * @param id               generation id ({@code gen-emu-...})
 * @param apiType          {@code completions} or {@code embeddings}
 * @param model            served model id
 * @param provider         served provider name
 * @param promptTokens     prompt tokens
 * @param completionTokens completion tokens
 * @param cost             total cost in USD
 * @param createdAt        when it was served
 * @param finishReason     finish reason, or null when the stream was cut
 * @param streamed         whether it was streamed
 * @param searchResults    web search results added
 * @param latencyMs        scripted latency in milliseconds
 * @param user             the request's {@code user}, or null
 * @param sessionId        the request's session id, or null
 * @param userAgent        the User-Agent header, or null
 * @param referer          the HTTP-Referer header, or null
 * @param cachedTokens     prompt tokens read from the prompt cache
 */
record Generation(String id, String apiType, String model, String provider, int promptTokens, int completionTokens,
        BigDecimal cost, Instant createdAt, String finishReason, boolean streamed, int searchResults, long latencyMs,
        String user, String sessionId, String userAgent, String referer, int cachedTokens) {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** The {@code GetGenerationResponse} shape: {@code {"data":{...}}} with every field the spec requires. */
    ObjectNode toJson() {
        ObjectNode root = Json.object();
        ObjectNode d = root.putObject("data");
        d.put("id", id);
        d.put("upstream_id", "emu-upstream-" + id);
        d.set("total_cost", Json.money(cost));
        d.putNull("cache_discount");
        d.set("upstream_inference_cost", Json.money(cost));
        d.put("created_at", ISO.format(createdAt.atOffset(ZoneOffset.UTC)));
        d.put("model", model);
        d.putNull("app_id");
        d.put("streamed", streamed);
        d.put("cancelled", false);
        d.put("provider_name", provider);
        d.put("latency", latencyMs);
        d.putNull("moderation_latency");
        d.put("generation_time", latencyMs);
        d.put("finish_reason", finishReason);
        d.put("native_finish_reason", finishReason);
        d.putNull("service_tier");
        d.put("tokens_prompt", promptTokens);
        d.put("tokens_completion", completionTokens);
        d.put("native_tokens_prompt", promptTokens);
        d.put("native_tokens_completion", completionTokens);
        d.put("native_tokens_completion_images", 0);
        d.put("native_tokens_reasoning", 0);
        d.put("native_tokens_cached", cachedTokens);
        d.put("num_media_prompt", 0);
        d.put("num_input_audio_prompt", 0);
        d.put("num_media_completion", 0);
        d.put("num_search_results", searchResults);
        d.put("num_fetches", 0);
        if (searchResults > 0) {
            d.put("web_search_engine", "exa");
        } else {
            d.putNull("web_search_engine");
        }
        d.put("origin", referer == null ? "" : referer);
        d.set("usage", Json.money(cost));
        d.put("is_byok", false);
        d.put("external_user", user);
        d.put("api_type", apiType);
        d.putNull("preset_id");
        d.putNull("router");
        d.putNull("provider_responses");
        d.put("user_agent", userAgent);
        d.put("http_referer", referer);
        d.put("data_region", "global");
        d.putNull("workspace_id");
        d.put("session_id", sessionId);
        return root;
    }
}
