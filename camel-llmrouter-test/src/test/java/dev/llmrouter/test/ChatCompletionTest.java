package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChatCompletionTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final Http http = new Http(EMULATOR.baseUrl());

    @Test
    void echoesWithUsageAndCostFromTheCatalog() {
        JsonNode r = http.chat(Http.userChat("anthropic/claude-haiku-4.5", "Hello there"));

        assertEquals("gen-emu-0000000001", r.get("id").asText());
        assertEquals("chat.completion", r.get("object").asText());
        assertEquals("anthropic/claude-haiku-4.5", r.get("model").asText());
        assertEquals("Anthropic", r.get("provider").asText());
        assertTrue(r.get("system_fingerprint").asText().matches("fp_[0-9a-f]{10}"), r.toString());
        assertFalse(r.has("service_tier")); // only echoed when the request names a tier
        assertTrue(r.get("created").asLong() > 1_700_000_000L);
        assertEquals(Http.parse("""
                {"index":0,"message":{"role":"assistant","content":"Echo: Hello there"},
                 "finish_reason":"stop","native_finish_reason":"end_turn","logprobs":null}"""), r.get("choices").get(0));
        // prompt: ceil(11/4)+4 = 7; completion: ceil(17/4) = 5; 7 * 0.000001 + 5 * 0.000005 = 0.000032
        assertEquals(Http.parse("""
                {"prompt_tokens":7,"completion_tokens":5,"total_tokens":12,"cost":0.000032,"is_byok":false,
                 "prompt_tokens_details":{"cached_tokens":0,"cache_write_tokens":0,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"image_tokens":0},
                 "cost_details":{"upstream_inference_cost":0.000032,"upstream_inference_prompt_cost":0.000007,
                                 "upstream_inference_completions_cost":0.000025}}"""), r.get("usage"));
    }

    @Test
    void costIsWrittenAsAPlainDecimalNumber() {
        HttpResponse<String> raw = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "Hi"));
        // prompt 1+4 = 5 tokens * 0.00000015 + completion ceil(8/4) = 2 tokens * 0.0000006
        assertTrue(raw.body().contains("\"cost\":0.00000195"), raw.body());
        assertEquals("application/json", raw.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void scriptedRepliesMatchTheLastUserMessage() {
        EMULATOR.emulator().reply("weather", "Sunny and warm")
                .reply("openai/gpt-4o-mini", "capital", "Paris (mini)")
                .reply("capital", "Paris");
        String body = """
                {"model":"anthropic/claude-haiku-4.5","messages":[
                  {"role":"system","content":"be brief"},
                  {"role":"user","content":"what is the weather?"},
                  {"role":"assistant","content":"..."},
                  {"role":"user","content":[{"type":"text","text":"and the capital of France?"}]}]}""";
        assertEquals("Paris", content(http.chat(body)));
        assertEquals("Paris (mini)", content(http.chat(body.replace("anthropic/claude-haiku-4.5", "openai/gpt-4o-mini"))));
        assertEquals("Sunny and warm", content(http.chat(Http.userChat("openai/gpt-4o-mini", "weather today"))));
        EMULATOR.emulator().replyJson("json please", "{\"ok\":true}");
        assertEquals("{\"ok\":true}", content(http.chat(Http.userChat("openai/gpt-4o-mini", "json please"))));
    }

    @Test
    void jsonSchemaGetsAMinimalDeterministicInstance() {
        String body = """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"extract"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,"schema":{
                   "type":"object","properties":{
                     "name":{"type":"string"},"age":{"type":"integer"},"score":{"type":"number"},
                     "active":{"type":"boolean"},"tier":{"type":"string","enum":["gold","silver"]},
                     "tags":{"type":"array","items":{"type":"string"}},
                     "address":{"$ref":"#/$defs/address"},
                     "nickname":{"type":["string","null"]}},
                   "$defs":{"address":{"type":"object","properties":{"city":{"type":"string"},"zip":{"type":"integer"}}}}}}}}""";
        JsonNode parsed = Http.parse(content(http.chat(body)));
        assertEquals(Http.parse("""
                {"name":"sample","age":0,"score":0.0,"active":false,"tier":"gold","tags":["sample"],
                 "address":{"city":"sample","zip":0},"nickname":"sample"}"""), parsed);
    }

    @Test
    void toolCallScriptAnswersWithToolCalls() {
        EMULATOR.emulator().reply("weather", "TOOL_CALL:get_weather:{\"city\":\"Paris\"}");
        String body = """
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":"weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}}]}""";
        JsonNode choice = http.chat(body).get("choices").get(0);
        assertEquals("tool_calls", choice.get("finish_reason").asText());
        assertTrue(choice.get("message").get("content").isNull());
        JsonNode call = choice.get("message").get("tool_calls").get(0);
        assertEquals("function", call.get("type").asText());
        assertEquals("get_weather", call.get("function").get("name").asText());
        assertEquals("{\"city\":\"Paris\"}", call.get("function").get("arguments").asText());
        assertFalse(call.get("id").asText().isEmpty());
    }

    @Test
    void maxTokensTruncatesWithFinishReasonLength() {
        EMULATOR.emulator().reply("long", "abcdefghijklmnopqrstuvwxyz");
        JsonNode r = http.chat("""
                {"model":"openai/gpt-4o-mini","max_tokens":2,"messages":[{"role":"user","content":"long"}]}""");
        assertEquals("abcdefgh", content(r));
        assertEquals("length", r.get("choices").get(0).get("finish_reason").asText());
        assertEquals(2, r.get("usage").get("completion_tokens").asInt());
    }

    @Test
    void onlineSuffixAndWebPluginAddCitationsAndSearchCost() {
        JsonNode r = http.chat(Http.userChat("openai/gpt-4o-mini:online", "news"));
        assertEquals("openai/gpt-4o-mini", r.get("model").asText());
        JsonNode annotations = r.get("choices").get(0).get("message").get("annotations");
        assertEquals(3, annotations.size());
        assertEquals("url_citation", annotations.get(0).get("type").asText());
        assertEquals("https://example.com/result-2", annotations.get(1).get("url_citation").get("url").asText());
        assertEquals(1, r.get("usage").get("server_tool_use_details").get("web_search_requests").asInt());
        // 5 prompt tokens, 3 completion tokens ("Echo: news"), plus 0.004 per search
        BigDecimal expected = new BigDecimal("0.00000015").multiply(BigDecimal.valueOf(5))
                .add(new BigDecimal("0.0000006").multiply(BigDecimal.valueOf(3))).add(new BigDecimal("0.004"));
        assertEquals(0, expected.compareTo(r.get("usage").get("cost").decimalValue()));

        JsonNode plugin = http.chat("""
                {"model":"openai/gpt-4o-mini","plugins":[{"id":"web","max_results":5}],
                 "messages":[{"role":"user","content":"news"}]}""");
        assertEquals(5, plugin.get("choices").get(0).get("message").get("annotations").size());
        JsonNode disabled = http.chat("""
                {"model":"openai/gpt-4o-mini","plugins":[{"id":"web","enabled":false}],
                 "messages":[{"role":"user","content":"news"}]}""");
        assertFalse(disabled.get("choices").get(0).get("message").has("annotations"));
    }

    @Test
    void unknownModelIs400ModelNotFound() {
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("nope/none", "hi"));
        assertEquals(400, r.statusCode());
        JsonNode error = Http.parse(r.body()).get("error");
        assertEquals(400, error.get("code").asInt());
        assertEquals("model_not_found", error.get("metadata").get("code").asText());
    }

    @Test
    void freeModelCostsNothingAndMalformedBodyIs400() {
        JsonNode r = http.chat(Http.userChat("mistralai/mistral-small-3.2-24b-instruct:free", "hi"));
        assertEquals("mistralai/mistral-small-3.2-24b-instruct:free", r.get("model").asText());
        assertEquals("Chutes", r.get("provider").asText());
        assertEquals(0, r.get("usage").get("cost").decimalValue().signum());

        HttpResponse<String> bad = http.post("/chat/completions", "{not json");
        assertEquals(400, bad.statusCode());
        assertEquals(400, Http.parse(bad.body()).get("error").get("code").asInt());
    }

    @Test
    void missingOrWrongKeyIs401() {
        HttpResponse<String> none = http.send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(EMULATOR.baseUrl() + "/chat/completions"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Http.userChat("openai/gpt-4o-mini", "x")))
                .build());
        assertEquals(401, none.statusCode());
        assertEquals(401, Http.parse(none.body()).get("error").get("code").asInt());

        EMULATOR.emulator().requireApiKey("sk-or-right");
        assertEquals(401, http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "x")).statusCode());
        Http right = new Http(EMULATOR.baseUrl(), "sk-or-right");
        assertEquals(200, right.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "x")).statusCode());
    }

    @Test
    void unknownPathIs404ErrorBody() {
        HttpResponse<String> r = http.get("/nothing/here");
        assertEquals(404, r.statusCode());
        assertEquals(404, Http.parse(r.body()).get("error").get("code").asInt());
    }

    static String content(JsonNode response) {
        return response.get("choices").get(0).get("message").get("content").asText();
    }
}
