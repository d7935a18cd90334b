package dev.llmrouter.camel;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Citation;
import dev.llmrouter.camel.wire.ToolCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Every field of a full OpenRouter answer lands in its header, and the body follows responseMode. */
class ResponseMappingTest {

    static WireMockServer server;
    private CamelHarness camel;

    @BeforeAll
    static void startServer() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String fixture;
        try (InputStream in = ResponseMappingTest.class.getResourceAsStream("/fixtures/chat-full-response.json")) {
            fixture = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        server.stubFor(post(urlEqualTo("/api/v1/chat/completions"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(fixture)));
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void start() {
        camel = new CamelHarness("http://127.0.0.1:" + server.port() + "/api/v1");
    }

    @AfterEach
    void stop() {
        camel.close();
    }

    @Test
    void everyResponseFieldBecomesAHeader() {
        Exchange ex = camel.send(camel.chat("model=meta-llama/llama-3.3-70b-instruct"), "Capital of France?");
        assertNull(ex.getException());
        Message m = ex.getMessage();
        assertEquals("Paris is the capital of France [1].", m.getBody());
        assertEquals("meta-llama/llama-3.3-70b-instruct", m.getHeader(LlmRouterConstants.RESPONSE_MODEL));
        assertEquals("DeepInfra", m.getHeader(LlmRouterConstants.RESPONSE_PROVIDER));
        assertEquals("gen-1732200000-AbCdEf123456", m.getHeader(LlmRouterConstants.GENERATION_ID));
        assertEquals("tool_calls", m.getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(1250, m.getHeader(LlmRouterConstants.PROMPT_TOKENS));
        assertEquals(87, m.getHeader(LlmRouterConstants.COMPLETION_TOKENS));
        assertEquals(1337, m.getHeader(LlmRouterConstants.TOTAL_TOKENS));
        assertEquals(1024, m.getHeader(LlmRouterConstants.CACHED_TOKENS));
        assertEquals(200, m.getHeader(LlmRouterConstants.CACHE_WRITE_TOKENS));
        assertEquals(12, m.getHeader(LlmRouterConstants.REASONING_TOKENS));
        // exact to the last digit: no double rounding
        assertEquals(new BigDecimal("0.000123456789012345"), m.getHeader(LlmRouterConstants.COST));
        assertEquals(new BigDecimal("0.0001"), m.getHeader(LlmRouterConstants.UPSTREAM_COST));
        assertEquals(2, m.getHeader(LlmRouterConstants.WEB_SEARCH_REQUESTS));
        assertEquals(List.of(
                new Citation("https://example.org/paris", "Paris", "Paris is the capital and largest city of France."),
                new Citation("https://example.org/france", "France", "France, a country in Western Europe.")),
                m.getHeader(LlmRouterConstants.CITATIONS));
        assertEquals(List.of(new ToolCall("call_01", "function",
                new ToolCall.Function("lookup_city", "{\"city\":\"Paris\"}"))), m.getHeader(LlmRouterConstants.TOOL_CALLS));
    }

    @Test
    void fullModeReturnsTheWholeResponse() {
        Exchange ex = camel.send(camel.chat("model=x/y&responseMode=full"), "Hi");
        ChatResponse r = assertInstanceOf(ChatResponse.class, ex.getMessage().getBody());
        assertEquals("gen-1732200000-AbCdEf123456", r.id());
        assertEquals("The user asks for a capital.", r.firstChoice().message().reasoning());
        assertEquals("tool_calls", r.firstChoice().nativeFinishReason());
    }

    @Test
    void headersTheAnswerLacksAreRemoved() {
        server.stubFor(post(urlEqualTo("/api/v1/minimal/chat/completions")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"gen-2\",\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                          + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}")));
        String uri = "llmrouter:chat?apiKey=k&model=m&baseUrl=http://127.0.0.1:" + server.port() + "/api/v1/minimal";
        Exchange ex = camel.template.send(uri, e -> {
            e.getMessage().setBody("Hi");
            for (String h : new String[] { LlmRouterConstants.COST, LlmRouterConstants.UPSTREAM_COST,
                                           LlmRouterConstants.PROMPT_TOKENS, LlmRouterConstants.CITATIONS,
                                           LlmRouterConstants.TOOL_CALLS, LlmRouterConstants.RESPONSE_PROVIDER,
                                           LlmRouterConstants.CACHED_TOKENS, LlmRouterConstants.WEB_SEARCH_REQUESTS }) {
                e.getMessage().setHeader(h, "from an earlier call");
            }
        });
        Message m = ex.getMessage();
        assertEquals("ok", m.getBody());
        assertEquals("gen-2", m.getHeader(LlmRouterConstants.GENERATION_ID));
        for (String h : new String[] { LlmRouterConstants.COST, LlmRouterConstants.UPSTREAM_COST,
                                       LlmRouterConstants.PROMPT_TOKENS, LlmRouterConstants.CITATIONS,
                                       LlmRouterConstants.TOOL_CALLS, LlmRouterConstants.RESPONSE_PROVIDER,
                                       LlmRouterConstants.CACHED_TOKENS, LlmRouterConstants.WEB_SEARCH_REQUESTS }) {
            assertNull(m.getHeader(h), h);
        }
    }

    @Test
    void headersOfAnEarlierCallDoNotSurvive() {
        Exchange ex = camel.template.send(camel.chat("model=x/y"), e -> {
            e.getMessage().setBody("Hi");
            e.getMessage().setHeader(LlmRouterConstants.COST, new BigDecimal("9"));
            e.getMessage().setHeader(LlmRouterConstants.CITATIONS, List.of());
        });
        assertEquals(new BigDecimal("0.000123456789012345"), ex.getMessage().getHeader(LlmRouterConstants.COST));
        assertFalse(((List<?>) ex.getMessage().getHeader(LlmRouterConstants.CITATIONS)).isEmpty());
    }
}
