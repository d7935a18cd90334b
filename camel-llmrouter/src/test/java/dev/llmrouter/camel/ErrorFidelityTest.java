package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmrouter.camel.error.Attempt;
import dev.llmrouter.camel.error.Availability;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.ForbiddenException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.ResponseTooLargeException;
import dev.llmrouter.camel.error.UpstreamException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a failure carries, and what it must not: the API key never passes from a server's error text into an
 * exception, its metadata or the attempts header; a 403 is moderation only with moderation metadata; answers
 * larger than Jackson's default string limit are read, answers larger than {@code maxResponseSize} fail without
 * moving on; {@code error.availability} and {@code X-RateLimit-*} reach the exception and the exchange.
 */
class ErrorFidelityTest extends WireMockTestSupport {

    private static final String PRIMARY = "/api/v1/chat/completions";
    private static final String BACKUP = "/backup/v1/chat/completions";
    /** A key of no recognizable shape: only a redactor that knows it can find it. */
    private static final String PLAIN_KEY = "plainkey-4242-abcd-9876";
    private static final String BACKUP_KEY = "backup-secret-0123456789";

    @Override
    protected CamelHarness createHarness() {
        return new CamelHarness("http://127.0.0.1:" + server.port() + "/api/v1", c -> {
            LlmRouterTarget backup = new LlmRouterTarget();
            backup.setBaseUrl("http://127.0.0.1:" + server.port() + "/backup/v1");
            backup.setApiKey(BACKUP_KEY);
            c.addTarget("backup", backup);
        }, null);
    }

