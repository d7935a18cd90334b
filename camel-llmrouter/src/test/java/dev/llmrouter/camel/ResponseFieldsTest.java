package dev.llmrouter.camel;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.Citation;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The answer's fields beyond text and usage (reasoning details, refusal, images, audio, logprobs, annotations of
 * every type, fingerprint, service tier, OpenRouter metadata) reach typed headers and the full response; reasoning
 * round-trips through a message-list body.
 */
class ResponseFieldsTest extends WireMockTestSupport {

    private static final String PATH = "/api/v1/chat/completions";
    private static final String MINIMAL = "{\"id\":\"gen-2\",\"model\":\"m\",\"choices\":[{\"index\":0,"
                                          + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"ok\"}}]}";
    static final String[] NEW_HEADERS = {
        LlmRouterConstants.NATIVE_FINISH_REASON, LlmRouterConstants.REFUSAL, LlmRouterConstants.SYSTEM_FINGERPRINT,
        LlmRouterConstants.IMAGES, LlmRouterConstants.AUDIO, LlmRouterConstants.AUDIO_TOKENS,
        LlmRouterConstants.IS_BYOK, LlmRouterConstants.IMAGE_TOKENS, LlmRouterConstants.SERVICE_TIER,
        LlmRouterConstants.LOGPROBS, LlmRouterConstants.OPENROUTER_METADATA, LlmRouterConstants.REASONING,
        LlmRouterConstants.REASONING_DETAILS, LlmRouterConstants.ANNOTATIONS };

