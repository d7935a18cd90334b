package dev.llmrouter.camel.wire;

import com.fasterxml.jackson.databind.ObjectReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The repeated short fields of an answer: read as before (escapes, non-ASCII, numbers, null), and a value seen
 * before is the same string instance.
 */
class RepeatedTextTest {

    private static final ObjectReader READER = WireJson.mapper().readerFor(ChatResponse.class);

    private static ChatResponse read(String model, String finish) throws Exception {
        return READER.readValue("{\"id\":\"gen-1\",\"object\":\"chat.completion\",\"model\":" + model
                                + ",\"provider\":\"Open\\u0041I\",\"choices\":[{\"index\":0,\"finish_reason\":" + finish
                                + ",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}]}");
    }

    @Test
    void valuesReadAsBeforeAndRepeatedOnesShared() throws Exception {
        ChatResponse a = read("\"openai/gpt-4.1-mini\"", "\"stop\"");
        ChatResponse b = read("\"openai/gpt-4.1-mini\"", "\"stop\"");
        assertEquals("openai/gpt-4.1-mini", a.model());
        assertEquals("OpenAI", a.provider(), "escapes are decoded");
        assertEquals("chat.completion", a.object());
        assertEquals("stop", a.firstChoice().finishReason());
        assertEquals("assistant", a.firstChoice().message().role());
        assertSame(a.model(), b.model());
        assertSame(a.provider(), b.provider());
        assertSame(a.firstChoice().finishReason(), b.firstChoice().finishReason());
        assertSame(a.firstChoice().message().role(), b.firstChoice().message().role());
        // the id is not one of them: every answer has its own
        assertNotSame(a.id(), b.id());
    }

    @Test
    void otherTokensLongAndNonAsciiValuesReadAsAnyString() throws Exception {
        assertNull(read("null", "null").model());
        assertNull(read("null", "null").firstChoice().finishReason());
        assertEquals("42", read("42", "\"length\"").model(), "a number is taken as its text, as for any string");
        String longName = "vendor/" + "m".repeat(RepeatedText.LONGEST);
        ChatResponse first = read("\"" + longName + "\"", "\"stop\"");
        ChatResponse second = read("\"" + longName + "\"", "\"stop\"");
        assertEquals(longName, first.model());
        assertNotSame(first.model(), second.model(), "a long value is not kept");
        assertEquals("modèle/中文", read("\"modèle/中文\"", "\"stop\"").model());
        // two different values one after the other are each read right
        assertEquals("openai/gpt-4o", read("\"openai/gpt-4o\"", "\"stop\"").model());
        assertEquals("openai/gpt-4o-mini", read("\"openai/gpt-4o-mini\"", "\"stop\"").model());
        assertEquals("openai/gpt-4o", read("\"openai/gpt-4o\"", "\"stop\"").model());
    }
}
