package dev.llmrouter.camel.memory;

import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ToolCall;
import dev.llmrouter.camel.wire.WireJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trimming by whole turns, placing the history, the derived session id and the cache breakpoints. */
class ConversationHistoryTest {

    private static final ChatMessage U1 = ChatMessage.user("where is order 7?");
    private static final ChatMessage CALL = new ChatMessage("assistant", null, null, null,
            List.of(WireJson.mapper().convertValue(Map.of("id", "c1", "type", "function",
                    "function", Map.of("name", "lookup", "arguments", "{\"order\":7}")), ToolCall.class)));
    private static final ChatMessage RESULT = ChatMessage.tool("c1", "{\"status\":\"shipped\"}");
    private static final ChatMessage A1 = ChatMessage.assistant("It has shipped.");
    private static final ChatMessage U2 = ChatMessage.user("thanks, and order 8?");
    private static final ChatMessage A2 = ChatMessage.assistant("Order 8 is packed.");
    private static final List<ChatMessage> HISTORY = List.of(U1, CALL, RESULT, A1, U2, A2);

    @Test
    void trimsOldestWholeTurnsSoToolCallsKeepTheirResults() {
        // 6 messages, at most 5: the first turn has 4 messages and goes whole, never only its user message
        assertEquals(List.of(U2, A2), ConversationHistory.trim(HISTORY, 5, 0, m -> 0));
        assertEquals(List.of(U2, A2), ConversationHistory.trim(HISTORY, 2, 0, m -> 0));
        assertEquals(List.of(), ConversationHistory.trim(HISTORY, 1, 0, m -> 0));
        assertSame(HISTORY, ConversationHistory.trim(HISTORY, 6, 0, m -> 0));
        assertSame(HISTORY, ConversationHistory.trim(HISTORY, 0, 0, m -> 0));
    }

    @Test
    void trimsByTokensTheSameWay() {
        // 10 tokens a message: 60 in all; 50 leaves out the first turn (40), 19 leaves nothing (the last turn is 20)
        assertEquals(List.of(U2, A2), ConversationHistory.trim(HISTORY, 0, 50, m -> 10));
        assertSame(HISTORY, ConversationHistory.trim(HISTORY, 0, 60, m -> 10));
        assertEquals(List.of(), ConversationHistory.trim(HISTORY, 0, 19, m -> 10));
        // both limits: the tighter one wins
        assertEquals(List.of(U2, A2), ConversationHistory.trim(HISTORY, 6, 50, m -> 10));
    }

    @Test
    void historyGoesAfterTheSystemPromptAndBeforeTheNewMessages() {
        ChatMessage sys = ChatMessage.system("You help with orders.");
        ChatMessage next = ChatMessage.user("and order 9?");
        assertEquals(List.of(sys, U1, A1, next), ConversationHistory.withHistory(List.of(sys, next), List.of(U1, A1)));
        assertEquals(List.of(U1, A1, next), ConversationHistory.withHistory(List.of(next), List.of(U1, A1)));
        assertEquals(List.of(next), ConversationHistory.newInput(List.of(sys, next)));
    }

    @Test
    void sessionIdIsAStableHashNotTheId() throws Exception {
        String id = ConversationHistory.sessionId("ticket-42 of alice@example.com");
        assertEquals(id, ConversationHistory.sessionId("ticket-42 of alice@example.com"));
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                .digest("ticket-42 of alice@example.com".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("llmr-" + java.util.HexFormat.of().formatHex(sha).substring(0, 32), id);
        assertTrue(!ConversationHistory.sessionId("ticket-43").equals(id));
    }

    @Test
    void breakpointsOnTheSystemPromptsLastPartAndTheLastTool() {
        ChatRequest request = ChatRequest.builder().model("anthropic/claude-haiku-4.5")
                .messages(List.of(ChatMessage.system("Be brief."), ChatMessage.user("hi")))
                .tools(List.of(Map.of("type", "function", "function", Map.of("name", "a")),
                        Map.of("type", "function", "function", Map.of("name", "b"))))
                .build();
        var json = WireJson.mapper().valueToTree(ConversationHistory.withBreakpoints(request));
        assertEquals(WireJson.mapper().valueToTree(List.of(Map.of("type", "text", "text", "Be brief.",
                "cache_control", Map.of("type", "ephemeral")))), json.at("/messages/0/content"));
        assertEquals("hi", json.at("/messages/1/content").asText());
        assertTrue(json.at("/tools/0/cache_control").isMissingNode());
        assertEquals("ephemeral", json.at("/tools/1/cache_control/type").asText());
        // the history breakpoint: on the last part of the given message; a message without content gets none
        ChatRequest withHistory = request.toBuilder().messages(List.of(ChatMessage.system("Be brief."), U1, CALL,
                ChatMessage.user("next"))).build();
        var marked = WireJson.mapper().valueToTree(ConversationHistory.withBreakpoints(withHistory, 1));
        assertEquals("ephemeral", marked.at("/messages/1/content/0/cache_control/type").asText());
        assertEquals("next", marked.at("/messages/3/content").asText());
        var none = WireJson.mapper().valueToTree(ConversationHistory.withBreakpoints(withHistory, 2));
        assertTrue(none.at("/messages/2/content").isMissingNode(), none.toString());
        assertTrue(ConversationHistory.takesBreakpoints("anthropic/claude-sonnet-4.5"));
        assertTrue(!ConversationHistory.takesBreakpoints("openai/gpt-4o-mini"));
    }

    @Test
    void inMemoryStoreIsBoundedByConversationsAndMessages() {
        InMemoryConversationStore store = new InMemoryConversationStore(2, 4);
        store.append("a", List.of(U1, A1));
        store.append("b", List.of(U1, A1));
        store.load("a"); // a is now used more recently than b
        store.append("c", List.of(U2, A2));
        assertEquals(2, store.size());
        assertEquals(List.of(), store.load("b"));
        assertEquals(List.of(U1, A1), store.load("a"));
        store.append("a", List.of(U2, A2, ChatMessage.user("more"), ChatMessage.assistant("done")));
        // 6 messages, at most 4: the oldest turn goes whole
        assertEquals(List.of(U2, A2, ChatMessage.user("more"), ChatMessage.assistant("done")), store.load("a"));
        store.clear("a");
        assertEquals(List.of(), store.load("a"));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryConversationStore(0, 1));
    }
}
