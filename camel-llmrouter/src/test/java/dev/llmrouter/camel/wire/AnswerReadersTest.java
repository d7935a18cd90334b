package dev.llmrouter.camel.wire;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written answer readers against plain Jackson: for every answer, odd and broken ones included, the shared
 * mapper must give the record Jackson gives, or fail with Jackson's exception type and message.
 */
class AnswerReadersTest {

    private static final ObjectMapper FAST = WireJson.mapper();
    private static final ObjectMapper JACKSON = WireJson.builder().build();

    /** A stream chunk: a delta with tool-call fragments, logprobs and a usage with every detail. */
    private static final String CHUNK = """
            {"id":"gen-9","object":"chat.completion.chunk","created":1733300001,"model":"openai/gpt-4o",
             "provider":"OpenAI","choices":[{"index":0,"delta":{"role":"assistant","content":null,
             "reasoning":"think","reasoning_details":[{"type":"reasoning.text","text":"think","index":0}],
             "tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\\"q"}}],
             "annotations":[{"type":"url_citation","url_citation":{"url":"https://example.org","title":"t",
             "content":"c","start_index":1,"end_index":5}}],"images":[{"type":"image_url","image_url":{"url":"data:x"}}],
             "audio":{"id":"a1","data":"AAAA","expires_at":1733309999,"transcript":"hi"},"refusal":"no"},
             "finish_reason":null,"native_finish_reason":null,
             "logprobs":{"content":[{"token":"a","logprob":-0.5,"bytes":[97],"top_logprobs":[{"token":"b","logprob":-1.5,"bytes":[98]}]}],"refusal":null}}],
             "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15,"cost":0.00012,"is_byok":true,
             "prompt_tokens_details":{"cached_tokens":2,"cache_write_tokens":3,"audio_tokens":4,"video_tokens":5},
             "completion_tokens_details":{"reasoning_tokens":1,"audio_tokens":2,"image_tokens":3,
             "accepted_prediction_tokens":4,"rejected_prediction_tokens":5},
             "cost_details":{"upstream_inference_cost":0.1,"upstream_inference_prompt_cost":0.02,
             "upstream_inference_completions_cost":0.08},
             "server_tool_use_details":{"web_search_requests":1,"tool_calls_requested":2,"tool_calls_executed":3}},
             "system_fingerprint":"fp_1","service_tier":"default","error":{"code":502,"message":"late","metadata":{"k":"v"}}}
            """;

    /** What the benchmark's stub answers: an ordinary OpenRouter completion. */
    private static final String ORDINARY = "{\"id\":\"gen-1731000000-AbCdEfGhIjKlMnOpQrSt\",\"provider\":\"OpenAI\","
            + "\"model\":\"openai/gpt-4o-mini\",\"object\":\"chat.completion\",\"created\":1731000000,"
            + "\"choices\":[{\"index\":0,\"logprobs\":null,\"finish_reason\":\"stop\",\"native_finish_reason\":\"stop\","
            + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello.\",\"refusal\":null,\"reasoning\":null}}],"
            + "\"usage\":{\"prompt_tokens\":27,\"completion_tokens\":41,\"total_tokens\":68,\"cost\":0.0000287,"
            + "\"is_byok\":false,\"prompt_tokens_details\":{\"cached_tokens\":0},"
            + "\"cost_details\":{\"upstream_inference_cost\":null},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0}},\"system_fingerprint\":\"fp_0123456789\"}";

    @Test
    void readsEveryFieldAsJacksonDoes() throws IOException {
        for (String answer : List.of(fixture("chat-all-fields-response.json"), fixture("chat-full-response.json"),
                CHUNK, ORDINARY)) {
            ChatResponse fast = FAST.readValue(answer, ChatResponse.class);
            assertEquals(JACKSON.readValue(answer, ChatResponse.class), fast);
        }
        ChatResponse chunk = FAST.readValue(CHUNK, ChatResponse.class);
        Usage usage = chunk.usage();
        assertEquals(new Usage.PromptTokensDetails(2, 3, 4, 5), usage.promptTokensDetails());
        assertEquals(new Usage.CompletionTokensDetails(1, 2, 3, 4, 5), usage.completionTokensDetails());
        assertEquals(new Usage.CostDetails(new BigDecimal("0.1"), new BigDecimal("0.02"), new BigDecimal("0.08")),
                usage.costDetails());
        assertEquals(new Usage.ServerToolUseDetails(1, 2, 3), usage.serverToolUseDetails());
        ChatResponse.Delta delta = chunk.firstChoice().delta();
        assertEquals("call_1", delta.toolCalls().get(0).id());
        assertEquals("{\"q", delta.toolCalls().get(0).function().arguments());
        assertEquals(new BigDecimal("0.00012"), usage.cost());
        assertEquals(502, chunk.error().code().asInt());
    }

