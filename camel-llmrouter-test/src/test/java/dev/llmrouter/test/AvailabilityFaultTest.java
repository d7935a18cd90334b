package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code error.availability}, rate-limit headers and the two kinds of 403. */
class AvailabilityFaultTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private static final String TWO_MODELS = """
            {"model":"anthropic/claude-haiku-4.5","models":["anthropic/claude-haiku-4.5","openai/gpt-4o-mini"],
             "messages":[{"role":"user","content":"hi"}]}""";

    private final Http http = new Http(EMULATOR.baseUrl());

    @Test
    void noProviderAvailableNamesFallbacksAndAffectedProviders() {
        EMULATOR.emulator().fault("*", EmulatorFault.noProviderAvailable());
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("anthropic/claude-haiku-4.5", "hi"));
        assertEquals(503, r.statusCode());
        assertEquals(Http.parse("""
                {"error":{"code":503,"message":"No available model provider meets your routing requirements",
                  "metadata":{"error_type":"provider_unavailable"},
                  "availability":{"code":"no_provider_available","retryable":true,"retry_after":null,
                    "fallback_models":[],"affected_providers":["Anthropic","Amazon Bedrock","Google Vertex"]}}}"""),
                Http.parse(r.body()));
        assertFalse(r.headers().firstValue("X-RateLimit-Limit").isPresent());
    }

    @Test
    void providerLevelAvailabilityNamesTheFailingProviderAndTheOtherCandidates() {
        EMULATOR.emulator().failProvider("Anthropic", EmulatorFault.noProviderAvailable())
                .fault("openai/gpt-4o-mini", EmulatorFault.status(502).times(1));
        HttpResponse<String> r = http.post("/chat/completions", """
                {"models":["openai/gpt-4o-mini","anthropic/claude-haiku-4.5"],"provider":{"only":["Anthropic","OpenAI"]},
                 "messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(503, r.statusCode()); // the last candidate's error is the answer
        assertEquals(Http.parse("""
                {"code":"no_provider_available","retryable":true,"retry_after":null,
                 "fallback_models":["openai/gpt-4o-mini"],"affected_providers":["Anthropic"]}"""),
                Http.parse(r.body()).at("/error/availability"));
    }

    @Test
    void explicitAvailabilityValuesAreSentAsGiven() {
        EMULATOR.emulator().fault("openai/gpt-4o-mini", EmulatorFault.noProviderAvailable()
                .availability(new EmulatorFault.Availability("no_provider_available", true, 30,
                        List.of("x/y"), List.of("Z"))));
        JsonNode error = Http.parse(http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi")).body());
        assertEquals(Http.parse("""
                {"code":"no_provider_available","retryable":true,"retry_after":30,
                 "fallback_models":["x/y"],"affected_providers":["Z"]}"""), error.at("/error/availability"));
    }

    @Test
    void unknownModelCarriesModelNotFoundAvailabilityWithTheRemainingCandidates() {
        HttpResponse<String> r = http.post("/chat/completions", """
                {"models":["openai/gpt-4o-mini","acme/missing"],"messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(200, r.statusCode()); // served by the first model
        HttpResponse<String> missing = http.post("/chat/completions", """
                {"models":["acme/missing","acme/gone"],"messages":[{"role":"user","content":"hi"}]}""");
        assertEquals(400, missing.statusCode());
        assertEquals(Http.parse("""
                {"error":{"code":400,"message":"acme/gone is not a valid model ID",
                  "metadata":{"code":"model_not_found","model":"acme/gone"},
                  "availability":{"code":"model_not_found","retryable":false,"retry_after":null,
                    "fallback_models":["acme/missing"],"affected_providers":[]}}}"""), Http.parse(missing.body()));
    }

    @Test
    void rateLimitedSendsRetryAfterRateLimitHeadersAndAvailability() {
        EMULATOR.emulator().fault("*", EmulatorFault.rateLimited(5).times(1));
        long before = System.currentTimeMillis();
        HttpResponse<String> r = http.post("/chat/completions", TWO_MODELS.replace(",\"openai/gpt-4o-mini\"", ""));
        assertEquals(429, r.statusCode());
        assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
        assertEquals("20", r.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("0", r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        long reset = Long.parseLong(r.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertTrue(reset >= before + 5000 && reset <= System.currentTimeMillis() + 5000, Long.toString(reset));
        assertEquals(Http.parse("""
                {"error":{"code":429,"message":"Rate limit exceeded: too many requests",
                  "metadata":{"error_type":"rate_limit_exceeded"},
                  "availability":{"code":"rate_limited","retryable":true,"retry_after":5,
                    "fallback_models":[],"affected_providers":["Anthropic","Amazon Bedrock","Google Vertex"]}}}"""),
                Http.parse(r.body()));
        assertEquals(200, http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi")).statusCode());
    }

    @Test
    void explicitRateLimitHeaders() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(429)
                .rateLimitHeaders(new EmulatorFault.RateLimit(100, 3, 1_800_000_000_000L)));
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
        assertEquals("100", r.headers().firstValue("X-RateLimit-Limit").orElseThrow());
        assertEquals("3", r.headers().firstValue("X-RateLimit-Remaining").orElseThrow());
        assertEquals("1800000000000", r.headers().firstValue("X-RateLimit-Reset").orElseThrow());
        assertFalse(Http.parse(r.body()).get("error").has("availability"));
    }

    @Test
    void forbiddenIsA403WithoutModerationMetadata() {
        EMULATOR.emulator().fault("*", EmulatorFault.forbidden("Only management keys can perform this operation"));
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "hi"));
        assertEquals(403, r.statusCode());
        assertEquals(Http.parse("""
                {"error":{"code":403,"message":"Only management keys can perform this operation"}}"""),
                Http.parse(r.body()));
    }

    @Test
    void moderationIsA403WithReasonsAndFlaggedInput() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(403));
        HttpResponse<String> r = http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "you idiot"));
        assertEquals(Http.parse("""
                {"error":{"code":403,"message":"Request flagged by moderation",
                  "metadata":{"reasons":["harassment"],"flagged_input":"you idiot","provider_name":"OpenAI",
                              "model_slug":"openai/gpt-4o-mini"}}}"""), Http.parse(r.body()));

        EMULATOR.emulator().reset();
        EMULATOR.emulator().failProvider("Azure", EmulatorFault.moderation(List.of("violence", "hate"), "the bad part"));
        HttpResponse<String> m = http.post("/chat/completions", """
                {"model":"openai/gpt-4o-mini","provider":{"only":["Azure"]},"messages":[{"role":"user","content":"x"}]}""");
        assertEquals(Http.parse("""
                {"error":{"code":403,"message":"Input was flagged by moderation",
                  "metadata":{"reasons":["violence","hate"],"flagged_input":"the bad part","provider_name":"Azure",
                              "model_slug":"openai/gpt-4o-mini"}}}"""), Http.parse(m.body()));
    }
}
