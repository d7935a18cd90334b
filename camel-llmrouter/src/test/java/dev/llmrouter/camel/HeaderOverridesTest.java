package dev.llmrouter.camel;

import java.util.Map;

import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header values that must not be silently misread, and bodies that must not be sent. */
class HeaderOverridesTest extends EmulatorTestSupport {

    @Test
    void zdrHeaderAcceptsBooleansAndRefusesAnythingElse() {
        camel.send(camel.chat("model=openai/gpt-4o-mini"), "Hi", Map.of(LlmRouterConstants.ZDR, "TRUE"));
        assertTrue(EMULATOR.emulator().lastRequest().json().at("/provider/zdr").asBoolean());
        // turning zdr off is looser than the endpoint: only headerPolicy=override lets the header do it
        camel.send(camel.chat("model=openai/gpt-4o-mini&zdr=true&headerPolicy=override"), "Hi",
                Map.of(LlmRouterConstants.ZDR, false));
        assertEquals(false, EMULATOR.emulator().lastRequest().json().at("/provider/zdr").asBoolean(true));
        int calls = EMULATOR.emulator().requestCount();

        for (String bad : new String[] { "yes", "1", "maybe" }) {
            Exchange ex = camel.send(camel.chat("model=openai/gpt-4o-mini"), "Hi", Map.of(LlmRouterConstants.ZDR, bad));
            InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
            assertEquals("Invalid header: Invalid value '" + bad + "' for CamelLlmRouterZdr: expected true or false",
                    e.getMessage());
        }
        assertEquals(calls, EMULATOR.emulator().requestCount(), "nothing was sent for an invalid zdr header");
    }

    @Test
    void blankTextHeadersCountAsAbsent() {
        camel.send(camel.chat("model=openai/gpt-4o-mini&systemPrompt=Be brief."), "Hi",
                Map.of(LlmRouterConstants.MODEL, "  ", LlmRouterConstants.SYSTEM_PROMPT, "", LlmRouterConstants.USER, " "));
        assertEquals(CamelHarness.json("{\"model\":\"openai/gpt-4o-mini\",\"messages\":["
                                       + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}"),
                EMULATOR.emulator().lastRequest().json());
    }

    @Test
    void embeddingsIgnoreTheChatModelHeader() {
        camel.send(camel.endpoint("embeddings", "model=openai/text-embedding-3-small"), "hello",
                Map.of(LlmRouterConstants.MODEL, "anthropic/claude-sonnet-4.5"));
        assertEquals("openai/text-embedding-3-small", EMULATOR.emulator().lastRequest().json().get("model").asText());
    }

    @Test
    void aStreamingRequestBodyIsRefusedBeforeAnyCall() {
        ChatRequest request = ChatRequest.builder().model("openai/gpt-4o-mini").stream(true)
                .messages(java.util.List.of(ChatMessage.user("Hi"))).build();
        Exchange ex = camel.send(camel.chat(""), request);
        InvalidMessageException e = assertInstanceOf(InvalidMessageException.class, ex.getException());
        assertTrue(e.getMessage().contains("stream=true"), e.getMessage());
        assertEquals(0, EMULATOR.emulator().requestCount());
    }
}
