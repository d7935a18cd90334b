package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

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