    private static void answer(String json) {
        server.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(json)));
    }

    static String fixture(String name) {
        try (InputStream in = ResponseFieldsTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyFieldOfTheAnswerReachesATypedHeader() {
        answer(fixture("chat-all-fields-response.json"));
        Exchange ex = camel.send(camel.chat("model=openai/gpt-5-image"), "Draw a cat");
        assertNull(ex.getException());
        assertAllFields(ex.getMessage());
        assertEquals("Here is your picture.", ex.getMessage().getBody());
    }

    /** What chat-all-fields-response.json (and the equivalent stream) says, header by header. */
    static void assertAllFields(Message m) {
        assertEquals("end_turn", m.getHeader(LlmRouterConstants.NATIVE_FINISH_REASON));
        assertEquals("I will not draw the logo.", m.getHeader(LlmRouterConstants.REFUSAL));
        assertEquals("fp_44709d6fcb", m.getHeader(LlmRouterConstants.SYSTEM_FINGERPRINT));
        assertEquals("flex", m.getHeader(LlmRouterConstants.SERVICE_TIER));
        assertEquals(List.of(new ChatResponse.Image("image_url",
                new ChatResponse.ImageUrl("data:image/png;base64,iVBORw0KGgo="))), m.getHeader(LlmRouterConstants.IMAGES));
        assertEquals(new ChatResponse.Audio("audio_abc123", "UklGRg==", 1733303600L, "Here is your picture."),
                m.getHeader(LlmRouterConstants.AUDIO));
        assertEquals(7, m.getHeader(LlmRouterConstants.AUDIO_TOKENS));
        assertEquals(Boolean.TRUE, m.getHeader(LlmRouterConstants.IS_BYOK));
        assertEquals(1290, m.getHeader(LlmRouterConstants.IMAGE_TOKENS));
        assertEquals(new ChatResponse.Logprobs(List.of(new ChatResponse.TokenLogprob("Here", -0.25,
                List.of(72, 101, 114, 101), List.of(new ChatResponse.TopLogprob("Here", -0.25, List.of(72, 101, 114, 101)),
                        new ChatResponse.TopLogprob("This", -1.5, null)))), null), m.getHeader(LlmRouterConstants.LOGPROBS));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = m.getHeader(LlmRouterConstants.OPENROUTER_METADATA, Map.class);
        assertEquals("direct", metadata.get("strategy"));
        assertEquals("available=1, selected=OpenAI", metadata.get("summary"));
        assertEquals(1, ((Map<?, ?>) metadata.get("endpoints")).get("total"));
        assertEquals("Draw a cat, skip the logo.", m.getHeader(LlmRouterConstants.REASONING));
        assertEquals(List.of(
                Map.of("type", "reasoning.text", "text", "Draw a cat, skip the logo.", "signature", "sig-abc",
                        "format", "anthropic-claude-v1", "index", 0),
                Map.of("type", "reasoning.encrypted", "data", "ZW5jcnlwdGVk", "id", "rs_1",
                        "format", "openai-responses-v1", "index", 1)),
                m.getHeader(LlmRouterConstants.REASONING_DETAILS));
        ChatResponse.Annotation url = new ChatResponse.Annotation("url_citation", new ChatResponse.UrlCitation(
                "https://example.org/cats", "Cats", "Cats are small.", 0, 4), null);
        ChatResponse.Annotation file = new ChatResponse.Annotation("file", null, new ChatResponse.FileAnnotation(
                "85bd49b97b7ff5be002d9f654776119f253c1cae333b49ba8f4a53da346284ba", "cats.pdf",
                List.of(Map.of("type", "text", "text", "A study of cats."))));
        assertEquals(List.of(url, file), m.getHeader(LlmRouterConstants.ANNOTATIONS));
        assertEquals(List.of(new Citation("https://example.org/cats", "Cats", "Cats are small.")),
                m.getHeader(LlmRouterConstants.CITATIONS));
    }

    @Test
    void fullModeKeepsReasoningDetailsAndEveryOtherField() {
        answer(fixture("chat-all-fields-response.json"));
        Exchange ex = camel.send(camel.chat("model=openai/gpt-5-image&responseMode=full"), "Draw a cat");
        ChatResponse r = assertInstanceOf(ChatResponse.class, ex.getMessage().getBody());
        ChatResponse.AssistantMessage msg = r.firstChoice().message();
        assertEquals("Draw a cat, skip the logo.", msg.reasoning());
        assertEquals("sig-abc", msg.reasoningDetails().get(0).get("signature"));
        assertEquals("ZW5jcnlwdGVk", msg.reasoningDetails().get(1).get("data"));
        assertEquals("cats.pdf", msg.annotations().get(1).file().name());
        assertEquals("flex", r.serviceTier());
        assertEquals("iad", r.openrouterMetadata().get("region"));
        assertEquals(1290, r.usage().completionTokensDetails().imageTokens());
        assertAllFields(ex.getMessage());
    }

    @Test
    void headersTheAnswerLacksAreRemoved() {
        answer(MINIMAL);
        Exchange ex = camel.template.send(camel.chat("model=m"), e -> {
            e.getMessage().setBody("Hi");
            for (String h : NEW_HEADERS) {
                e.getMessage().setHeader(h, "from an earlier call");
            }
        });
        assertEquals("ok", ex.getMessage().getBody());
        for (String h : NEW_HEADERS) {
            assertNull(ex.getMessage().getHeader(h), h);
        }
    }

    @Test
    void reasoningAndReasoningDetailsOfAnAssistantMessageMapAreSentBack() throws Exception {
        answer(MINIMAL);
        String assistant = "{\"role\":\"assistant\",\"content\":null,\"reasoning\":\"Need the weather.\","
                           + "\"reasoning_details\":[{\"type\":\"reasoning.text\",\"text\":\"Need the weather.\","
                           + "\"signature\":\"sig-1\",\"format\":\"anthropic-claude-v1\",\"index\":0}],"
                           + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"weather\","
                           + "\"arguments\":\"{\\\"city\\\":\\\"Lisbon\\\"}\"}}]}";
        List<Object> body = new ArrayList<>();
        body.add(Map.of("role", "user", "content", "Weather in Lisbon?"));
        body.add(CamelHarness.JSON.readValue(assistant, LinkedHashMap.class));
        body.add(Map.of("role", "tool", "tool_call_id", "call_1", "content", "sunny"));

        Exchange ex = camel.send(camel.chat("model=m"), body);

        assertNull(ex.getException());
        JsonNode sent = sentJson();
        JsonNode expected = CamelHarness.json(assistant);
        ((com.fasterxml.jackson.databind.node.ObjectNode) expected).remove("content"); // null is not sent
        assertEquals(expected, sent.get("messages").get(1));
    }

    @Test
    void reasoningOfAChatMessageRecordIsSentBack() {
        answer(MINIMAL);
        List<Map<String, Object>> details = List.of(Map.of("type", "reasoning.encrypted", "data", "ZW5j", "index", 0));
        List<ChatMessage> body = List.of(ChatMessage.user("Hi"),
                new ChatMessage("assistant", "Hello", null, null, null, "Greet back.", details),
                ChatMessage.user("Again"));

        camel.send(camel.chat("model=m"), body);

        assertEquals(CamelHarness.json("{\"role\":\"assistant\",\"content\":\"Hello\",\"reasoning\":\"Greet back.\","
                                       + "\"reasoning_details\":[{\"type\":\"reasoning.encrypted\",\"data\":\"ZW5j\",\"index\":0}]}"),
                sentJson().get("messages").get(1));
    }

    private static JsonNode sentJson() {
        return CamelHarness.json(server.findAll(postRequestedFor(urlEqualTo(PATH))).get(0).getBodyAsString());
    }
}
