package dev.llmrouter.camel;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmrouter.camel.memory.ConversationHistory;
import dev.llmrouter.camel.memory.InMemoryConversationStore;
import dev.llmrouter.camel.routing.ChatStream;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.test.EmulatorFault;
import dev.llmrouter.test.RecordedCall;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conversation memory against the emulator: what each turn sends (parsed JSON, and the raw bytes of the stable
 * prefix), what is stored, trimming, the derived session id and the Anthropic cache breakpoints.
 */
class ConversationMemoryTest extends EmulatorTestSupport {

    private static final String SYSTEM = "You are the support agent of Acme. Answer in one sentence.";
    private static final String MEMORY = "model=openai/gpt-4o-mini&systemPrompt=" + SYSTEM
                                         + "&tools=#supportTools&conversationId=${header.ticket}";

    private void bindTools() {
        camel.context.getRegistry().bind("supportTools", List.of(
                Map.of("type", "function", "function", Map.of("name", "lookup_order", "description", "Finds an order",
                        "parameters", Map.of("type", "object", "properties",
                                Map.of("order", Map.of("type", "integer"))))),
                Map.of("type", "function", "function", Map.of("name", "refund", "description", "Asks for a refund",
                        "parameters", Map.of("type", "object", "properties",
                                Map.of("order", Map.of("type", "integer")))))));
    }

    private Exchange turn(String uri, String ticket, Object body) {
        Exchange e = camel.send(uri, body, Map.of("ticket", ticket));
        assertNull(e.getException(), () -> String.valueOf(e.getException()));
        return e;
    }

