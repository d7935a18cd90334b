package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecordingTest {

    @Test
    void recordsEveryRequestAndResetForgetsThem() {
        try (OpenRouterEmulator emulator = OpenRouterEmulator.create().start()) {
            Http http = new Http(emulator);
            assertThrows(IllegalStateException.class, emulator::lastRequest);

            http.get("/models");
            http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "first"));
            http.send(http.request("/chat/completions").header("X-OpenRouter-Title", "my-app")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            Http.userChat("openai/gpt-4o-mini", "second")))
                    .build());
            http.get("/generation?id=gen-emu-0000000001&x=a%20b");

            assertEquals(4, emulator.requestCount());
            List<RecordedCall> all = emulator.requests();
            assertEquals(List.of("GET", "POST", "POST", "GET"), all.stream().map(RecordedCall::method).toList());
            assertEquals("/api/v1/models", all.get(0).path());
            assertNull(all.get(0).query());
            assertNull(all.get(0).json());

            List<RecordedCall> chats = emulator.chatRequests();
            assertEquals(2, chats.size());
            RecordedCall second = chats.get(1);
            assertEquals("/api/v1/chat/completions", second.path());
            assertEquals("second", second.json().get("messages").get(0).get("content").asText());
            assertEquals("my-app", second.header("x-openrouter-title"));
            assertEquals("Bearer " + Http.KEY, second.header("AUTHORIZATION"));

            RecordedCall last = emulator.lastRequest();
            assertEquals("id=gen-emu-0000000001&x=a%20b", last.query());
            assertEquals("a b", last.queryParam("x"));
            assertEquals("gen-emu-0000000001", last.queryParam("id"));

            int port = emulator.port();
            emulator.reply("x", "y").fault("*", EmulatorFault.status(500));
            emulator.reset();
            assertEquals(0, emulator.requestCount());
            assertEquals(port, emulator.port());
            // scripts and faults are gone, and the generation counter restarts
            var afterReset = Http.parse(http.post("/chat/completions", Http.userChat("openai/gpt-4o-mini", "x")).body());
            assertEquals("gen-emu-0000000001", afterReset.get("id").asText());
            assertEquals("Echo: x", ChatCompletionTest.content(afterReset));
        }
    }

    @Test
    void startStopAndBaseUrl() {
        OpenRouterEmulator emulator = OpenRouterEmulator.create(EmulatorCatalog.defaults());
        assertEquals(0, emulator.port());
        assertThrows(IllegalStateException.class, emulator::baseUrl);
        emulator.start();
        try {
            int port = emulator.port();
            assertEquals("http://127.0.0.1:" + port + "/api/v1", emulator.baseUrl());
            assertEquals(emulator, emulator.start());
        } finally {
            emulator.stop();
            emulator.stop();
        }
        assertEquals(false, emulator.isRunning());
    }
}
