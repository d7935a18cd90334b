package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The optional answer fields a request asks for, in a non-streamed answer. */
class AnswerFieldsTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final Http http = new Http(EMULATOR.baseUrl());

    private static String chat(String model, String text, String extraFields) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}";
    }

    private static JsonNode message(JsonNode r) {
        return r.at("/choices/0/message");
    }

    @Test
    void reasoningWhenTheRequestAsksForIt() {
        JsonNode r = http.chat(chat("anthropic/claude-haiku-4.5", "why is the sky blue", "\"reasoning\":{\"effort\":\"low\"}"));
        String reasoning = message(r).get("reasoning").asText();
        assertEquals("The user asks: \"why is the sky blue\". I will restate the point and answer briefly.", reasoning);
        com.fasterxml.jackson.databind.node.ObjectNode detail = Http.MAPPER.createObjectNode()
                .put("type", "reasoning.text").put("text", reasoning)
                .put("signature", "emu-sig-" + r.get("id").asText())
                .put("format", "anthropic-claude-v1").put("index", 0);
        assertEquals(Http.MAPPER.createArrayNode().add(detail), message(r).get("reasoning_details"));
        int reasoningTokens = TokenEstimator.completionTokens(reasoning);
        assertEquals(reasoningTokens, r.at("/usage/completion_tokens_details/reasoning_tokens").asInt());
        int content = TokenEstimator.completionTokens(message(r).get("content").asText());
        assertEquals(content + reasoningTokens, r.at("/usage/completion_tokens").asInt());
    }

    @Test
    void reasoningModelReasonsUnlessExcludedOrTurnedOff() {
        JsonNode r = http.chat(chat("deepseek/deepseek-r1", "hello", ""));
        assertTrue(message(r).get("reasoning").asText().startsWith("The user asks"), r.toString());
        assertEquals("unknown", message(r).at("/reasoning_details/0/format").asText());

        JsonNode excluded = http.chat(chat("deepseek/deepseek-r1", "hello", "\"reasoning\":{\"exclude\":true}"));
        assertFalse(message(excluded).has("reasoning"), excluded.toString());
        assertFalse(message(excluded).has("reasoning_details"));
        // excluded reasoning is still billed
        assertTrue(excluded.at("/usage/completion_tokens_details/reasoning_tokens").asInt() > 0);

        JsonNode off = http.chat(chat("deepseek/deepseek-r1", "hello", "\"reasoning\":{\"effort\":\"none\"}"));
        assertFalse(message(off).has("reasoning"));
        assertEquals(0, off.at("/usage/completion_tokens_details/reasoning_tokens").asInt());

        JsonNode plain = http.chat(chat("openai/gpt-4o-mini", "hello", ""));
        assertFalse(message(plain).has("reasoning"), "non-reasoning models do not reason unasked");
    }

    @Test
    void imageModalityAnswersATinyValidPngWithImageTokens() throws IOException {
        JsonNode r = http.chat(chat("openai/gpt-4o-mini", "draw a cat", "\"modalities\":[\"image\",\"text\"]"));
        JsonNode images = message(r).get("images");
        assertEquals(1, images.size());
        assertEquals("image_url", images.get(0).get("type").asText());
        String url = images.get(0).at("/image_url/url").asText();
        assertTrue(url.startsWith("data:image/png;base64,"), url);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()))));
        assertNotNull(png, "not a decodable PNG");
        assertEquals(1, png.getWidth());
        assertEquals(1290, r.at("/usage/completion_tokens_details/image_tokens").asInt());
        assertFalse(message(http.chat(chat("openai/gpt-4o-mini", "x", ""))).has("images"));
    }

    @Test
    void serviceTierIsEchoedAsTheServedTier() {
        assertEquals("flex", http.chat(chat("openai/gpt-4o-mini", "x", "\"service_tier\":\"flex\"")).get("service_tier").asText());
        assertEquals("default", http.chat(chat("openai/gpt-4o-mini", "x", "\"service_tier\":\"auto\"")).get("service_tier").asText());
        assertFalse(http.chat(chat("openai/gpt-4o-mini", "x", "")).has("service_tier"));
    }

    @Test
    void fingerprintIsStablePerModelAndProviderAndNativeFinishReasonIsTheProviders() {
        JsonNode a = http.chat(chat("anthropic/claude-haiku-4.5", "x", ""));
        JsonNode b = http.chat(chat("anthropic/claude-haiku-4.5", "y", ""));
        JsonNode c = http.chat(chat("openai/gpt-4o-mini", "x", ""));
        assertEquals(a.get("system_fingerprint"), b.get("system_fingerprint"));
        assertFalse(a.get("system_fingerprint").equals(c.get("system_fingerprint")));
        assertEquals("end_turn", a.at("/choices/0/native_finish_reason").asText());
        assertEquals("stop", c.at("/choices/0/native_finish_reason").asText());
        JsonNode cut = http.chat(chat("anthropic/claude-haiku-4.5", "a long question here", "\"max_tokens\":1"));
        assertEquals("length", cut.at("/choices/0/finish_reason").asText());
        assertEquals("max_tokens", cut.at("/choices/0/native_finish_reason").asText());
        assertEquals(false, a.at("/usage/is_byok").booleanValue());
    }

    @Test
    void logprobsWithTopAlternatives() {
        EMULATOR.emulator().reply("hi", "Hello there");
        JsonNode r = http.chat(chat("openai/gpt-4o-mini", "hi", "\"logprobs\":true,\"top_logprobs\":3"));
        JsonNode content = r.at("/choices/0/logprobs/content");
        assertEquals(Http.parse("""
                [{"token":"Hello","logprob":-0.01,"bytes":[72,101,108,108,111],"top_logprobs":[
                   {"token":"Hello","logprob":-0.01,"bytes":[72,101,108,108,111]},
                   {"token":"Hello~1","logprob":-1.01,"bytes":[72,101,108,108,111,126,49]},
                   {"token":"Hello~2","logprob":-2.01,"bytes":[72,101,108,108,111,126,50]}]},
                 {"token":" there","logprob":-0.02,"bytes":[32,116,104,101,114,101],"top_logprobs":[
                   {"token":" there","logprob":-0.02,"bytes":[32,116,104,101,114,101]},
                   {"token":" there~1","logprob":-1.02,"bytes":[32,116,104,101,114,101,126,49]},
                   {"token":" there~2","logprob":-2.02,"bytes":[32,116,104,101,114,101,126,50]}]}]"""), content);
        assertTrue(r.at("/choices/0/logprobs/refusal").isNull());
        assertTrue(http.chat(chat("openai/gpt-4o-mini", "hi", "")).at("/choices/0/logprobs").isNull());
    }

    @Test
    void fileAnnotationsForFilePartsAndAudioTokensForAudioParts() {
        JsonNode r = http.chat("""
                {"model":"openai/gpt-4o-mini","messages":[{"role":"user","content":[
                  {"type":"text","text":"read these"},
                  {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,QUJD"}},
                  {"type":"file","file":{"file_id":"file-xyz"}},
                  {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}""");
        JsonNode annotations = message(r).get("annotations");
        assertEquals(2, annotations.size());
        assertEquals(Http.parse("""
                {"type":"file","file":{"hash":"%s","name":"a.pdf",
                 "content":[{"type":"text","text":"Parsed text of a.pdf."}]}}""".formatted(
                sha256("data:application/pdf;base64,QUJD"))), annotations.get(0));
        assertEquals("file-2", annotations.get(1).at("/file/name").asText());
        assertEquals(25, r.at("/usage/prompt_tokens_details/audio_tokens").asInt());
    }

    @Test
    void openRouterMetadataOnlyWhenTheHeaderOptsIn() {
        EMULATOR.emulator().fault("anthropic/claude-haiku-4.5", EmulatorFault.status(503));
        String body = """
                {"model":"anthropic/claude-haiku-4.5","models":["anthropic/claude-haiku-4.5","meta-llama/llama-3.3-70b-instruct"],
                 "provider":{"order":["Together","Groq"],"allow_fallbacks":false},
                 "messages":[{"role":"user","content":"hi"}]}""";
        JsonNode r = Http.parse(http.send(http.request("/chat/completions").header("X-OpenRouter-Metadata", "enabled")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).body());
        assertEquals(Http.parse("""
                {"requested":"anthropic/claude-haiku-4.5","strategy":"fallback","region":"emu",
                 "summary":"available=2, selected=Together","attempt":2,"is_byok":false,
                 "endpoints":{"total":3,"available":[
                   {"provider":"Together","model":"meta-llama/llama-3.3-70b-instruct","selected":true},
                   {"provider":"Groq","model":"meta-llama/llama-3.3-70b-instruct","selected":false}]}}"""),
                r.get("openrouter_metadata"));
        assertFalse(http.chat(body).has("openrouter_metadata"));
    }

    private static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void requestWithoutOptionsGetsNoOptionalParts() {
        JsonNode m = message(http.chat(chat("openai/gpt-4o-mini", "x", "")));
        for (String field : List.of("reasoning", "reasoning_details", "images", "annotations", "tool_calls")) {
            assertFalse(m.has(field), field);
        }
    }
}
