package dev.llmrouter.camel.cost;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.knuddels.jtokkit.api.EncodingType;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.WireJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenEstimatorTest {

    record Fixture(String id, List<ChatMessage> messages, int o200k, int cl100k) {
    }

    static List<Fixture> fixtures = new ArrayList<>();
    final TokenEstimator estimator = TokenEstimator.defaults();

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = TokenEstimatorTest.class.getResourceAsStream("/cost/token-fixtures.json")) {
            JsonNode root = WireJson.mapper().readTree(in);
            for (JsonNode f : root.get("fixtures")) {
                List<ChatMessage> msgs = new ArrayList<>();
                for (JsonNode m : f.get("messages")) {
                    msgs.add(new ChatMessage(m.get("role").asText(), m.get("content").asText(), null, null, null));
                }
                fixtures.add(new Fixture(f.get("id").asText(), msgs, f.get("o200k_base").asInt(),
                        f.get("cl100k_base").asInt()));
            }
        }
        assertEquals(20, fixtures.size());
    }

    private static ChatRequest req(String model, List<ChatMessage> msgs) {
        return ChatRequest.builder().model(model).messages(msgs).build();
    }

    /** Stated bound: never below the true count, at most 2% above it, for OpenAI models. */
    @Test
    void openAiEstimatesAreAtLeastTheTrueCountAndWithinTwoPercent() {
        Stats o200k = new Stats();
        Stats cl100k = new Stats();
        for (Fixture f : fixtures) {
            int e = estimator.estimate(req("openai/gpt-4o-mini", f.messages));
            assertTrue(e >= f.o200k, f.id + ": " + e + " < " + f.o200k);
            assertTrue(e <= f.o200k * 1.02, f.id + ": " + e + " > 1.02 × " + f.o200k);
            o200k.add(e, f.o200k);
            int legacy = estimator.estimate(req("openai/gpt-4-turbo", f.messages));
            assertTrue(legacy >= f.cl100k && legacy <= f.cl100k * 1.02, f.id + ": " + legacy + " vs " + f.cl100k);
            cl100k.add(legacy, f.cl100k);
        }
        assertEquals(0.0, o200k.max, 1e-9);
        assertEquals(0.0, cl100k.max, 1e-9);
        System.out.println("| openai/gpt-4o-mini vs o200k truth | " + o200k + " |");
        System.out.println("| openai/gpt-4-turbo vs cl100k truth | " + cl100k + " |");
    }

    @Test
    void otherFamiliesGetTheSafetyFactorOnTopOfTheO200kCount() {
        Stats s = new Stats();
        Stats wrongEncoding = new Stats();
        Stats charsOver4 = new Stats();
        for (Fixture f : fixtures) {
            int e = estimator.estimate(req("anthropic/claude-sonnet-4.5", f.messages));
            assertEquals((int) Math.ceil(f.o200k * 1.25), e, f.id);
            s.add(e, f.o200k);
            wrongEncoding.add(f.o200k, f.cl100k);
            int chars = f.messages.stream().mapToInt(m -> ((String) m.content()).length()).sum();
            charsOver4.add((int) Math.ceil(chars / 4.0) + 3 + 4 * f.messages.size(), f.o200k);
        }
        assertTrue(s.min >= 0.25 && s.max <= 0.27, s.toString());
        System.out.println("| anthropic/* (factor 1.25) vs o200k truth | " + s + " |");
        System.out.println("| o200k count vs cl100k truth (wrong tokenizer) | " + wrongEncoding + " |");
        System.out.println("| chars/4 heuristic vs o200k truth | " + charsOver4 + " |");
    }

    @Test
    void fixtureCountsMatchTheEstimatorsRawCount() {
        for (Fixture f : fixtures) {
            assertEquals(f.o200k, estimator.rawCount("meta-llama/llama-3.3-70b-instruct", f.messages), f.id);
            assertEquals(f.cl100k, estimator.rawCount("gpt-3.5-turbo", f.messages), f.id);
        }
    }

    @Test
    void encodingAndFactorFollowTheModel() {
        assertEquals("o200k_base", estimator.encodingName("openai/gpt-4o"));
        assertEquals("o200k_base", estimator.encodingName("openai/gpt-4.1-mini"));
        assertEquals("o200k_base", estimator.encodingName("openai/o3-mini"));
        assertEquals("cl100k_base", estimator.encodingName("openai/gpt-4"));
        assertEquals("cl100k_base", estimator.encodingName("openai/gpt-3.5-turbo:nitro"));
        assertEquals("o200k_base", estimator.encodingName("anthropic/claude-haiku-4.5"));
        assertEquals(0, BigDecimal.ONE.compareTo(estimator.factor("openai/gpt-5")));
        assertEquals(0, BigDecimal.ONE.compareTo(estimator.factor("gpt-4o")));
        assertEquals(0, new BigDecimal("1.25").compareTo(estimator.factor("mistralai/mistral-small")));
        assertEquals(0, new BigDecimal("1.25").compareTo(estimator.factor("llama3.1:8b")));
        assertEquals(0, new BigDecimal("1.25").compareTo(estimator.factor(null)));
    }

    @Test
    void imagesCountAsAFixedNumberAndOnlyTextPartsAreTokenized() {
        TokenEstimator t = TokenEstimator.builder().imageTokens(1000).build();
        List<Object> parts = List.of(Map.of("type", "text", "text", "hello world"),
                Map.of("type", "image_url", "image_url", Map.of("url", "https://x/y.png")),
                Map.of("type", "input_audio", "input_audio", Map.of("data", "AAAA")));
        ChatMessage m = new ChatMessage("user", parts, null, null, null);
        int text = t.countText("openai/gpt-4o", "hello world") + t.countText("openai/gpt-4o", "user");
        assertEquals(3 + 3 + text + 1000, t.rawCount("openai/gpt-4o", List.of(m)));
    }

    @Test
    void namesAddOneTokenAndNoMessagesCountZero() {
        ChatMessage named = new ChatMessage("user", "hi", "bob", null, null);
        int plain = estimator.rawCount("openai/gpt-4o", List.of(ChatMessage.user("hi")));
        assertEquals(plain + estimator.countText("openai/gpt-4o", "bob") + 1,
                estimator.rawCount("openai/gpt-4o", List.of(named)));
        assertEquals(0, estimator.rawCount("openai/gpt-4o", List.of()));
        assertEquals(0, estimator.estimate(ChatRequest.builder().model("x/y").build()));
    }

    @Test
    void specialTokenTextIsCountedAsText() {
        int n = estimator.countText("openai/gpt-4o", "<|endoftext|>");
        assertTrue(n > 1, "special-token text should be tokenized as ordinary text: " + n);
    }

    @Test
    void builderValidates() {
        assertThrows(IllegalArgumentException.class, () -> TokenEstimator.builder().otherFactor(new BigDecimal("0.9")));
        assertThrows(IllegalArgumentException.class, () -> TokenEstimator.builder().imageTokens(-1));
        TokenEstimator cl = TokenEstimator.builder().encoding(EncodingType.CL100K_BASE).build();
        assertEquals("cl100k_base", cl.encodingName("anthropic/claude-opus-4.1"));
    }

    /** Relative error (estimate - truth) / truth. */
    static final class Stats {
        double sum;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        double maxAbs;
        int n;

        void add(int estimate, int truth) {
            double e = (estimate - truth) / (double) truth;
            sum += e;
            min = Math.min(min, e);
            max = Math.max(max, e);
            maxAbs = Math.max(maxAbs, Math.abs(e));
            n++;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "mean %+.1f%% | min %+.1f%% | max %+.1f%%",
                    100 * sum / n, 100 * min, 100 * max);
        }
    }

    /**
     * Cached counts are the encoder's counts; long texts are not kept, and the kept texts start over once they pass
     * their character budget, so the cache stays small whatever the traffic.
     */
    @Test
    void cachedTokenCountsEqualTheEncodersAndTheCacheStaysBounded() {
        com.knuddels.jtokkit.api.Encoding enc = com.knuddels.jtokkit.Encodings.newLazyEncodingRegistry()
                .getEncoding(EncodingType.O200K_BASE);
        TokenEstimator.TextCounts counts = new TokenEstimator.TextCounts();
        String prompt = "What is Apache Camel? Answer in two sentences.";
        assertEquals(enc.countTokensOrdinary(prompt), counts.count(enc, prompt));
        assertEquals(enc.countTokensOrdinary(prompt), counts.count(enc, new String(prompt)), "found by content");
        assertEquals(1, counts.size());

        String longText = "word ".repeat(TokenEstimator.TextCounts.MAX_CACHED / 5 + 1);
        assertEquals(enc.countTokensOrdinary(longText), counts.count(enc, longText));
        assertEquals(1, counts.size(), "a text over " + TokenEstimator.TextCounts.MAX_CACHED + " chars is not kept");

        String chunk = "x".repeat(10_000);
        long kept = 0;
        for (int i = 0; i < 400; i++) { // 4 M characters in all, twice the budget
            String text = i + chunk;
            assertEquals(enc.countTokensOrdinary(text), counts.count(enc, text));
            kept = Math.max(kept, counts.size() * 10_000L);
        }
        assertTrue(kept <= TokenEstimator.TextCounts.MAX_TOTAL + 10_000, "never much over the budget: " + kept);
        assertTrue(counts.size() < 400, "started over: " + counts.size());

        // the estimate of a request is the same whether its texts were counted before or not
        TokenEstimator estimator = TokenEstimator.defaults();
        ChatRequest request = ChatRequest.builder().model("openai/gpt-4o-mini")
                .messages(List.of(ChatMessage.system("You are a helpful assistant."), ChatMessage.user(prompt)))
                .build();
        int first = estimator.estimate(request);
        assertEquals(first, estimator.estimate(request));
        assertEquals(first, estimator.estimate("openai/gpt-4.1-nano", request), "same encoding, same count");
    }
}
