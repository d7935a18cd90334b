package dev.llmrouter.test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The faults for failover and stream rescue, as a client sees them on the wire. */
class FailoverFaultsTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private static final String MODEL = "openai/gpt-4o-mini";
    private static final String ANSWER = "one two three four five six";

    private final Http http = new Http(EMULATOR.baseUrl());

    private static String body(boolean stream, String... assistantPrefill) {
        String prefill = assistantPrefill.length == 0 ? ""
                : ",{\"role\":\"assistant\",\"content\":\"" + assistantPrefill[0] + "\"}";
        return "{\"model\":\"" + MODEL + "\",\"stream\":" + stream
               + ",\"messages\":[{\"role\":\"user\",\"content\":\"tell me\"}" + prefill + "]}";
    }

    /** The data payloads of an event stream, comments left out. */
    private static List<String> data(String stream) {
        List<String> out = new ArrayList<>();
        for (String block : stream.split("\n\n")) {
            if (block.startsWith("data: ")) {
                out.add(block.substring("data: ".length()));
            }
        }
        return out;
    }

    private static String content(List<String> events) {
        StringBuilder sb = new StringBuilder();
        for (String e : events) {
            if (!e.equals("[DONE]") && e.startsWith("{\"id\":")) {
                JsonNode delta = Http.parse(e).path("choices").path(0).path("delta");
                sb.append(delta.path("content").asText(""));
            }
        }
        return sb.toString();
    }

    @Test
    void streamFaultsBreakAfterTheGivenNumberOfDeltas() {
        EMULATOR.emulator().reply("tell me", ANSWER)
                .fault(MODEL, EmulatorFault.streamCut().afterTokens(2).times(1))
                .fault(MODEL, EmulatorFault.malformedChunk().afterTokens(3).times(1))
                .fault(MODEL, EmulatorFault.noDone().times(1));

        List<String> cut = data(http.post("/chat/completions", body(true)).body());
        assertEquals("one two", content(cut));
        assertFalse(cut.contains("[DONE]"));

        List<String> malformed = data(http.post("/chat/completions", body(true)).body());
        int bad = -1;
        for (int i = 0; i < malformed.size(); i++) {
            if (!malformed.get(i).equals("[DONE]") && !malformed.get(i).endsWith("}")) {
                bad = i;
            }
        }
        assertEquals(3, bad, "the broken event follows three deltas: " + malformed);
        assertEquals("[DONE]", malformed.get(malformed.size() - 1));

        List<String> noDone = data(http.post("/chat/completions", body(true)).body());
        assertEquals(ANSWER, content(noDone));
        assertFalse(noDone.contains("[DONE]"));
        assertTrue(noDone.stream().anyMatch(e -> e.contains("\"finish_reason\":\"stop\"")), noDone.toString());
        assertTrue(Http.parse(noDone.get(noDone.size() - 1)).has("usage"), "usage is the last event");
    }

    @Test
    void aStallSendsTheFirstDeltasAtOnceThenPauses() throws Exception {
        EMULATOR.emulator().reply("tell me", ANSWER)
                .fault(MODEL, EmulatorFault.streamStall(Duration.ofMillis(1500)).afterTokens(2));
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(http.request("/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(body(true))).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<Long> deltaAtMs = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: {\"id\":")) {
                    deltaAtMs.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                }
                all.append(line).append("\n");
            }
        }
        assertEquals(ANSWER, content(data(all.toString())), "the whole answer after the stall");
        assertTrue(deltaAtMs.get(1) < 1000, "two deltas before the pause: " + deltaAtMs);
        assertTrue(deltaAtMs.get(2) - deltaAtMs.get(1) >= 1200, "then the pause: " + deltaAtMs);
    }

    @Test
    void aSlowFirstTokenSendsTheHeadersFirstInStreamsAndDelaysPlainAnswers() throws Exception {
        EMULATOR.emulator().reply("tell me", ANSWER)
                .fault(MODEL, EmulatorFault.slowFirstToken(Duration.ofMillis(1200)));
        long start = System.nanoTime();
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(http.request("/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(body(true))).build(), HttpResponse.BodyHandlers.ofInputStream());
        long headersMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        String text = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        long allMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(200, r.statusCode());
        assertTrue(headersMs < 900, "headers at once: " + headersMs);
        assertTrue(allMs >= 1100, "the first delta after the pause: " + allMs);
        assertEquals(ANSWER, content(data(text)));

        long plainStart = System.nanoTime();
        HttpResponse<String> plain = http.post("/chat/completions", body(false));
        assertTrue(Duration.ofNanos(System.nanoTime() - plainStart).toMillis() >= 1100);
        assertEquals(ANSWER, Http.parse(plain.body()).at("/choices/0/message/content").asText());
    }

    @Test
    void roleChunkOpensTheStreamWithARoleOnlyDeltaBeforeTheSlowFirstToken() throws Exception {
        EMULATOR.emulator().reply("tell me", ANSWER)
                .fault(MODEL, EmulatorFault.slowFirstToken(Duration.ofMillis(300)).roleChunk());
        String text = http.post("/chat/completions", body(true)).body();
        List<String> events = data(text);
        JsonNode first = Http.parse(events.get(0)).path("choices").path(0).path("delta");
        assertEquals("assistant", first.path("role").asText());
        assertEquals("", first.path("content").asText());
        assertEquals(2, first.size(), "role and empty content only: " + first);
        int roleChunk = text.indexOf("\"role\"");
        int firstWord = text.indexOf("\"one\"");
        assertTrue(roleChunk >= 0 && roleChunk < firstWord, "the role chunk comes before the first word");
        assertFalse(Http.parse(events.get(1)).path("choices").path(0).path("delta").has("role"),
                "the first content delta no longer carries the role");
        assertEquals(ANSWER, content(events));
    }

    @Test
    void aModelThatRefusesPrefillAnswers400OnlyToAPrefillAndAPrefillIsContinued() {
        EMULATOR.emulator().reply("tell me", ANSWER);

        HttpResponse<String> continued = http.post("/chat/completions", body(false, "one two"));
        assertEquals(200, continued.statusCode());
        assertEquals(" three four five six", Http.parse(continued.body()).at("/choices/0/message/content").asText());
        assertEquals(" three four five six", content(data(http.post("/chat/completions", body(true, "one two")).body())));

        EMULATOR.emulator().fault(MODEL, EmulatorFault.rejectsPrefill());
        HttpResponse<String> refused = http.post("/chat/completions", body(false, "one two"));
        assertEquals(400, refused.statusCode());
        assertTrue(Http.parse(refused.body()).at("/error/message").asText().contains("prefill"), refused.body());
        assertEquals(200, http.post("/chat/completions", body(false)).statusCode());

        EMULATOR.emulator().reset();
        EMULATOR.emulator().reply("tell me", ANSWER).failProvider("*", EmulatorFault.rejectsPrefill());
        assertEquals(400, http.post("/chat/completions", body(false, "one two")).statusCode(), "per provider too");
        assertEquals(200, http.post("/chat/completions", body(false)).statusCode());
    }

    @Test
    void contentFilterContextLengthAndAnOutageWindow() throws Exception {
        EMULATOR.emulator().reply("tell me", ANSWER).fault(MODEL, EmulatorFault.contentFilter().times(1));
        JsonNode filtered = Http.parse(http.post("/chat/completions", body(false)).body());
        assertEquals("content_filter", filtered.at("/choices/0/finish_reason").asText());
        assertEquals(ANSWER.substring(0, ANSWER.length() / 2), filtered.at("/choices/0/message/content").asText());

        EMULATOR.emulator().fault(MODEL, EmulatorFault.contextLength().times(1));
        HttpResponse<String> tooLong = http.post("/chat/completions", body(false));
        assertEquals(400, tooLong.statusCode());
        assertEquals("context_length_exceeded", Http.parse(tooLong.body()).at("/error/metadata/error_type").asText());

        EMULATOR.emulator().fault(MODEL, EmulatorFault.status(503).during(Duration.ofMillis(400)));
        assertEquals(503, http.post("/chat/completions", body(false)).statusCode());
        assertEquals(503, http.post("/chat/completions", body(false)).statusCode());
        Thread.sleep(500);
        assertEquals(200, http.post("/chat/completions", body(false)).statusCode(), "the outage is over");
    }

    @Test
    void noResponseLeavesTheClientToItsTimeout() {
        EMULATOR.emulator().fault(MODEL, EmulatorFault.noResponse());
        HttpRequest request = http.request("/chat/completions").timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString(body(false))).build();
        assertThrows(HttpTimeoutException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
    }
}