    private static List<String> roleAndText(JsonNode messages) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : messages) {
            JsonNode c = m.get("content");
            out.add(m.get("role").asText() + ":" + (c == null || c.isNull() ? "" : c.isTextual() ? c.asText() : c));
        }
        return out;
    }

    @Test
    void threeTurnsCarryTheEarlierTurnsAndThePrefixStaysByteIdentical() throws IOException {
        bindTools();
        EMULATOR.emulator().reply("first", "Order 7 has shipped.").reply("second", "A refund takes five days.")
                .reply("third", "You are welcome.");
        String uri = camel.chat(MEMORY);
        Exchange t1 = turn(uri, "T-1", "first: where is order 7?");
        Exchange t2 = turn(uri, "T-1", "second: how long does a refund take?");
        Exchange t3 = turn(uri, "T-1", "third: thanks");
        assertEquals("You are welcome.", t3.getMessage().getBody(String.class));
        assertEquals(0, t1.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        assertEquals(2, t2.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        assertEquals(4, t3.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));

        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(3, calls.size());
        String s = "system:" + SYSTEM;
        assertEquals(List.of(s, "user:first: where is order 7?"), roleAndText(calls.get(0).json().get("messages")));
        assertEquals(List.of(s, "user:first: where is order 7?", "assistant:Order 7 has shipped.",
                "user:second: how long does a refund take?"), roleAndText(calls.get(1).json().get("messages")));
        assertEquals(List.of(s, "user:first: where is order 7?", "assistant:Order 7 has shipped.",
                "user:second: how long does a refund take?", "assistant:A refund takes five days.",
                "user:third: thanks"), roleAndText(calls.get(2).json().get("messages")));

        // the stable prefix: the system message and the tool definitions, byte for byte as sent
        String system = rawValue(calls.get(0).body(), "/messages/0");
        String tools = rawValue(calls.get(0).body(), "/tools");
        assertTrue(system.contains(SYSTEM), system);
        assertTrue(tools.contains("\"lookup_order\"") && tools.contains("\"refund\""), tools);
        for (RecordedCall c : calls) {
            assertEquals(system, rawValue(c.body(), "/messages/0"));
            assertEquals(tools, rawValue(c.body(), "/tools"));
            // the system prompt is the very first message of the body's messages array
            assertTrue(c.body().contains("\"messages\":[" + system + ","), c.body());
        }

        // one session per conversation, derived from the id by hash; the id itself is never sent
        String session = calls.get(0).json().get("session_id").asText();
        assertEquals(ConversationHistory.sessionId("T-1"), session);
        for (RecordedCall c : calls) {
            assertEquals(session, c.json().get("session_id").asText());
            assertFalse(c.body().contains("T-1"), c.body());
        }
    }

    @Test
    void twoConversationsDoNotMixAndTheHeaderOverridesTheOption() {
        EMULATOR.emulator().reply("alpha", "Answer alpha.").reply("beta", "Answer beta.").reply("", "Answer more.");
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}");
        turn(uri, "A", "alpha question");
        turn(uri, "B", "beta question");
        turn(uri, "A", "more for A");
        // header CamelLlmRouterConversationId wins over ${header.ticket}: this turn belongs to B
        Exchange e = camel.send(uri, "more for B", Map.of("ticket", "A", LlmRouterConstants.CONVERSATION_ID, "B"));
        assertNull(e.getException());
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(List.of("user:alpha question", "assistant:Answer alpha.", "user:more for A"),
                roleAndText(calls.get(2).json().get("messages")));
        assertEquals(List.of("user:beta question", "assistant:Answer beta.", "user:more for B"),
                roleAndText(calls.get(3).json().get("messages")));
        assertEquals(ConversationHistory.sessionId("B"), calls.get(3).json().get("session_id").asText());
        assertFalse(calls.get(2).json().get("session_id").asText()
                .equals(calls.get(3).json().get("session_id").asText()));
    }

    @Test
    void withoutMemoryOptionsOnlyAnExchangeWithTheHeaderHasAConversation() {
        EMULATOR.emulator().reply("", "ok");
        String uri = camel.chat("model=openai/gpt-4o-mini");
        Exchange plain = camel.send(uri, "no conversation");
        Exchange first = camel.send(uri, "first of C", Map.of(LlmRouterConstants.CONVERSATION_ID, "C"));
        Exchange second = camel.send(uri, "second of C", Map.of(LlmRouterConstants.CONVERSATION_ID, " C "));
        Exchange blank = camel.send(uri, "blank id", Map.of(LlmRouterConstants.CONVERSATION_ID, " "));
        for (Exchange e : List.of(plain, first, second, blank)) {
            assertNull(e.getException(), () -> String.valueOf(e.getException()));
        }

        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        assertEquals(4, calls.size());
        assertEquals(List.of("user:no conversation"), roleAndText(calls.get(0).json().get("messages")));
        assertNull(calls.get(0).json().get("session_id"));
        assertNull(plain.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        assertEquals(0, first.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        assertEquals(List.of("user:first of C", "assistant:ok", "user:second of C"),
                roleAndText(calls.get(2).json().get("messages")));
        assertEquals(ConversationHistory.sessionId("C"), calls.get(2).json().get("session_id").asText());
        // a blank header is no conversation: sent as it is, nothing of C in it
        assertEquals(List.of("user:blank id"), roleAndText(calls.get(3).json().get("messages")));
        assertNull(calls.get(3).json().get("session_id"));
        assertNull(blank.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
    }

    @Test
    void aSessionIdTheUserSetIsKept() {
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&sessionId=my-session");
        turn(uri, "T-9", "hello");
        assertEquals("my-session", EMULATOR.emulator().lastRequest().json().get("session_id").asText());
    }

    @Test
    void maxHistoryMessagesLeavesOutTheOldestWholeTurns() {
        EMULATOR.emulator().reply("", "ok");
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&maxHistoryMessages=3");
        turn(uri, "T-2", "one");
        turn(uri, "T-2", "two");
        Exchange third = turn(uri, "T-2", "three");
        // four stored messages, at most three: turn one (user + answer) is left out whole
        assertEquals(2, third.getMessage().getHeader(LlmRouterConstants.HISTORY_MESSAGES));
        assertEquals(List.of("user:two", "assistant:ok", "user:three"),
                roleAndText(EMULATOR.emulator().lastRequest().json().get("messages")));
    }

    @Test
    void maxHistoryTokensLeavesOutTheOldestWholeTurns() {
        EMULATOR.emulator().reply("", "ok");
        String longText = "word ".repeat(300);
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&maxHistoryTokens=100");
        turn(uri, "T-3", "long: " + longText);
        turn(uri, "T-3", "short one");
        turn(uri, "T-3", "short two");
        // the first turn alone is over 300 tokens: it is left out, the second turn (a few tokens) is kept
        assertEquals(List.of("user:short one", "assistant:ok", "user:short two"),
                roleAndText(EMULATOR.emulator().lastRequest().json().get("messages")));
    }

    @Test
    void toolCallsAndToolResultsAreStoredAndSentTogether() {
        bindTools();
        EMULATOR.emulator().reply("order 7", "TOOL_CALL:lookup_order:{\"order\":7}")
                .reply("", "Order 7 has shipped.");
        String uri = camel.chat(MEMORY);
        Exchange call = turn(uri, "T-4", "where is order 7?");
        List<?> toolCalls = call.getMessage().getHeader(LlmRouterConstants.TOOL_CALLS, List.class);
        assertEquals(1, toolCalls.size());
        String callId = CamelHarness.JSON.valueToTree(toolCalls.get(0)).get("id").asText();
        // the route runs the tool and sends its result as the next turn
        turn(uri, "T-4", List.of(ChatMessage.tool(callId, "{\"status\":\"shipped\"}")));
        JsonNode sent = EMULATOR.emulator().lastRequest().json().get("messages");
        assertEquals(4, sent.size());
        assertEquals("user", sent.get(1).get("role").asText());
        assertEquals("assistant", sent.get(2).get("role").asText());
        assertEquals("lookup_order", sent.get(2).at("/tool_calls/0/function/name").asText());
        assertEquals(callId, sent.get(2).at("/tool_calls/0/id").asText());
        assertEquals("tool", sent.get(3).get("role").asText());
        assertEquals(callId, sent.get(3).get("tool_call_id").asText());
        // the stored history now holds the whole exchange, in order
        List<ChatMessage> stored = camel.component.runtime().conversations().load("T-4");
        assertEquals(List.of("user", "assistant", "tool", "assistant"), stored.stream().map(ChatMessage::role).toList());
        assertEquals(callId, stored.get(1).toolCalls().get(0).id());
        assertEquals(callId, stored.get(2).toolCallId());
    }

    @Test
    void aFailedCallStoresNothing() {
        EMULATOR.emulator().fault("*", EmulatorFault.status(400).message("bad request").times(1))
                .reply("", "fine");
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&maxRetries=0");
        Exchange failed = camel.send(uri, "lost question", Map.of("ticket", "T-5"));
        assertNotNull(failed.getException());
        turn(uri, "T-5", "second try");
        assertEquals(List.of("user:second try"), roleAndText(EMULATOR.emulator().lastRequest().json().get("messages")));
    }

    @Test
    void aConversationStoreBeanIsUsed() {
        InMemoryConversationStore store = new InMemoryConversationStore(10, 10);
        store.append("T-6", List.of(ChatMessage.user("earlier"), ChatMessage.assistant("earlier answer")));
        camel.context.getRegistry().bind("myStore", store);
        EMULATOR.emulator().reply("", "now");
        turn(camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&conversationStore=#myStore"),
                "T-6", "later");
        assertEquals(List.of("user:earlier", "assistant:earlier answer", "user:later"),
                roleAndText(EMULATOR.emulator().lastRequest().json().get("messages")));
        assertEquals(4, store.load("T-6").size());
        assertEquals(List.of(), camel.component.runtime().conversations().load("T-6"));
    }

    @Test
    void aStoreOfOurOwnIsStartedWithTheEndpointAndFlushedWhenItStops() throws Exception {
        java.util.List<String> lifecycle = new java.util.concurrent.CopyOnWriteArrayList<>();
        InMemoryConversationStore kept = new InMemoryConversationStore(10, 10);
        dev.llmrouter.camel.memory.ConversationStore store = new dev.llmrouter.camel.memory.ConversationStore() {
            @Override
            public List<ChatMessage> load(String conversationId) {
                return kept.load(conversationId);
            }

            @Override
            public void append(String conversationId, List<ChatMessage> messages) {
                kept.append(conversationId, messages);
            }

            @Override
            public void clear(String conversationId) {
                kept.clear(conversationId);
            }

            @Override
            public dev.llmrouter.camel.memory.ConversationStore start() {
                lifecycle.add("start");
                return this;
            }

            @Override
            public boolean flush(java.time.Duration timeout) {
                lifecycle.add("flush " + timeout.toSeconds() + "s");
                return true;
            }
        };
        camel.context.getRegistry().bind("ownStore", store);
        EMULATOR.emulator().reply("", "now");
        String uri = camel.chat("model=openai/gpt-4o-mini&conversationId=${header.ticket}&conversationStore=#ownStore");
        turn(uri, "T-70", "hello");
        assertEquals(List.of("start"), lifecycle);
        assertEquals(2, kept.load("T-70").size());
        camel.context.getEndpoint(uri).stop();
        assertEquals(List.of("start", "flush 10s"), lifecycle);
    }

    @Test
    void aStreamedAnswerIsStoredOnceTheStreamHasEnded() {
        EMULATOR.emulator().reply("first", "Streamed answer one.").reply("", "Answer two.");
        String stream = "model=openai/gpt-4o-mini&stream=true&conversationId=${header.ticket}";
        useHarness(null, new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                // the route reads the stream to its end, as a route that relays deltas does
                from("direct:read").to(camel.chat(stream)).process(e -> {
                    ChatStream s = e.getMessage().getBody(ChatStream.class);
                    StringBuilder text = new StringBuilder();
                    while (s.hasNext()) {
                        text.append(s.next());
                    }
                    e.getMessage().setBody(text.toString());
                });
                // this one closes it after the first delta
                from("direct:cut").to(camel.chat(stream)).process(e -> {
                    ChatStream s = e.getMessage().getBody(ChatStream.class);
                    s.next();
                    s.close();
                });
            }
        }, EMULATOR.baseUrl());
        Exchange first = camel.template.send("direct:read", e -> {
            e.getMessage().setBody("first question");
            e.getMessage().setHeader("ticket", "T-10");
        });
        assertEquals("Streamed answer one.", first.getMessage().getBody(String.class));
        Exchange second = camel.template.send("direct:cut", e -> {
            e.getMessage().setBody("second question");
            e.getMessage().setHeader("ticket", "T-10");
        });
        assertNull(second.getException());
        assertEquals(List.of("user:first question", "assistant:Streamed answer one.", "user:second question"),
                roleAndText(EMULATOR.emulator().lastRequest().json().get("messages")));
        // the second stream was closed before [DONE]: its turn is not stored
        assertEquals(List.of("user", "assistant"), camel.component.runtime().conversations().load("T-10").stream()
                .map(ChatMessage::role).toList());
    }

    @Test
    void aRouteClearsAConversationThroughTheStoreBean() {
        InMemoryConversationStore store = new InMemoryConversationStore();
        store.append("T-11", List.of(ChatMessage.user("old"), ChatMessage.assistant("old answer")));
        store.append("T-12", List.of(ChatMessage.user("keep"), ChatMessage.assistant("kept")));
        camel.close();
        camel = new CamelHarness(EMULATOR.baseUrl(), null, new org.apache.camel.builder.RouteBuilder() {
            @Override
            public void configure() {
                // as docs/agents.md shows it
                from("direct:closeTicket").bean("conversations", "clear(${header.ticket})");
            }
        }, r -> r.bind("conversations", store));
        camel.template.sendBodyAndHeader("direct:closeTicket", null, "ticket", "T-11");
        assertEquals(List.of(), store.load("T-11"));
        assertEquals(2, store.load("T-12").size());
    }

    @Test
    void autoCacheControlPlacesBreakpointsOnAnthropicModelsOnly() throws IOException {
        bindTools();
        EMULATOR.emulator().reply("", "ok");
        String options = "systemPrompt=" + SYSTEM + "&tools=#supportTools&autoCacheControl=true"
                         + "&conversationId=${header.ticket}";
        Exchange t1 = turn(camel.chat("model=anthropic/claude-haiku-4.5&" + options), "T-7", "first");
        Exchange t2 = turn(camel.chat("model=anthropic/claude-haiku-4.5&" + options), "T-7", "second");
        // the emulator caches per breakpoint: turn two reads the system message turn one wrote
        // (58 characters: 15 tokens + 4 per message)
        assertEquals(0, t1.getMessage().getHeader(LlmRouterConstants.CACHED_TOKENS));
        assertEquals(19, t2.getMessage().getHeader(LlmRouterConstants.CACHED_TOKENS));
        List<RecordedCall> calls = EMULATOR.emulator().chatRequests();
        for (RecordedCall c : calls) {
            JsonNode sent = c.json();
            assertEquals(CamelHarness.json("[{\"type\":\"text\",\"text\":\"" + SYSTEM
                                           + "\",\"cache_control\":{\"type\":\"ephemeral\"}}]"),
                    sent.at("/messages/0/content"));
            assertTrue(sent.at("/tools/0/cache_control").isMissingNode(), sent.toString());
            assertEquals(CamelHarness.json("{\"type\":\"ephemeral\"}"), sent.at("/tools/1/cache_control"));
            assertTrue(sent.get("cache_control") == null, "no top-level breakpoint");
        }
        // turn one has no history: two breakpoints; turn two adds one on the newest history message, not on the new one
        assertEquals(2, count(calls.get(0).body(), "cache_control"), calls.get(0).body());
        assertEquals(3, count(calls.get(1).body(), "cache_control"), calls.get(1).body());
        JsonNode second = calls.get(1).json();
        assertEquals(CamelHarness.json("[{\"type\":\"text\",\"text\":\"ok\",\"cache_control\":{\"type\":\"ephemeral\"}}]"),
                second.at("/messages/2/content"));
        assertEquals("first", second.at("/messages/1/content").asText());
        assertEquals("second", second.at("/messages/3/content").asText());
        assertEquals(rawValue(calls.get(0).body(), "/messages/0"), rawValue(calls.get(1).body(), "/messages/0"));
        assertEquals(rawValue(calls.get(0).body(), "/tools"), rawValue(calls.get(1).body(), "/tools"));

        turn(camel.chat("model=openai/gpt-4o-mini&" + options), "T-8", "first");
        RecordedCall openai = EMULATOR.emulator().lastRequest();
        assertEquals(0, count(openai.body(), "cache_control"), openai.body());
        assertEquals(SYSTEM, openai.json().at("/messages/0/content").asText());
    }

    @Test
    void badMemoryOptionsFailAtEndpointCreationNamingTheOption() {
        assertEquals("Invalid value '0' for maxHistoryMessages: must be 1 or more",
                rootMessage(camel.chat("conversationId=${header.t}&maxHistoryMessages=0")));
        assertEquals("Invalid value '-5' for maxHistoryTokens: must be 1 or more",
                rootMessage(camel.chat("conversationId=${header.t}&maxHistoryTokens=-5")));
        assertTrue(rootMessage(camel.chat("conversationId=${header.t")).startsWith(
                "Invalid value '${header.t' for conversationId: not a valid simple expression"));
    }

    private String rootMessage(String uri) {
        ResolveEndpointFailedException e = assertThrows(ResolveEndpointFailedException.class,
                () -> camel.context.getEndpoint(uri));
        // the first IllegalArgumentException of the chain (a bad expression carries the parser's failure as its cause)
        Throwable t = e;
        while (t != null && !(t instanceof IllegalArgumentException)) {
            t = t.getCause();
        }
        assertInstanceOf(IllegalArgumentException.class, t, () -> String.valueOf(e));
        return t.getMessage();
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The raw text of the JSON value at {@code pointer} (an object field path, with array indexes) in a body, as
     * the bytes were sent: read with a streaming parser that records where the value starts and ends.
     */
    static String rawValue(String body, String pointer) throws IOException {
        String[] path = pointer.substring(1).split("/");
        try (JsonParser p = new JsonFactory().createParser(body)) {
            p.nextToken();
            for (String step : path) {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (name.equals(step)) {
                            break;
                        }
                        p.skipChildren();
                    }
                } else {
                    int index = Integer.parseInt(step);
                    p.nextToken();
                    for (int i = 0; i < index; i++) {
                        p.skipChildren();
                        p.nextToken();
                    }
                }
            }
            int start = (int) p.currentTokenLocation().getCharOffset();
            p.skipChildren();
            int end = (int) p.currentLocation().getCharOffset();
            return body.substring(start, end);
        }
    }
}