    /** A chat endpoint with the key of no recognizable shape. */
    private String plainKeyChat(String options) {
        return "llmrouter:chat?apiKey=" + PLAIN_KEY + "&baseUrl=http://127.0.0.1:" + server.port() + "/api/v1&"
               + options;
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String answer(String content) {
        return "{\"id\":\"gen-1\",\"model\":\"a/b\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
               + "\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"}}]}";
    }

    @SuppressWarnings("unchecked")
    private static List<Attempt> attempts(Exchange ex) {
        return ex.getMessage().getHeader(LlmRouterConstants.ATTEMPTS, List.class);
    }

    /** Nothing the exchange or the exception shows contains any of the keys; the marker shows where one was. */
    private static void assertNoKey(Exchange ex, LlmRouterException e, String... keys) {
        String everything = e.getMessage() + " | " + e.getMetadata() + " | " + e.getAttempts() + " | "
                            + attempts(ex) + " | " + ex.getMessage().getHeaders();
        for (String key : keys) {
            assertFalse(everything.contains(key), everything);
        }
        assertTrue(e.getMessage().contains("[REDACTED]"), e.getMessage());
        assertEquals(e.getAttempts(), attempts(ex));
        assertTrue(e.getAttempts().get(e.getAttempts().size() - 1).detail().contains("[REDACTED]"),
                e.getAttempts().toString());
    }

    // --- defect 4: the key never leaks through the server's text ---

    @Test
    void keyEchoedInErrorMessageAndMetadataIsRedacted() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(400, "{\"error\":{\"code\":400,\"message\":"
                + "\"Invalid request header Authorization: Bearer " + CamelHarness.API_KEY + "\",\"metadata\":{"
                + "\"raw\":\"{\\\"headers\\\":{\\\"authorization\\\":\\\"Bearer " + CamelHarness.API_KEY
                + "\\\"}}\",\"provider_name\":\"OpenAI\",\"nested\":{\"echo\":[\"" + CamelHarness.API_KEY
                + "\"]}}}}")));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "original body");

        BadRequestException e = assertInstanceOf(BadRequestException.class, ex.getException());
        assertNoKey(ex, e, CamelHarness.API_KEY);
        assertEquals("HTTP 400 from POST /chat/completions at openrouter: Invalid request header Authorization: "
                     + "Bearer [REDACTED]", e.getMessage());
        assertEquals("{\"headers\":{\"authorization\":\"Bearer [REDACTED]\"}}", e.getMetadata().get("raw"));
        assertEquals("OpenAI", e.getMetadata().get("provider_name"));
        assertEquals(Map.of("echo", List.of("[REDACTED]")), e.getMetadata().get("nested"));
        assertEquals("original body", ex.getMessage().getBody());
    }

    @Test
    void configuredKeysOfAnyShapeAreRedactedForEveryTarget() {
        // the primary echoes its own key, the backup the backup's: neither looks like a token
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(503, "{\"error\":{\"code\":503,\"message\":"
                + "\"key " + PLAIN_KEY + " is overloaded\"}}")));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(400, "{\"error\":{\"code\":400,\"message\":"
                + "\"unknown key " + BACKUP_KEY + " (primary was " + PLAIN_KEY + ")\"}}")));

        Exchange ex = camel.send(plainKeyChat("targets=openrouter,backup&maxRetries=0&model=a/b"), "original body");

        BadRequestException e = assertInstanceOf(BadRequestException.class, ex.getException());
        assertNoKey(ex, e, PLAIN_KEY, BACKUP_KEY);
        assertEquals("HTTP 400 from POST /chat/completions at backup: unknown key [REDACTED] (primary was "
                     + "[REDACTED])", e.getMessage());
        assertEquals(List.of(503, 400), e.getAttempts().stream().map(Attempt::status).toList());
        assertTrue(e.getAttempts().get(0).detail().endsWith("key [REDACTED] is overloaded"),
                e.getAttempts().get(0).detail());
    }

    @Test
    void keyInPlainTextErrorBodyIsRedacted() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "text/plain")
                .withBody("upstream rejected Authorization: Bearer " + PLAIN_KEY + " and sk-or-v1-0123456789abcdef")));

        Exchange ex = camel.send(plainKeyChat("maxRetries=0&model=a/b"), "original body");

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertNoKey(ex, e, PLAIN_KEY, "sk-or-v1-0123456789abcdef");
        assertEquals("HTTP 500 from POST /chat/completions at openrouter: upstream rejected Authorization: Bearer "
                     + "[REDACTED] and [REDACTED]", e.getMessage());
    }

    @Test
    void keyInStreamedErrorChunkIsRedacted() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(": OPENROUTER PROCESSING\n\ndata: {\"error\":{\"code\":400,\"message\":\"key " + PLAIN_KEY
                          + " may not use this model\",\"metadata\":{\"raw\":\"" + PLAIN_KEY + "\"}},"
                          + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]}\n\n"
                          + "data: [DONE]\n\n")));

        Exchange ex = camel.send(plainKeyChat("stream=true&maxRetries=0&model=a/b"), "original body");

        BadRequestException e = assertInstanceOf(BadRequestException.class, ex.getException());
        assertNoKey(ex, e, PLAIN_KEY);
        assertEquals("Error 400 reported in the answer of POST /chat/completions at openrouter: key [REDACTED] may not"
                     + " use this model", e.getMessage());
        assertEquals("[REDACTED]", e.getMetadata().get("raw"));
    }

    @Test
    void keyInErrorChunkAfterTheFirstDeltaIsRedactedInTheSplit() throws Exception {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                          + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}\n\n"
                          + "data: {\"error\":{\"code\":502,\"message\":\"upstream saw " + PLAIN_KEY + "\"},"
                          + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"error\"}]}\n\n")));
        String uri = plainKeyChat("stream=true&maxRetries=0&model=a/b");
        try (CamelHarness routed = new CamelHarness("http://127.0.0.1:" + server.port() + "/api/v1", null,
                new org.apache.camel.builder.RouteBuilder() {
                    @Override
                    public void configure() {
                        from("direct:split").to(uri).split(body()).streaming().to("mock:delta").end();
                    }
                })) {
            Exchange ex = routed.template.send("direct:split", e -> e.getMessage().setBody("Hi"));

            UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
            assertEquals("Error 502 reported in the answer of POST /chat/completions at openrouter: upstream saw"
                         + " [REDACTED]", e.getMessage());
        }
    }

    @Test
    void keyInMalformedStreamChunkIsRedacted() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody("data: proxy error for " + PLAIN_KEY + "\n\ndata: [DONE]\n\n")));

        Exchange ex = camel.send(plainKeyChat("stream=true&maxRetries=0&model=a/b"), "original body");

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertNoKey(ex, e, PLAIN_KEY);
    }

    // --- defect 5: large answers ---

    @Test
    void answerOverJacksonsDefaultStringLimitIsRead() {
        int length = 21_000_000;
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(200, answer("x".repeat(length)))));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "Hello");

        assertNull(ex.getException());
        assertEquals(length, ex.getMessage().getBody(String.class).length());
        server.verify(1, postRequestedFor(urlEqualTo(PRIMARY)));
    }

    @Test
    void answerOverMaxResponseSizeFailsAndDoesNotMoveOn() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(200, answer("y".repeat(5000)))));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(200, answer("small"))));

        Exchange ex = camel.send(camel.chat("targets=openrouter,backup&maxRetries=2&retryDelay=1"
                                            + "&maxResponseSize=1000&model=a/b"), "original body");

        ResponseTooLargeException e = assertInstanceOf(ResponseTooLargeException.class, ex.getException());
        assertEquals("The answer to POST http://127.0.0.1:" + server.port() + PRIMARY + " is larger than "
                     + "maxResponseSize (1000 bytes); reading stopped there. Raise option maxResponseSize, or ask for"
                     + " a shorter answer", e.getMessage());
        assertEquals(1000, e.getLimit());
        assertFalse(e.isRetryable());
        assertEquals("original body", ex.getMessage().getBody());
        server.verify(1, postRequestedFor(urlEqualTo(PRIMARY)));
        server.verify(0, postRequestedFor(urlEqualTo(BACKUP)));
        assertEquals(List.of(Attempt.Outcome.FAILED), attempts(ex).stream().map(Attempt::outcome).toList());
    }

    @Test
    void streamOverMaxResponseSizeFailsAndDoesNotMoveOn() {
        // keep-alive comments count too: the limit is on every byte of the stream
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withBody(": OPENROUTER PROCESSING\n\n".repeat(200) + "data: [DONE]\n\n")));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(200, answer("small"))));

        Exchange ex = camel.send(camel.chat("targets=openrouter,backup&stream=true&maxRetries=2&retryDelay=1"
                                            + "&maxResponseSize=2000&model=a/b"), "original body");

        ResponseTooLargeException e = assertInstanceOf(ResponseTooLargeException.class, ex.getException());
        assertTrue(e.getMessage().contains("larger than maxResponseSize (2000 bytes)"), e.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo(PRIMARY)));
        server.verify(0, postRequestedFor(urlEqualTo(BACKUP)));
    }

    @Test
    void maxResponseSizeMustBePositive() {
        Exception e = assertThrows(Exception.class, () -> camel.context.getEndpoint(camel.chat("maxResponseSize=0")));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertEquals("Invalid value 0 for maxResponseSize: must be more than 0 (bytes)", root.getMessage());
    }

    @Test
    void malformedJsonChainsJacksonsException() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(200, "{\"id\":\"gen-1\",\"choices\":[")));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "original body");

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertInstanceOf(JsonProcessingException.class, e.getCause());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    // --- defect 6: only moderation metadata makes a 403 moderation ---

    @Test
    void forbiddenWithoutModerationMetadataStopsEvenWithFallbackOnModeration() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(403,
                "{\"error\":{\"code\":403,\"message\":\"Only management keys can perform this operation\"}}")));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(200, answer("from backup"))));

        Exchange ex = camel.send(camel.chat("targets=openrouter,backup&maxRetries=2&retryDelay=1"
                                            + "&fallbackOn=moderation&model=a/b"), "original body");

        ForbiddenException e = assertInstanceOf(ForbiddenException.class, ex.getException());
        assertEquals(403, e.getStatusCode());
        assertFalse(e.isRetryable());
        assertEquals("HTTP 403 from POST /chat/completions at openrouter: Only management keys can perform this"
                     + " operation", e.getMessage());
        server.verify(1, postRequestedFor(urlEqualTo(PRIMARY)));
        server.verify(0, postRequestedFor(urlEqualTo(BACKUP)));
    }

    @Test
    void forbiddenWithModerationMetadataIsModerationAndMovesOnWhenAsked() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(403, "{\"error\":{\"code\":403,\"message\":"
                + "\"Input was flagged\",\"metadata\":{\"reasons\":[\"violence\"],\"flagged_input\":\"...\"}}}")));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(200, answer("from backup"))));

        Exchange stops = camel.send(camel.chat("targets=openrouter,backup&maxRetries=2&model=a/b"), "x");
        ModerationException e = assertInstanceOf(ModerationException.class, stops.getException());
        assertEquals(List.of("violence"), e.getReasons());
        server.verify(0, postRequestedFor(urlEqualTo(BACKUP)));

        Exchange movesOn = camel.send(camel.chat("targets=openrouter,backup&maxRetries=2&fallbackOn=moderation"
                                                 + "&model=a/b"), "x");
        assertNull(movesOn.getException());
        assertEquals("from backup", movesOn.getMessage().getBody());
        assertEquals(List.of(403, 200), attempts(movesOn).stream().map(Attempt::status).toList());
    }

    // --- error.availability ---

    private static final String UNAVAILABLE = "{\"error\":{\"code\":503,\"message\":\"Provider unavailable\","
            + "\"availability\":{\"code\":\"provider_overloaded\",\"retryable\":false,\"retry_after\":3,"
            + "\"fallback_models\":[\"openai/gpt-4o-mini\"],\"affected_providers\":[\"OpenAI\",\"Azure\"]}}}";

    @Test
    void availabilityIsOnTheException() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(503, UNAVAILABLE)));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "x");

        UpstreamException e = assertInstanceOf(UpstreamException.class, ex.getException());
        assertEquals(new Availability("provider_overloaded", false, java.time.Duration.ofSeconds(3),
                List.of("openai/gpt-4o-mini"), List.of("OpenAI", "Azure")), e.getAvailability());
        assertNull(e.getRetryAfter(), "no Retry-After header");
    }

    @Test
    void availabilityNotRetryableMovesOnWithoutRetrying() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(503, UNAVAILABLE)));
        server.stubFor(post(urlEqualTo(BACKUP)).willReturn(json(200, answer("from backup"))));

        Exchange ex = camel.send(camel.chat("targets=openrouter,backup&maxRetries=2&retryDelay=1&model=a/b"), "x");

        assertNull(ex.getException());
        assertEquals("from backup", ex.getMessage().getBody());
        server.verify(1, postRequestedFor(urlEqualTo(PRIMARY)));
        assertEquals(List.of(503, 200), attempts(ex).stream().map(Attempt::status).toList());
    }

    @Test
    void availabilityRetryAfterIsTheWaitWithoutARetryAfterHeader() {
        server.stubFor(post(urlEqualTo(PRIMARY)).inScenario("s").whenScenarioStateIs("Started")
                .willReturn(json(429, "{\"error\":{\"code\":429,\"message\":\"Slow down\",\"availability\":"
                                      + "{\"retryable\":true,\"retry_after\":0.2}}}"))
                .willSetStateTo("second"));
        server.stubFor(post(urlEqualTo(PRIMARY)).inScenario("s").whenScenarioStateIs("second")
                .willReturn(json(200, answer("late"))));

        // the backoff alone would wait 10 to 20 s
        Exchange ex = camel.send(camel.chat("maxRetries=1&retryDelay=20000&maxRetryDelay=60000&model=a/b"), "x");

        assertNull(ex.getException());
        assertEquals("late", ex.getMessage().getBody());
        long waited = attempts(ex).get(1).waitedMs();
        assertEquals(200, waited);
    }

    // --- X-RateLimit-* headers ---

    @Test
    void rateLimitHeadersReachTheExchangeAndTheException() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(429,
                "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}")
                .withHeader("X-RateLimit-Limit", "20").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", "1767225600000")));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "original body");

        RateLimitException e = assertInstanceOf(RateLimitException.class, ex.getException());
        assertNotNull(e.getRateLimit());
        assertEquals(20L, e.getRateLimit().limit());
        assertEquals(0L, e.getRateLimit().remaining());
        assertEquals(1767225600000L, e.getRateLimit().reset());
        assertEquals(20L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_LIMIT));
        assertEquals(0L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_REMAINING));
        assertEquals(1767225600000L, ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_RESET));
        assertEquals("original body", ex.getMessage().getBody());
    }

    @Test
    void noRateLimitHeadersWhenTheServerSentNone() {
        server.stubFor(post(urlEqualTo(PRIMARY)).willReturn(json(429,
                "{\"error\":{\"code\":429,\"message\":\"Rate limit exceeded\"}}")));

        Exchange ex = camel.send(camel.chat("maxRetries=0&model=a/b"), "x");

        assertNull(((LlmRouterException) ex.getException()).getRateLimit());
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.RATE_LIMIT_LIMIT));
    }
}
