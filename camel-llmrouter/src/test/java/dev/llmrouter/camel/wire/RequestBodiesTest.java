package dev.llmrouter.camel.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pooled request writer: the bytes are those of the mapper, one body after another on the same writer, after a
 * write that failed half-way, for a body larger than the kept buffer, and from many threads at once.
 */
class RequestBodiesTest {

    private static ChatRequest request(int i) {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("x_custom", Map.of("n", i));
        return ChatRequest.builder()
                .model("openai/gpt-4o-mini")
                .messages(List.of(ChatMessage.system("You are terse. \u00e9\u4e2d \"quoted\" \\ back"),
                        ChatMessage.user("question " + i)))
                .temperature(0.3)
                .maxTokens(100 + i)
                .tools(List.of(Map.of("type", "function", "function", Map.of("name", "lookup", "parameters",
                        Map.of("type", "object")))))
                .metadata(Map.of("ticket", "T-" + i))
                .extra(extra)
                .build();
    }

    private static byte[] expected(Object value) throws JsonProcessingException {
        return WireJson.mapper().writeValueAsBytes(value);
    }

    @Test
    void writesTheMappersBytesBodyAfterBody() throws Exception {
        for (int i = 0; i < 50; i++) {
            ChatRequest r = request(i);
            assertArrayEquals(expected(r), RequestBodies.write(r), "body " + i);
        }
        // values of other shapes through the same writers: a map, a list, a string
        Map<String, Object> embeddings = Map.of("model", "openai/text-embedding-3-small", "input", List.of("a", "b"));
        assertArrayEquals(expected(embeddings), RequestBodies.write(embeddings));
        assertArrayEquals(expected(List.of(1, 2)), RequestBodies.write(List.of(1, 2)));
        assertArrayEquals(expected("text"), RequestBodies.write("text"));
        assertArrayEquals(expected(request(7)), RequestBodies.write(request(7)));
    }

    /** A value whose serialisation throws after the generator has opened objects around it. */
    public static final class Broken {
        public String getName() {
            return "half";
        }

        public String getFails() {
            throw new IllegalStateException("no value");
        }
    }

    @Test
    void aWriteThatFailsHalfWayThrowsAndTheNextBodiesAreWhole() throws Exception {
        for (int round = 0; round < 40; round++) {
            Map<String, Object> nested = Map.of("outer", List.of(Map.of("inner", new Broken())));
            JsonMappingException e = assertThrows(JsonMappingException.class, () -> RequestBodies.write(nested));
            assertTrue(e.getMessage().contains("no value"), e.getMessage());
            ChatRequest r = request(round);
            assertArrayEquals(expected(r), RequestBodies.write(r), "the body after failure " + round);
        }
    }

    @Test
    void aBodyLargerThanTheKeptBufferIsWrittenWholeAndSmallOnesAfterIt() throws Exception {
        String big = "x".repeat(RequestBodies.KEEP_AT_MOST * 3);
        ChatRequest large = ChatRequest.builder().model("m").messages(List.of(ChatMessage.user(big))).build();
        byte[] bytes = RequestBodies.write(large);
        assertTrue(bytes.length > RequestBodies.KEEP_AT_MOST * 3);
        assertArrayEquals(expected(large), bytes);
        for (int i = 0; i < 20; i++) {
            assertArrayEquals(expected(request(i)), RequestBodies.write(request(i)));
        }
    }

    @Test
    void manyThreadsAtOnceEachGetTheirOwnBody() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        ChatRequest r = request(thread * 1000 + i);
                        assertArrayEquals(expected(r), RequestBodies.write(r));
                        checked++;
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get();
            }
            assertEquals(32 * 300, total);
        } finally {
            pool.shutdownNow();
        }
    }
}
