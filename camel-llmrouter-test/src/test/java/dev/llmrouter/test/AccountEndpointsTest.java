package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountEndpointsTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final Http http = new Http(EMULATOR.baseUrl());

    @Test
    void modelsListCarriesTotalCountAndPagesByOffsetAndLimit() {
        int total = EmulatorCatalog.defaults().models().size();
        JsonNode all = Http.parse(http.get("/models").body());
        assertEquals(total, all.get("total_count").asInt());
        assertTrue(all.get("links").get("next").isNull());

        JsonNode first = Http.parse(http.get("/models?limit=2").body());
        assertEquals(2, first.get("data").size());
        assertEquals(total, first.get("total_count").asInt());
        assertEquals("/api/v1/models?offset=2&limit=2", first.at("/links/next").asText());
        assertEquals(all.at("/data/2/id"), Http.parse(http.get("/models?offset=2&limit=2").body()).at("/data/0/id"));

        JsonNode last = Http.parse(http.get("/models?offset=" + (total - 1) + "&limit=5").body());
        assertEquals(1, last.get("data").size());
        assertTrue(last.at("/links/next").isNull());
        assertEquals(0, Http.parse(http.get("/models?offset=999").body()).get("data").size());

        HttpResponse<String> bad = http.get("/models?limit=ten");
        assertEquals(400, bad.statusCode());
        assertEquals("offset and limit must be integers", Http.parse(bad.body()).at("/error/message").asText());
    }

    @Test
    void modelsListsTheCatalogWithStringPricesPerToken() {
        JsonNode data = Http.parse(http.get("/models").body()).get("data");
        assertEquals(EmulatorCatalog.defaults().models().size(), data.size());
        JsonNode haiku = data.get(0);
        assertEquals("anthropic/claude-haiku-4.5", haiku.get("id").asText());
        assertEquals(200000, haiku.get("context_length").asInt());
        assertEquals(Http.parse("""
                {"prompt":"0.000001","completion":"0.000005","request":"0","image":"0.0008","web_search":"0.01",
                 "internal_reasoning":"0","input_cache_read":"0.0000001","input_cache_write":"0.00000125"}"""), haiku.get("pricing"));
        assertEquals("text->text", haiku.get("architecture").get("modality").asText());
        assertEquals("Claude", haiku.get("architecture").get("tokenizer").asText());
        assertEquals(200000, haiku.get("top_provider").get("context_length").asInt());
        assertTrue(haiku.get("top_provider").has("max_completion_tokens"));
        assertTrue(haiku.get("top_provider").has("is_moderated"));
        assertTrue(haiku.get("supported_parameters").isArray());
        JsonNode embedding = data.get(data.size() - 1);
        assertEquals("embeddings", embedding.get("architecture").get("output_modalities").get(0).asText());
        assertEquals("0.00000002", embedding.get("pricing").get("prompt").asText());
    }

    @Test
    void generationRoundTrip() {
        JsonNode chat = http.chat("""
                {"model":"anthropic/claude-haiku-4.5","user":"u-42","messages":[{"role":"user","content":"Hello there"}]}""");
        String id = chat.get("id").asText();
        HttpResponse<String> r = http.get("/generation?id=" + id);
        assertEquals(200, r.statusCode());
        JsonNode d = Http.parse(r.body()).get("data");
        assertEquals(id, d.get("id").asText());
        assertEquals("anthropic/claude-haiku-4.5", d.get("model").asText());
        assertEquals("Anthropic", d.get("provider_name").asText());
        assertEquals(7, d.get("tokens_prompt").asInt());
        assertEquals(5, d.get("tokens_completion").asInt());
        assertEquals(chat.get("usage").get("cost"), d.get("total_cost"));
        assertEquals("stop", d.get("finish_reason").asText());
        assertEquals("u-42", d.get("external_user").asText());
        assertEquals("completions", d.get("api_type").asText());
        assertTrue(d.get("created_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*"));

        assertEquals(404, http.get("/generation?id=gen-emu-9999999999").statusCode());
        assertEquals(400, http.get("/generation").statusCode());
    }

    @Test
    void keyReportsUsageAndLimitThen402() {
        JsonNode before = Http.parse(http.get("/key").body()).get("data");
        assertEquals(Http.parse("""
                {"label":"emulator","limit":null,"limit_remaining":null,"limit_reset":null,
                 "usage":0,"usage_daily":0,"usage_weekly":0,"usage_monthly":0,"is_free_tier":false}"""),
                pick(before, "label", "limit", "limit_remaining", "limit_reset", "usage", "usage_daily",
                        "usage_weekly", "usage_monthly", "is_free_tier"));

        EMULATOR.emulator().keyLimit(new BigDecimal("0.00005"));
        String body = Http.userChat("anthropic/claude-haiku-4.5", "Hello there"); // costs 0.000032
        assertEquals(200, http.post("/chat/completions", body).statusCode());
        JsonNode mid = Http.parse(http.get("/key").body()).get("data");
        assertEquals(0, new BigDecimal("0.000032").compareTo(mid.get("usage").decimalValue()));
        assertEquals(0, new BigDecimal("0.000018").compareTo(mid.get("limit_remaining").decimalValue()));
        assertEquals(0, new BigDecimal("0.00005").compareTo(mid.get("limit").decimalValue()));

        assertEquals(200, http.post("/chat/completions", body).statusCode()); // usage 0.000064 >= limit
        HttpResponse<String> refused = http.post("/chat/completions", body);
        assertEquals(402, refused.statusCode());
        assertEquals(402, Http.parse(refused.body()).get("error").get("code").asInt());
        assertEquals(0, Http.parse(http.get("/key").body()).get("data").get("limit_remaining").decimalValue().signum());
    }

    @Test
    void embeddingsAreDeterministicVectors() {
        HttpResponse<String> r = http.post("/embeddings", """
                {"model":"openai/text-embedding-3-small","input":["hello world","other"],"dimensions":16}""");
        assertEquals(200, r.statusCode());
        JsonNode json = Http.parse(r.body());
        assertEquals("list", json.get("object").asText());
        assertEquals("openai/text-embedding-3-small", json.get("model").asText());
        assertEquals(2, json.get("data").size());
        assertEquals(1, json.get("data").get(1).get("index").asInt());
        assertEquals("embedding", json.get("data").get(0).get("object").asText());
        assertEquals(16, json.get("data").get(0).get("embedding").size());
        assertNotEquals(json.get("data").get(0).get("embedding"), json.get("data").get(1).get("embedding"));
        // ceil(11/4) + ceil(5/4) = 5 tokens at 0.00000002
        assertEquals(5, json.get("usage").get("prompt_tokens").asInt());
        assertEquals(5, json.get("usage").get("total_tokens").asInt());
        assertEquals(0, new BigDecimal("0.0000001").compareTo(json.get("usage").get("cost").decimalValue()));

        JsonNode again = Http.parse(http.post("/embeddings",
                "{\"model\":\"openai/text-embedding-3-small\",\"input\":\"hello world\"}").body());
        assertEquals(8, again.get("data").get(0).get("embedding").size());
        JsonNode first16 = json.get("data").get(0).get("embedding");
        JsonNode repeat = Http.parse(http.post("/embeddings", """
                {"model":"openai/text-embedding-3-small","input":"hello world","dimensions":16}""").body());
        assertEquals(first16, repeat.get("data").get(0).get("embedding"));
        assertEquals(400, http.post("/embeddings", "{\"model\":\"openai/text-embedding-3-small\"}").statusCode());
    }

    private static JsonNode pick(JsonNode node, String... fields) {
        var out = Http.MAPPER.createObjectNode();
        for (String f : fields) {
            out.set(f, node.get(f));
        }
        return out;
    }
}
