package dev.llmrouter.camel;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.llmrouter.camel.error.AuthenticationException;
import dev.llmrouter.camel.error.BadRequestException;
import dev.llmrouter.camel.error.ContextLengthExceededException;
import dev.llmrouter.camel.error.InsufficientCreditsException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.error.ModerationException;
import dev.llmrouter.camel.error.NoProviderException;
import dev.llmrouter.camel.error.NotFoundException;
import dev.llmrouter.camel.error.RateLimitException;
import dev.llmrouter.camel.error.RequestTimeoutException;
import dev.llmrouter.camel.error.UpstreamException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error class from its HTTP status and body, including errors inside an HTTP 200 answer. In every case the
 * exchange keeps its original body and gets no answer headers.
 */
class ErrorMappingTest extends WireMockTestSupport {

    private static String error(int code, String message, String metadata) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\""
               + (metadata == null ? "" : ",\"metadata\":" + metadata) + "}}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of(json(400, error(400, "openai/gpt-9 is not a valid model ID",
                        "{\"code\":\"model_not_found\"}")), BadRequestException.class, 400, false,
                        "openai/gpt-9 is not a valid model ID"),
                Arguments.of(json(400, error(400, "This endpoint's maximum context length is 8192 tokens",
                        "{\"error_type\":\"context_length_exceeded\"}")), ContextLengthExceededException.class, 400,
                        false, "maximum context length"),
                Arguments.of(json(401, error(401, "No auth credentials found", null)), AuthenticationException.class,
                        401, false, "No auth credentials found"),
                Arguments.of(json(402, error(402, "Insufficient credits", null)), InsufficientCreditsException.class,
                        402, false, "Insufficient credits"),
                Arguments.of(json(403, error(403, "Input was flagged",
                        "{\"reasons\":[\"violence\",\"harassment\"],\"flagged_input\":\"...\",\"provider_name\":\"OpenAI\","
                                                                      + "\"model_slug\":\"openai/gpt-4o\"}")),
                        ModerationException.class, 403, false, "Input was flagged"),
                Arguments.of(json(404, error(404, "No endpoints found matching your data policy", null)),
                        NoProviderException.class, 404, false, "No endpoints found"),
                Arguments.of(json(404, error(404, "Generation gen-x not found", null)), NotFoundException.class, 404,
                        false, "Generation gen-x not found"),
                Arguments.of(json(408, error(408, "Request timed out", null)), RequestTimeoutException.class, 408,
                        true, "Request timed out"),
                Arguments.of(json(429, error(429, "Rate limit exceeded", "{\"error_type\":\"rate_limit_exceeded\"}"))
                        .withHeader("Retry-After", "7"), RateLimitException.class, 429, true, "Rate limit exceeded"),
                Arguments.of(json(500, error(500, "Internal Server Error", null)), UpstreamException.class, 500, true,
                        "Internal Server Error"),
                Arguments.of(json(502, error(502, "Provider returned error", null)), UpstreamException.class, 502,
                        true, "Provider returned error"),
                Arguments.of(json(503, error(503, "No allowed providers are available for the selected model", null)),
                        NoProviderException.class, 503, true, "No allowed providers"),
                Arguments.of(json(503, error(503, "Service overloaded", null)), UpstreamException.class, 503, true,
                        "Service overloaded"),
                Arguments.of(json(524, error(524, "Provider timed out", null)), UpstreamException.class, 524, true,
                        "Provider timed out"),
                Arguments.of(json(529, error(529, "Provider overloaded", null)), UpstreamException.class, 529, true,
                        "Provider overloaded"),
                Arguments.of(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                        .withBody("<html>Bad gateway</html>"), UpstreamException.class, 502, true, "<html>Bad gateway"),
                // errors inside HTTP 200
                Arguments.of(json(200, "{\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"error\","
                                       + "\"message\":{\"role\":\"assistant\",\"content\":\"\"},"
                                       + "\"error\":{\"code\":502,\"message\":\"Upstream provider crashed\"}}]}"),
                        UpstreamException.class, 502, true, "Upstream provider crashed"),
                Arguments.of(json(200, "{\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"error\","
                                       + "\"message\":{\"role\":\"assistant\",\"content\":\"partial\"}}]}"),
                        UpstreamException.class, 502, true, "finish_reason 'error'"),
                Arguments.of(json(200, "{\"error\":{\"code\":429,\"message\":\"Slow down\"}}"), RateLimitException.class,
                        429, true, "Slow down"),
                // malformed answers
                Arguments.of(json(200, "{\"id\":\"gen-1\",\"choices\":["), MalformedResponseException.class, 200,
                        false, "not valid JSON"),
                Arguments.of(aResponse().withStatus(200).withHeader("Content-Type", "application/json"),
                        MalformedResponseException.class, 200, false, "empty body"),
                Arguments.of(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html/>"),
                        MalformedResponseException.class, 200, false, "content type text/html"),
                Arguments.of(json(200, "{\"id\":\"gen-1\",\"choices\":[]}"), MalformedResponseException.class, 200,
                        false, "no choices"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("statuses")
    void mapsToItsTypedException(
            ResponseDefinitionBuilder answer, Class<? extends LlmRouterException> type, int status, boolean retryable,
            String messagePart) {
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(answer));
        Exchange ex = camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o"), "original body");

        LlmRouterException e = assertInstanceOf(type, ex.getException());
        assertEquals(status, e.getStatusCode());
        assertEquals(retryable, e.isRetryable(), "retryable");
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
        assertFalse(e.getMessage().contains(CamelHarness.API_KEY));
        assertEquals("original body", ex.getMessage().getBody());
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.COST));
        assertNull(ex.getMessage().getHeader(LlmRouterConstants.RESPONSE_MODEL));
    }

    @Test
    void aNoContentAnswerHasNoBodyAndFailsAsEmpty() {
        // 204: HttpClient hands over no entity at all, so the reply is made at the head
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(aResponse().withStatus(204)));
        Exchange ex = camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o"), "original body");

        MalformedResponseException e = assertInstanceOf(MalformedResponseException.class, ex.getException());
        assertEquals(204, e.getStatusCode());
        assertTrue(e.getMessage().contains("empty body"), e.getMessage());
        assertEquals("original body", ex.getMessage().getBody());
        assertEquals(1, server.getAllServeEvents().size());
    }

    @Test
    void theSameContentTypeTwiceIsReadTheSameAndAnUnknownCharsetFailsTheCall() {
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/JSON; charset=utf-8")
                        .withBody("{\"id\":\"gen-1\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                                  + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}")));
        for (int i = 0; i < 2; i++) {
            Exchange ok = camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o"), "hi");
            assertNull(ok.getException(), () -> String.valueOf(ok.getException()));
            assertEquals("ok", ok.getMessage().getBody());
        }

        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=x-no-such-charset")
                        .withBody("{}")));
        Exchange ex = camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o"), "original body");
        LlmRouterException e = assertInstanceOf(LlmRouterException.class, ex.getException());
        assertTrue(e.getMessage().contains("failed"), e.getMessage());
        assertInstanceOf(java.nio.charset.UnsupportedCharsetException.class, e.getCause());
        assertEquals("original body", ex.getMessage().getBody());
        assertEquals(3, server.getAllServeEvents().size());
    }

    @Test
    void rateLimitCarriesRetryAfterInSecondsAndErrorType() {
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(
                json(429, error(429, "Rate limit exceeded", "{\"error_type\":\"rate_limit_exceeded\"}"))
                        .withHeader("Retry-After", "7")));
        RateLimitException e = assertInstanceOf(RateLimitException.class,
                camel.send(camel.chat("maxRetries=0&model=a/b"), "x").getException());
        assertEquals(Duration.ofSeconds(7), e.getRetryAfter());
        assertEquals("rate_limit_exceeded", e.getErrorType());
    }

    @Test
    void retryAfterAsHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(120));
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(
                json(503, error(503, "Service overloaded", null)).withHeader("Retry-After", date)));
        UpstreamException e = assertInstanceOf(UpstreamException.class,
                camel.send(camel.chat("maxRetries=0&model=a/b"), "x").getException());
        assertNotNull(e.getRetryAfter());
        assertTrue(e.getRetryAfter().getSeconds() > 100 && e.getRetryAfter().getSeconds() <= 120,
                e.getRetryAfter().toString());
    }

    @Test
    void moderationExposesReasonsAndFlaggedInput() {
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(json(403, error(403,
                "Input was flagged", "{\"reasons\":[\"violence\"],\"flagged_input\":\"the bad part\","
                                     + "\"provider_name\":\"OpenAI\",\"model_slug\":\"openai/gpt-4o\"}"))));
        ModerationException e = assertInstanceOf(ModerationException.class,
                camel.send(camel.chat("maxRetries=0&model=openai/gpt-4o"), "x").getException());
        assertEquals(List.of("violence"), e.getReasons());
        assertEquals("the bad part", e.getFlaggedInput());
        assertEquals("OpenAI", e.getProviderName());
        assertEquals("openai/gpt-4o", e.getModelSlug());
        assertEquals(Map.of("reasons", List.of("violence"), "flagged_input", "the bad part", "provider_name", "OpenAI",
                "model_slug", "openai/gpt-4o"), e.getMetadata());
    }
}
