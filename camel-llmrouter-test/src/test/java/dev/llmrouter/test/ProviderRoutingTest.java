package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProviderRoutingTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private static final String LLAMA = "meta-llama/llama-3.3-70b-instruct";

    private final Http http = new Http(EMULATOR.baseUrl());

    private String servedBy(String model, String provider) {
        String body = "{\"model\":\"" + model + "\",\"provider\":" + provider
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> r = http.post("/chat/completions", body);
        assertEquals(200, r.statusCode(), r.body());
        return Http.parse(r.body()).get("provider").asText();
    }

    @Test
    void catalogOrderByDefault() {
        assertEquals("DeepInfra", servedBy(LLAMA, "{}"));
        assertEquals("Anthropic", servedBy("anthropic/claude-haiku-4.5", "{}"));
    }

    @Test
    void orderComesFirst() {
        assertEquals("Groq", servedBy(LLAMA, "{\"order\":[\"groq\",\"together\"]}"));
        assertEquals("Google Vertex", servedBy("anthropic/claude-haiku-4.5", "{\"order\":[\"Google Vertex\"]}"));
    }

    @Test
    void onlyAndIgnore() {
        assertEquals("Together", servedBy(LLAMA, "{\"only\":[\"Together\"]}"));
        assertEquals("Together", servedBy(LLAMA, "{\"ignore\":[\"DeepInfra\"]}"));
        assertEquals("Amazon Bedrock", servedBy("anthropic/claude-haiku-4.5", "{\"ignore\":[\"anthropic\"]}"));
    }

    @Test
    void zdrDataCollectionAndQuantizations() {
        assertEquals("Amazon Bedrock", servedBy("anthropic/claude-haiku-4.5", "{\"zdr\":true}"));
        assertEquals("Together", servedBy(LLAMA, "{\"data_collection\":\"deny\"}"));
        assertEquals("Groq", servedBy(LLAMA, "{\"quantizations\":[\"fp16\"]}"));
    }

    @Test
    void maxPriceInUsdPerMillionAsStringsOrNumbers() {
        // DeepInfra prompt 0.23/M completion 0.40/M; Together 0.88/0.88; Groq 0.12/0.30
        assertEquals("Groq", servedBy(LLAMA, "{\"max_price\":{\"prompt\":\"0.2\"}}"));
        assertEquals("DeepInfra", servedBy(LLAMA, "{\"max_price\":{\"prompt\":0.5,\"completion\":0.5}}"));
    }

    @Test
    void sortByPricePicksTheCheapest() {
        assertEquals("Groq", servedBy(LLAMA, "{\"sort\":\"price\"}"));
        assertEquals("Groq", servedBy(LLAMA, "{\"sort\":{\"by\":\"price\",\"partition\":\"none\"}}"));
        assertEquals("Anthropic", servedBy("anthropic/claude-haiku-4.5", "{\"sort\":\"price\"}"));
        assertEquals("Groq", servedBy(LLAMA + ":floor", "{}"));
    }

    @Test
    void noQualifyingProviderIs404() {
        HttpResponse<String> r = http.post("/chat/completions", """
                {"model":"meta-llama/llama-3.3-70b-instruct","provider":{"max_price":{"prompt":0.01}},
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(404, r.statusCode());
        assertEquals(Http.parse("""
                {"error":{"code":404,
                  "message":"No endpoints found matching your provider constraints, data policy or max price",
                  "metadata":{"model":"meta-llama/llama-3.3-70b-instruct"}}}"""), Http.parse(r.body()));
    }

    @Test
    void noQualifyingProviderFallsBackToTheNextModel() {
        JsonNode r = http.chat("""
                {"models":["mistralai/mistral-small-3.2-24b-instruct:free","openai/gpt-4o-mini"],
                 "provider":{"data_collection":"deny"},"messages":[{"role":"user","content":"hi"}]}""");
        assertEquals("openai/gpt-4o-mini", r.get("model").asText());
    }

    @Test
    void orderWithoutFallbacksUsesOnlyTheListedProviders() {
        EMULATOR.emulator().failProvider("groq", EmulatorFault.status(503).times(1));
        HttpResponse<String> r = http.post("/chat/completions", """
                {"model":"meta-llama/llama-3.3-70b-instruct",
                 "provider":{"order":["Groq"],"allow_fallbacks":false},
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(503, r.statusCode());
        assertEquals("Together", servedBy(LLAMA, "{\"order\":[\"Together\"],\"allow_fallbacks\":false}"));
    }
}
