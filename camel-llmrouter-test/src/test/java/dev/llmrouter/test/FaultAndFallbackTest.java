package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultAndFallbackTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private static final String FALLBACK_BODY = """
            {"model":"anthropic/claude-haiku-4.5","models":["openai/gpt-4o-mini","anthropic/claude-haiku-4.5"],
             "messages":[{"role":"user","content":"hi"}]}""";

    private final Http http = new Http(EMULATOR.baseUrl());

    @Test
    void modelFallbackServesTheNextModel() {
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503));
        HttpResponse<String> r = http.post("/chat/completions", FALLBACK_BODY);
        assertEquals(200, r.statusCode());
        JsonNode json = Http.parse(r.body());
        assertEquals("openai/gpt-4o-mini", json.get("model").asText());
        assertEquals("OpenAI", json.get("provider").asText());
    }

    @Test
    void whenEveryModelFailsTheLastErrorIsReturnedWithRetryAfter() {
        EMULATOR.emulator()
                .fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503).message("haiku down"))
                .fault("openai/gpt-4o-mini", EmulatorFault.status(429).message("slow down")
                        .errorType("rate_limit_exceeded").metadata(Map.of("provider_name", "OpenAI"))
                        .retryAfter("7"));
        HttpResponse<String> r = http.post("/chat/completions", FALLBACK_BODY);
        assertEquals(429, r.statusCode());
        assertEquals("7", r.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(Http.parse("""
                {"error":{"code":429,"message":"slow down",
                  "metadata":{"provider_name":"OpenAI","error_type":"rate_limit_exceeded"}}}"""), Http.parse(r.body()));
    }

    @Test
    void timesLimitsAFaultToTheFirstRequests() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(502).times(2));
        String body = Http.userChat("openai/gpt-4o-mini", "hi");
        assertEquals(502, http.post("/chat/completions", body).statusCode());
        assertEquals(502, http.post("/chat/completions", body).statusCode());
        assertEquals(200, http.post("/chat/completions", body).statusCode());
        assertEquals(3, EMULATOR.emulator().chatRequests().size());
    }

    @Test
    void choiceErrorIsHttp200WithAnErrorChoice() {
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.choiceError(502, "upstream broke"));
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
        assertEquals(200, r.statusCode());
        JsonNode choice = Http.parse(r.body()).get("choices").get(0);
        assertEquals("error", choice.get("finish_reason").asText());
        assertEquals(Http.parse("{\"code\":502,\"message\":\"upstream broke\"}"), choice.get("error"));
    }

    @Test
    void rawBodyIsSentVerbatim() {
        EMULATOR.emulator().fault("*", EmulatorFault.rawBody(502, "text/html", "<html>bad gateway</html>"));
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
        assertEquals(502, r.statusCode());
        assertEquals("text/html", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("<html>bad gateway</html>", r.body());

        EMULATOR.emulator().reset();
        EMULATOR.emulator().fault("*", EmulatorFault.rawBody(200, "application/json", "{\"choices\":[").times(1));
        assertEquals("{\"choices\":[", http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "x")).body());
    }

    @Test
    void connectionResetFailsTheExchange() {
        EMULATOR.emulator().fault("*", EmulatorFault.connectionReset().times(1));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi")));
        assertTrue(e.getCause() instanceof IOException);
        assertEquals(200, http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi")).statusCode());
    }

    @Test
    void providerFailureFallsBackToTheNextProviderUnlessFallbacksAreOff() {
        EMULATOR.emulator().failProvider("Anthropic", EmulatorFault.status(503));
        JsonNode served = http.chat(Http.userChat("anthropic/claude-haiku-4.5", "hi"));
        assertEquals("Amazon Bedrock", served.get("provider").asText());

        HttpResponse<String> strict = http.post("/chat/completions", """
                {"model":"anthropic/claude-haiku-4.5","provider":{"allow_fallbacks":false},
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(503, strict.statusCode());
    }

    @Test
    void delaysDoNotBlockOtherRequests() {
        // a delay long enough that a loaded machine cannot blur it: the undelayed answer comes while 40 wait
        Duration delay = Duration.ofSeconds(2);
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.delayOnly(delay));
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            slow.add(CompletableFuture.supplyAsync(
                    () -> http.post("/chat/completions", Http.userChat("anthropic/claude-haiku-4.5", "slow"))));
        }
        HttpResponse<String> fast = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "fast"));
        long fastMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, fast.statusCode());
        assertTrue(fastMs < delay.toMillis(), "an undelayed request waited " + fastMs + " ms");
        slow.forEach(f -> assertEquals(200, f.join().statusCode()));
        long allMs = (System.nanoTime() - start) / 1_000_000;
        // 40 delayed requests overlap: far less than 40 delays in a row
        assertTrue(allMs >= delay.toMillis() && allMs < 10 * delay.toMillis(),
                "40 delayed requests took " + allMs + " ms");
    }

    @Test
    void faultDelayIsApplied() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(500).delay(Duration.ofMillis(250)).times(1));
        long start = System.nanoTime();
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
        assertEquals(500, r.statusCode());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 240);
    }
}
