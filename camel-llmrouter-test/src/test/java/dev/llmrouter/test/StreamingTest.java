package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private static final String BODY = """
            {"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"tell me"}]}""";

    private final Http http = new Http(EMULATOR.baseUrl());

    /** The data payloads of an event stream; comment lines are checked and skipped. */
    private static List<String> events(String body) {
        assertTrue(body.startsWith(": OPENROUTER PROCESSING\n\n"), body);
        List<String> out = new ArrayList<>();
        for (String block : body.split("\n\n")) {
            if (block.startsWith("data: ")) {
                out.add(block.substring("data: ".length()));
            } else {
                assertTrue(block.startsWith(":"), "unexpected block: " + block);
            }
        }
        return out;
    }

    /** The parsed chunks of a complete event stream (ending in {@code [DONE]}), without the {@code [DONE]}. */
    static List<JsonNode> chunks(String body) {
        List<String> events = events(body);
        assertEquals("[DONE]", events.get(events.size() - 1), body);
        return events.subList(0, events.size() - 1).stream().map(Http::parse).toList();
    }

    private static JsonNode delta(JsonNode chunk) {
        return chunk.path("choices").path(0).path("delta");
    }

    /** POST /chat/completions with extra header name/value pairs. */
    private HttpResponse<String> stream(String body, String... headerPairs) {
        HttpRequest.Builder request = http.request("/chat/completions");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void toolCallsStreamAsIndexedFragmentsWithArgumentsOverSeveralChunks() {
        String args0 = "{\"city\":\"Paris\",\"unit\":\"celsius\"}";
        String args1 = "{\"q\":\"museums\"}";
        EMULATOR.emulator().reply("plan", "TOOL_CALL:get_weather:" + args0 + "\nTOOL_CALL:search:" + args1);
        List<JsonNode> chunks = chunks(stream("""
                {"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"plan my day"}],
                 "tools":[{"type":"function","function":{"name":"get_weather"}},
                          {"type":"function","function":{"name":"search"}}]}""").body());
        Map<Integer, StringBuilder> args = new TreeMap<>();
        Map<Integer, List<JsonNode>> fragments = new TreeMap<>();
        for (JsonNode chunk : chunks) {
            for (JsonNode f : delta(chunk).path("tool_calls")) {
                assertEquals(1, delta(chunk).get("tool_calls").size(), "one fragment per chunk");
                int index = f.get("index").asInt();
                fragments.computeIfAbsent(index, i -> new ArrayList<>()).add(f);
                args.computeIfAbsent(index, i -> new StringBuilder()).append(f.path("function").path("arguments").asText(""));
            }
        }
        assertEquals(List.of(0, 1), List.copyOf(fragments.keySet()));
        assertEquals(args0, args.get(0).toString());
        assertEquals(args1, args.get(1).toString());
        for (List<JsonNode> list : fragments.values()) {
            JsonNode head = list.get(0);
            assertTrue(head.get("id").asText().startsWith("call_"), head.toString());
            assertEquals("function", head.get("type").asText());
            assertEquals("", head.at("/function/arguments").asText());
            assertTrue(list.size() >= 3, "arguments split over several chunks: " + list);
            for (JsonNode later : list.subList(1, list.size())) {
                assertFalse(later.has("id") || later.has("type") || later.path("function").has("name"), later.toString());
            }
        }
        assertEquals("get_weather", fragments.get(0).get(0).at("/function/name").asText());
        assertEquals("search", fragments.get(1).get(0).at("/function/name").asText());
        assertEquals("tool_calls", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());
    }

    @Test
    void reasoningStreamsBeforeContentWithDetailsAndSignature() {
        List<JsonNode> chunks = chunks(stream("""
                {"model":"openai/gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"think"}],
                 "reasoning":{"max_tokens":500}}""").body());
        StringBuilder reasoning = new StringBuilder();
        StringBuilder fromDetails = new StringBuilder();
        String signature = null;
        boolean contentSeen = false;
        for (JsonNode chunk : chunks) {
            JsonNode d = delta(chunk);
            if (d.has("reasoning")) {
                assertFalse(contentSeen, "reasoning after content");
                reasoning.append(d.get("reasoning").asText());
                JsonNode detail = d.get("reasoning_details").get(0);
                assertEquals("reasoning.text", detail.get("type").asText());
                assertEquals("openai-responses-v1", detail.get("format").asText());
                fromDetails.append(detail.get("text").asText());
                signature = detail.has("signature") ? detail.get("signature").asText() : signature;
            } else if (!d.path("content").asText("").isEmpty()) {
                contentSeen = true;
            }
        }
        assertTrue(reasoning.toString().startsWith("The user asks: \"think\""), reasoning.toString());
        assertEquals(reasoning.toString(), fromDetails.toString());
        assertTrue(contentSeen);
        assertTrue(signature != null && signature.startsWith("emu-sig-gen-"), String.valueOf(signature));
        JsonNode usage = chunks.get(chunks.size() - 1).get("usage");
        assertEquals(TokenEstimator.completionTokens(reasoning.toString()),
                usage.at("/completion_tokens_details/reasoning_tokens").asInt());
    }

    @Test
    void annotationsImagesLogprobsTierAndMetadataReachTheStream() {
        List<JsonNode> chunks = chunks(stream(EmulatorSpecConformanceTest.EVERYTHING.replace("{\"model\"",
                "{\"stream\":true,\"model\""), "X-OpenRouter-Metadata", "enabled").body());
        JsonNode finish = chunks.get(chunks.size() - 2);
        JsonNode annotations = delta(finish).get("annotations");
        assertEquals(List.of("url_citation", "url_citation", "file"),
                annotations.findValuesAsText("type").stream().filter(t -> !t.equals("text")).toList());
        assertEquals("report.pdf", annotations.get(2).at("/file/name").asText());
        JsonNode images = delta(chunks.get(chunks.size() - 3)).get("images");
        assertEquals(ReplyComposer.PNG_DATA_URL, images.get(0).at("/image_url/url").asText());
        int logprobChunks = 0;
        for (JsonNode chunk : chunks) {
            assertEquals("flex", chunk.get("service_tier").asText());
            assertTrue(chunk.get("system_fingerprint").asText().startsWith("fp_"));
            JsonNode lp = chunk.path("choices").path(0).path("logprobs");
            if (lp.isObject()) {
                logprobChunks++;
                JsonNode token = lp.get("content").get(0);
                assertEquals(delta(chunk).get("content").asText(), token.get("token").asText());
                assertEquals(2, token.get("top_logprobs").size());
            }
        }
        assertTrue(logprobChunks > 0);
        JsonNode last = chunks.get(chunks.size() - 1);
        assertEquals("anthropic/claude-haiku-4.5", last.at("/openrouter_metadata/requested").asText());
        assertEquals(1290, last.at("/usage/completion_tokens_details/image_tokens").asInt());
        assertEquals(25, last.at("/usage/prompt_tokens_details/audio_tokens").asInt());
        assertEquals("end_turn", finish.at("/choices/0/native_finish_reason").asText());
    }

    @Test
    void streamsDeltasThenFinishThenUsageThenDone() {
        EMULATOR.emulator().reply("tell me", "Once upon a time");
        HttpResponse<String> r = http.post("/chat/completions", BODY);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        assertEquals("gen-emu-0000000001", r.headers().firstValue("X-Generation-Id").orElseThrow());
        assertTrue(r.body().endsWith("data: [DONE]\n\n"));

        List<String> events = events(r.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(Http::parse).toList();
        StringBuilder text = new StringBuilder();
        for (JsonNode chunk : chunks) {
            assertEquals("chat.completion.chunk", chunk.get("object").asText());
            assertEquals("gen-emu-0000000001", chunk.get("id").asText());
            assertEquals("openai/gpt-4o-mini", chunk.get("model").asText());
            assertEquals("OpenAI", chunk.get("provider").asText());
            if (chunk.get("choices").size() > 0) {
                text.append(chunk.get("choices").get(0).get("delta").path("content").asText(""));
            }
        }
        assertEquals("Once upon a time", text.toString());
        assertEquals(" upon", chunks.get(1).get("choices").get(0).get("delta").get("content").asText());
        assertEquals("assistant", chunks.get(0).get("choices").get(0).get("delta").get("role").asText());

        JsonNode finish = chunks.get(chunks.size() - 2);
        assertEquals("stop", finish.get("choices").get(0).get("finish_reason").asText());
        JsonNode usage = chunks.get(chunks.size() - 1);
        assertEquals(0, usage.get("choices").size());
        assertEquals(6, usage.get("usage").get("prompt_tokens").asInt());
        assertEquals(4, usage.get("usage").get("completion_tokens").asInt());
        assertTrue(usage.get("usage").get("cost").isNumber());
    }

    @Test
    void streamCutEndsWithoutDone() {
        EMULATOR.emulator().reply("tell me", "one two three four")
                .fault("openai/gpt-4o-mini", EmulatorFault.streamCut());
        HttpResponse<String> r = http.post("/chat/completions", BODY);
        assertEquals(200, r.statusCode());
        assertFalse(r.body().contains("[DONE]"));
        List<String> events = events(r.body());
        assertEquals(2, events.size());
        for (String e : events) {
            assertTrue(Http.parse(e).get("choices").get(0).get("finish_reason").isNull());
        }
    }

    @Test
    void streamErrorSendsAnErrorChunkThenDone() {
        EMULATOR.emulator().fault("*", EmulatorFault.streamError("provider went away"));
        HttpResponse<String> r = http.post("/chat/completions", BODY);
        List<String> events = events(r.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        JsonNode last = Http.parse(events.get(events.size() - 2));
        assertEquals("error", last.get("choices").get(0).get("finish_reason").asText());
        assertEquals("provider went away", last.get("error").get("message").asText());
        assertEquals(502, last.get("error").get("code").asInt());

        // stream-only faults leave non-streaming requests alone
        assertEquals(200, http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "x")).statusCode());
    }

    @Test
    void streamedGenerationIsRecorded() {
        HttpResponse<String> r = http.post("/chat/completions", BODY);
        String id = r.headers().firstValue("X-Generation-Id").orElseThrow();
        JsonNode data = Http.parse(http.get("/generation?id=" + id).body()).get("data");
        assertTrue(data.get("streamed").asBoolean());
        assertEquals("stop", data.get("finish_reason").asText());
    }
}
