package dev.llmrouter.camel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Citation;
import dev.llmrouter.camel.wire.ToolCall;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a stream carries besides its text (tool-call fragments, annotations, reasoning, refusal, images, audio,
 * logprobs, chunk-level fields) reaches the same headers as a non-streamed answer, read both through
 * {@code split(body()).streaming()} and through {@code streamTo}; a stream closed before anyone read it says so.
 */
class StreamFidelityTest extends WireMockTestSupport {

    private static final String PATH = "/api/v1/chat/completions";
    private static final String USAGE = "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9,"
                                        + "\"total_tokens\":14,\"cost\":0.0002}}";

    /** How the route reads the stream. */
    enum Mode { SPLIT, STREAM_TO }

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    @Override
    protected CamelHarness createHarness() {
        String base = "http://127.0.0.1:" + server.port() + "/api/v1";
        return new CamelHarness(base, null, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:split")
                        .to("llmrouter:chat?apiKey=" + CamelHarness.API_KEY + "&baseUrl=" + base + "&model=m&stream=true")
                        .split(body()).streaming()
                            .process(e -> deltas.add(e.getMessage().getBody(String.class)))
                        .end();
                from("direct:deltas").process(e -> deltas.add(e.getMessage().getBody(String.class)));
            }
        });
    }

    private static void stream(String... chunks) {
        StringBuilder body = new StringBuilder(": OPENROUTER PROCESSING\n\n");
        for (String c : chunks) {
            body.append("data: ").append(c).append("\n\n");
        }
        body.append("data: [DONE]\n\n");
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(body.toString())));
    }

    private Exchange run(Mode mode, Map<String, Object> headers) {
        Exchange ex = mode == Mode.SPLIT
                ? camel.send("direct:split", "Hi", headers)
                : camel.send(camel.chat("model=m&stream=true&streamTo=direct:deltas"), "Hi", headers);
        assertNull(ex.getException());
        if (mode == Mode.STREAM_TO) {
            assertEquals(String.join("", deltas), ex.getMessage().getBody());
        }
        return ex;
    }

    private static String choice(String delta) {
        return "{\"id\":\"gen-s1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}";
    }

    private static final List<ToolCall> TWO_CALLS = List.of(
            new ToolCall("call_a", "function", new ToolCall.Function("weather", "{\"city\":\"Lisbon\"}")),
            new ToolCall("call_b", "function", new ToolCall.Function("time", "{\"tz\":\"UTC\"}")));

    private static String[] toolCallChunks(boolean withText) {
        return new String[] {
            withText ? choice("{\"role\":\"assistant\",\"content\":\"Checking.\"}") : choice("{\"role\":\"assistant\"}"),
            choice("{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                   + "\"arguments\":\"\"}}]}"),
            choice("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}"),
            choice("{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"time\","
                   + "\"arguments\":\"{\\\"tz\\\":\"}}]}"),
            choice("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Lisbon\\\"}\"}}]}"),
            choice("{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"UTC\\\"}\"}}]}"),
            "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
            USAGE };
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void toolCallFragmentsAreMergedByIndex(Mode mode) {
        stream(toolCallChunks(true));
        Exchange ex = run(mode, Map.of());
        assertEquals(List.of("Checking."), deltas);
        assertEquals("tool_calls", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(TWO_CALLS, ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aStreamOfOnlyToolCallsSetsTheHeader(Mode mode) {
        stream(toolCallChunks(false));
        Exchange ex = run(mode, Map.of());
        assertEquals(List.of(), deltas);
        assertEquals("tool_calls", ex.getMessage().getHeader(LlmRouterConstants.FINISH_REASON));
        assertEquals(TWO_CALLS, ex.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS));
        assertEquals(14, ex.getMessage().getHeader(LlmRouterConstants.TOTAL_TOKENS));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamedAnnotationsBecomeCitationsAndAnnotations(Mode mode) {
        stream(choice("{\"role\":\"assistant\",\"content\":\"Cats are small [1].\"}"),
                choice("{\"annotations\":[{\"type\":\"url_citation\",\"url_citation\":{\"url\":\"https://example.org/cats\","
                       + "\"title\":\"Cats\",\"content\":\"Cats are small.\",\"start_index\":0,\"end_index\":4}}]}"),
                choice("{\"annotations\":[{\"type\":\"file\",\"file\":{\"hash\":\"h1\",\"name\":\"cats.pdf\","
                       + "\"content\":[{\"type\":\"text\",\"text\":\"A study of cats.\"}]}}]}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", USAGE);
        Message m = run(mode, Map.of()).getMessage();
        assertEquals(List.of(new Citation("https://example.org/cats", "Cats", "Cats are small.")),
                m.getHeader(LlmRouterConstants.CITATIONS));
        assertEquals(List.of(
                new ChatResponse.Annotation("url_citation", new ChatResponse.UrlCitation("https://example.org/cats",
                        "Cats", "Cats are small.", 0, 4), null),
                new ChatResponse.Annotation("file", null, new ChatResponse.FileAnnotation("h1", "cats.pdf",
                        List.of(Map.of("type", "text", "text", "A study of cats."))))),
                m.getHeader(LlmRouterConstants.ANNOTATIONS));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void streamedReasoningIsJoinedAndReasoningDetailFragmentsMergedByIndex(Mode mode) {
        stream(choice("{\"role\":\"assistant\",\"reasoning\":\"Let me \",\"reasoning_details\":[{\"type\":\"reasoning.text\","
                      + "\"text\":\"Let me \",\"format\":\"anthropic-claude-v1\",\"index\":0}]}"),
                choice("{\"reasoning\":\"think.\",\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"think.\","
                       + "\"index\":0}]}"),
                choice("{\"reasoning_details\":[{\"type\":\"reasoning.text\",\"signature\":\"sig-9\",\"index\":0}]}"),
                choice("{\"content\":\"Four.\"}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", USAGE);
        Message m = run(mode, Map.of()).getMessage();
        assertEquals(List.of("Four."), deltas);
        assertEquals("Let me think.", m.getHeader(LlmRouterConstants.REASONING));
        assertEquals(List.of(Map.of("type", "reasoning.text", "text", "Let me think.", "format", "anthropic-claude-v1",
                "index", 0, "signature", "sig-9")), m.getHeader(LlmRouterConstants.REASONING_DETAILS));
    }

    /** The stream equivalent of fixtures/chat-all-fields-response.json, fields spread over the chunks. */
    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyOtherFieldOfAStreamReachesTheSameHeadersAsWithoutStreaming(Mode mode) {
        String head = "{\"id\":\"gen-1733300000-FieldsAll\",\"provider\":\"OpenAI\",\"model\":\"openai/gpt-5-image\","
                      + "\"object\":\"chat.completion.chunk\",\"created\":1733300000,\"system_fingerprint\":\"fp_44709d6fcb\","
                      + "\"service_tier\":\"flex\",\"choices\":[{\"index\":0,";
        stream(head + "\"delta\":{\"role\":\"assistant\",\"reasoning\":\"Draw a cat, \",\"reasoning_details\":[{\"type\":"
               + "\"reasoning.text\",\"text\":\"Draw a cat, \",\"format\":\"anthropic-claude-v1\",\"index\":0}]}}]}",
                head + "\"delta\":{\"reasoning\":\"skip the logo.\",\"reasoning_details\":[{\"type\":\"reasoning.text\","
                + "\"text\":\"skip the logo.\",\"index\":0}]}}]}",
                head + "\"delta\":{\"reasoning_details\":[{\"type\":\"reasoning.text\",\"signature\":\"sig-abc\",\"index\":0},"
                + "{\"type\":\"reasoning.encrypted\",\"data\":\"ZW5jcnlwdGVk\",\"id\":\"rs_1\",\"format\":"
                + "\"openai-responses-v1\",\"index\":1}]}}]}",
                head + "\"delta\":{\"content\":\"Here is \",\"audio\":{\"id\":\"audio_abc123\",\"expires_at\":1733303600,"
                + "\"data\":\"UklG\",\"transcript\":\"Here is \"}},\"logprobs\":{\"content\":[{\"token\":\"Here\",\"logprob\":"
                + "-0.25,\"bytes\":[72,101,114,101],\"top_logprobs\":[{\"token\":\"Here\",\"logprob\":-0.25,\"bytes\":"
                + "[72,101,114,101]},{\"token\":\"This\",\"logprob\":-1.5,\"bytes\":null}]}],\"refusal\":null}}]}",
                head + "\"delta\":{\"content\":\"your picture.\",\"audio\":{\"data\":\"Rg==\",\"transcript\":\"your picture.\"}}}]}",
                head + "\"delta\":{\"refusal\":\"I will not draw the logo.\",\"images\":[{\"type\":\"image_url\",\"image_url\":"
                + "{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}],\"annotations\":[{\"type\":\"url_citation\","
                + "\"url_citation\":{\"url\":\"https://example.org/cats\",\"title\":\"Cats\",\"content\":\"Cats are small.\","
                + "\"start_index\":0,\"end_index\":4}},{\"type\":\"file\",\"file\":{\"hash\":"
                + "\"85bd49b97b7ff5be002d9f654776119f253c1cae333b49ba8f4a53da346284ba\",\"name\":\"cats.pdf\",\"content\":"
                + "[{\"type\":\"text\",\"text\":\"A study of cats.\"}]}}]}}]}",
                head + "\"delta\":{},\"finish_reason\":\"stop\",\"native_finish_reason\":\"end_turn\"}]}",
                "{\"id\":\"gen-1733300000-FieldsAll\",\"choices\":[],\"openrouter_metadata\":{\"requested\":\"openai/gpt-5-image\","
                + "\"strategy\":\"direct\",\"region\":\"iad\",\"summary\":\"available=1, selected=OpenAI\",\"attempt\":1,"
                + "\"is_byok\":true,\"endpoints\":{\"total\":1,\"available\":[]}},\"usage\":{\"prompt_tokens\":40,"
                + "\"completion_tokens\":1300,\"total_tokens\":1340,\"cost\":0.052,\"is_byok\":true,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":0,\"audio_tokens\":7},\"completion_tokens_details\":{\"reasoning_tokens\":20,"
                + "\"image_tokens\":1290}}}");
        Message m = run(mode, Map.of()).getMessage();
        assertEquals("Here is your picture.", String.join("", deltas));
        ResponseFieldsTest.assertAllFields(m);
        assertEquals("stop", m.getHeader(LlmRouterConstants.FINISH_REASON));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void headersAStreamLacksAreRemoved(Mode mode) {
        stream(choice("{\"role\":\"assistant\",\"content\":\"ok\"}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", USAGE);
        Map<String, Object> earlier = new java.util.HashMap<>();
        for (String h : ResponseFieldsTest.NEW_HEADERS) {
            earlier.put(h, "from an earlier call");
        }
        earlier.put(LlmRouterConstants.TOOL_CALLS, "from an earlier call");
        earlier.put(LlmRouterConstants.CITATIONS, "from an earlier call");
        Message m = run(mode, earlier).getMessage();
        assertEquals(List.of("ok"), deltas);
        for (String h : earlier.keySet()) {
            assertNull(m.getHeader(h), h);
        }
    }

    // ---- a stream closed before anyone read it

    private static void assertClosedBeforeRead(ChatStream stream) {
        IllegalStateException e = assertThrows(IllegalStateException.class, stream::hasNext);
        assertTrue(e.getMessage().contains("streamTo"), e.getMessage());
        assertTrue(e.getMessage().contains("split(body()).streaming()"), e.getMessage());
        assertThrows(IllegalStateException.class, stream::next);
    }

    @Test
    void aStreamFromRequestBodyThatNobodyReadThrowsWhenIterated() {
        stream(choice("{\"role\":\"assistant\",\"content\":\"It is \"}"), choice("{\"content\":\"sunny.\"}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", USAGE);
        Object body = camel.template.requestBody(camel.chat("model=m&stream=true"), "Weather?");
        assertClosedBeforeRead(assertInstanceOf(ChatStream.class, body));
    }

    @Test
    void aStreamFromSendThatNobodyReadThrowsWhenIterated() {
        stream(choice("{\"role\":\"assistant\",\"content\":\"It is \"}"), choice("{\"content\":\"sunny.\"}"),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}", USAGE);
        Exchange ex = camel.send(camel.chat("model=m&stream=true"), "Weather?");
        assertNull(ex.getException());
        assertClosedBeforeRead(assertInstanceOf(ChatStream.class, ex.getMessage().getBody()));
    }
}