    /**
     * Every component of every hand-read record, given a value of its own, is read: a component added to a record
     * and not to its reader (which still compiles when the record keeps a constructor of the old arity) fails here.
     */
    @Test
    void readsEveryComponentOfTheHandReadRecords() throws IOException {
        for (Class<?> type : List.of(ChatResponse.class, ChatResponse.Choice.class,
                ChatResponse.AssistantMessage.class, ChatResponse.Delta.class, Usage.class,
                Usage.PromptTokensDetails.class, Usage.CompletionTokensDetails.class, Usage.CostDetails.class)) {
            ObjectNode json = JACKSON.createObjectNode();
            int i = 0;
            for (RecordComponent c : type.getRecordComponents()) {
                i++;
                String name = c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
                Class<?> t = c.getType();
                if (t == String.class) {
                    json.put(name, "v" + i);
                } else if (t == Integer.class || t == Long.class) {
                    json.put(name, 100 + i);
                } else if (t == BigDecimal.class) {
                    json.put(name, new BigDecimal(i + ".25"));
                } else if (t == Boolean.class) {
                    json.put(name, true);
                } else if (t == List.class) {
                    json.putArray(name).addObject();
                } else {
                    json.putObject(name);
                }
            }
            Object fast = FAST.treeToValue(json, type);
            assertEquals(JACKSON.treeToValue(json, type), fast, type.getName());
            for (RecordComponent c : type.getRecordComponents()) {
                try {
                    assertNotNull(c.getAccessor().invoke(fast), type.getSimpleName() + "." + c.getName() + " not read");
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void coercesAndSkipsAsJacksonDoes() throws IOException {
        String odd = """
                {"id":12,"created":"1731000000","unknown":{"deep":[1,{"x":null}]},"model":null,"object":"x","object":"y",
                 "choices":[{"index":"3","message":{"role":"assistant","content":[{"type":"text","text":"a"},
                 {"type":"image_url"},{"type":"text","text":"b"}],"extra":[[]]},"finish_reason":7},null,{}],
                 "usage":{"prompt_tokens":"5","completion_tokens":3.0,"total_tokens":8,"cost":1,"is_byok":"true",
                 "prompt_tokens_details":{},"cost_details":{"upstream_inference_cost":"0.5","more":1}},
                 "openrouter_metadata":{"n":1.25,"list":[1,"a",true]}}
                """;
        ChatResponse fast = FAST.readValue(odd, ChatResponse.class);
        assertEquals(JACKSON.readValue(odd, ChatResponse.class), fast);
        assertEquals("12", fast.id());
        assertEquals("y", fast.object());
        assertEquals(1731000000L, fast.created());
        assertEquals("ab", fast.firstChoice().message().content());
        assertEquals(3, fast.firstChoice().index());
        assertNull(fast.choices().get(1));
        assertEquals(3, fast.usage().completionTokens());
        assertEquals(new BigDecimal("0.5"), fast.usage().costDetails().upstreamInferenceCost());
        assertEquals(new BigDecimal("1.25"), fast.openrouterMetadata().get("n"));
    }

    @Test
    void failsAsJacksonFails() {
        List<String> broken = List.of(
                "[]", "\"text\"", "12",
                "{\"usage\":\"x\"}", "{\"choices\":{}}", "{\"choices\":[1]}", "{\"choices\":[{\"message\":[]}]}",
                "{\"choices\":[{\"message\":\"\"}]}", "{\"usage\":{\"prompt_tokens\":99999999999}}",
                "{\"usage\":{\"prompt_tokens\":{}}}", "{\"created\":true}", "{\"usage\":{\"cost\":\"abc\"}}",
                "{\"usage\":{\"cost_details\":{\"upstream_inference_cost\":[1]}}}",
                "{\"choices\":[{\"delta\":{\"tool_calls\":{}}}]}",
                "{\"id\":\"a\",", "{\"x\":[1,}", "{\"usage\":{\"cost\":}}", "{\"id\":\"a\"} trailing",
                "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"a\"");
        for (String answer : broken) {
            same(answer);
        }
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> FAST.readValue("{\"usage\":{\"prompt_tokens\":{}}}", ChatResponse.class));
        assertEquals("usage", e.getPath().get(0).getFieldName());
        assertEquals("prompt_tokens", e.getPath().get(1).getFieldName());
    }

    /**
     * Thousands of answers made from the full ones by a random change each: a value replaced by another kind of
     * value, a field added or repeated, or the text cut short.
     */
    @Test
    void randomlyChangedAnswersReadAsJacksonReadsThem() throws IOException {
        List<String> pool = List.of("null", "7", "-7", "7.5", "1e3", "99999999999", "true", "false", "\"\"",
                "\"7\"", "\"x\"", "\"true\"", "{}", "[]", "[{}]", "[null]", "{\"a\":1}", "[{\"type\":\"text\","
                                                                              + "\"text\":\"t\"}]", "[\"x\"]");
        List<String> seeds = List.of(fixture("chat-all-fields-response.json"), CHUNK, ORDINARY);
        Random random = new Random(20261207);
        int succeeded = 0;
        int failed = 0;
        for (int i = 0; i < 3000; i++) {
            String seed = seeds.get(i % seeds.size());
            String answer;
            if (i % 10 == 9) {
                answer = seed.substring(0, random.nextInt(seed.length()));
            } else {
                JsonNode tree = JACKSON.readTree(seed);
                List<JsonNode> containers = new ArrayList<>();
                collect(tree, containers);
                JsonNode target = containers.get(random.nextInt(containers.size()));
                JsonNode value = JACKSON.readTree(pool.get(random.nextInt(pool.size())));
                if (target instanceof ObjectNode object) {
                    List<String> names = new ArrayList<>();
                    object.fieldNames().forEachRemaining(names::add);
                    if (names.isEmpty() || random.nextInt(5) == 0) {
                        object.set("added_" + random.nextInt(3), value);
                    } else {
                        object.set(names.get(random.nextInt(names.size())), value);
                    }
                } else if (target instanceof ArrayNode array && !array.isEmpty()) {
                    array.set(random.nextInt(array.size()), value);
                }
                answer = JACKSON.writeValueAsString(tree);
                if (random.nextInt(8) == 0) {
                    // a name given twice: the last value wins in both readers
                    answer = "{\"model\":\"first\"," + answer.substring(1);
                }
            }
            if (same(answer)) {
                succeeded++;
            } else {
                failed++;
            }
        }
        // the changes must reach both outcomes often, or the comparison proves little
        assertTrue(succeeded > 500 && failed > 500, succeeded + " read, " + failed + " failed");
    }

    @Test
    void readsOnlyTheAnswerRecordsByHand() throws IOException {
        for (Class<?> type : List.of(ChatResponse.class, ChatResponse.Choice.class,
                ChatResponse.AssistantMessage.class, ChatResponse.Delta.class, Usage.class,
                Usage.PromptTokensDetails.class, Usage.CompletionTokensDetails.class, Usage.CostDetails.class)) {
            assertInstanceOf(AnswerReaders.Reader.class, reader(FAST, type), type.getName());
            assertFalse(reader(JACKSON, type) instanceof AnswerReaders.Reader, type.getName());
        }
        assertFalse(reader(FAST, ErrorDetail.class) instanceof AnswerReaders.Reader);
        assertFalse(reader(FAST, Usage.ServerToolUseDetails.class) instanceof AnswerReaders.Reader);
    }

    private static Object reader(ObjectMapper mapper, Class<?> type) throws IOException {
        return ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null)
                .findRootValueDeserializer(mapper.constructType(type));
    }

    /** Whether the answer was read (both readers gave equal records) or failed (both failed alike). */
    private static boolean same(String answer) {
        Object jackson;
        try {
            jackson = JACKSON.readValue(answer, ChatResponse.class);
        } catch (IOException | RuntimeException e) {
            jackson = e;
        }
        Object fast;
        try {
            fast = FAST.readValue(answer, ChatResponse.class);
        } catch (IOException | RuntimeException e) {
            fast = e;
        }
        if (jackson instanceof Exception expected) {
            assertInstanceOf(Exception.class, fast, () -> "read what Jackson rejects: " + answer);
            assertEquals(expected.getClass(), fast.getClass(), answer);
            assertEquals(expected.getMessage(), ((Exception) fast).getMessage(), answer);
            return false;
        }
        assertEquals(jackson, fast, answer);
        return true;
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode()) {
            containers.add(node);
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), containers);
            }
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = AnswerReadersTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
