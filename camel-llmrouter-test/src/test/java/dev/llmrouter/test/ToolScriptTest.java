package dev.llmrouter.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Multi-turn tool scripts: the model's answer after a tool result, chosen by tool name and result text. */
class ToolScriptTest {

    @RegisterExtension
    static final OpenRouterEmulatorExtension EMULATOR = OpenRouterEmulatorExtension.create();

    private final Http http = new Http(EMULATOR.baseUrl());

    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"lookupOrder"}},
                     {"type":"function","function":{"name":"refund"}}]""";

    /** A conversation: the user asks, the model called {@code calls}, and the tools answered {@code results}. */
    private static String turn(String user, String calls, String results, boolean stream) {
        String tail = calls == null ? "" : ",{\"role\":\"assistant\",\"content\":null,\"tool_calls\":" + calls + "}"
                                           + results;
        return "{\"model\":\"openai/gpt-4o-mini\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\","
               + "\"content\":\"" + user + "\"}" + tail + "]," + TOOLS + "}";
    }

    private static String call(String id, String name) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
               + "\",\"arguments\":\"{}\"}}";
    }

    private static String result(String id, String text) {
        return ",{\"role\":\"tool\",\"tool_call_id\":\"" + id + "\",\"content\":\"" + text + "\"}";
    }

    @Test
    void aToolResultSelectsTheNextTurnSoTheLoopEnds() {
        EMULATOR.emulator().reply("order 42", "TOOL_CALL:lookupOrder:{\"id\":42}")
                .replyAfterTool("lookupOrder", "shipped", "Order 42 has shipped.")
                .replyAfterTool("lookupOrder", "lost", "TOOL_CALL:refund:{\"id\":42}")
                .replyAfterTool("refund", "", "Refunded.");

        JsonNode first = http.chat(turn("where is order 42?", null, null, false));
        JsonNode call = first.at("/choices/0/message/tool_calls/0");
        assertEquals("lookupOrder", call.at("/function/name").asText());
        assertEquals("{\"id\":42}", call.at("/function/arguments").asText());
        assertEquals("tool_calls", first.at("/choices/0/finish_reason").asText());

        String id = call.get("id").asText();
        JsonNode shipped = http.chat(turn("where is order 42?", "[" + call(id, "lookupOrder") + "]",
                result(id, "status: shipped"), false));
        assertEquals("Order 42 has shipped.", shipped.at("/choices/0/message/content").asText());
        assertEquals("stop", shipped.at("/choices/0/finish_reason").asText());

        // the same user text with a different result chains a second tool, then answers after it
        JsonNode lost = http.chat(turn("where is order 42?", "[" + call("c1", "lookupOrder") + "]",
                result("c1", "status: lost"), false));
        assertEquals("refund", lost.at("/choices/0/message/tool_calls/0/function/name").asText());
        JsonNode refunded = http.chat(turn("where is order 42?", "[" + call("c2", "refund") + "]",
                result("c2", "ok"), false));
        assertEquals("Refunded.", refunded.at("/choices/0/message/content").asText());
    }

    @Test
    void parallelResultsMatchAnyOfTheTrailingToolMessagesAndOtherToolsFallThrough() {
        EMULATOR.emulator().reply("both", "TOOL_CALL:lookupOrder:{}\nTOOL_CALL:refund:{}")
                .replyAfterTool("refund", "done", "Both ran.");
        String calls = "[" + call("a", "lookupOrder") + "," + call("b", "refund") + "]";
        JsonNode both = http.chat(turn("do both", calls, result("a", "found") + result("b", "done"), false));
        assertEquals("Both ran.", both.at("/choices/0/message/content").asText());

        // a result of another tool matches no tool script: the plain script answers (the model calls again)
        JsonNode again = http.chat(turn("do both", "[" + call("a", "lookupOrder") + "]", result("a", "done"), false));
        assertEquals(2, again.at("/choices/0/message/tool_calls").size());
        // with tool_choice none a script that would call a tool is passed over: the model answers in text
        JsonNode none = http.chat(turn("do both", calls, result("a", "found") + result("b", "x"), false)
                .replace("\"tools\":", "\"tool_choice\":\"none\",\"tools\":"));
        assertEquals("Echo: do both", none.at("/choices/0/message/content").asText());
        assertEquals("stop", none.at("/choices/0/finish_reason").asText());
        // a request that does not end with a tool message never uses tool scripts
        JsonNode plain = http.chat(turn("refund done?", null, null, false));
        assertEquals("Echo: refund done?", plain.at("/choices/0/message/content").asText());
    }

    @Test
    void modelScopedToolScriptsAndStreamedAnswers() {
        EMULATOR.emulator().replyAfterTool("anthropic/claude-haiku-4.5", "lookupOrder", "", "from haiku")
                .replyAfterTool("*", "", "TOOL_CALL:refund:{\"id\":7}");
        String body = turn("x", "[" + call("a", "lookupOrder") + "]", result("a", "r"), true);
        List<JsonNode> chunks = StreamingTest.chunks(http.send(http.request("/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()).body());
        StringBuilder name = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (JsonNode chunk : chunks) {
            for (JsonNode f : chunk.at("/choices/0/delta/tool_calls")) {
                name.append(f.at("/function/name").asText(""));
                args.append(f.at("/function/arguments").asText(""));
            }
        }
        assertEquals("refund", name.toString());
        assertEquals("{\"id\":7}", args.toString());
        assertEquals("tool_calls", chunks.get(chunks.size() - 2).at("/choices/0/finish_reason").asText());

        JsonNode haiku = http.chat(turn("x", "[" + call("a", "lookupOrder") + "]", result("a", "r"), false)
                .replace("openai/gpt-4o-mini", "anthropic/claude-haiku-4.5"));
        assertEquals("from haiku", haiku.at("/choices/0/message/content").asText());
    }
}
