package dev.llmrouter.camel.memory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.llmrouter.camel.wire.ChatMessage;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.WireJson;

/**
 * What memory does to a request, as pure functions: trimming a history by whole turns, placing it between the
 * system prompt and the new messages, deriving a session id from a conversation id, and placing Anthropic prompt
 * cache breakpoints on the stable prefix (system prompt and tool definitions).
 */
public final class ConversationHistory {

    /** The prefix of a session id derived from a conversation id. */
    public static final String SESSION_PREFIX = "llmr-";

    private static final Map<String, Object> EPHEMERAL = Map.of("type", "ephemeral");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private ConversationHistory() {
    }

    /**
     * Drops the oldest turns until at most {@code maxMessages} messages and {@code maxTokens} tokens are left. A
     * turn starts at a user message and runs to the next one (the answer, its tool calls and their tool messages
     * included), so a turn is kept or dropped whole: an assistant message with tool calls is never parted from its
     * tool messages. Messages before the first user message form a turn of their own.
     *
     * @param history     the history, oldest first
     * @param maxMessages at most this many messages; 0 or less: no limit
     * @param maxTokens   at most this many tokens as {@code tokens} counts them; 0 or less: no limit
     * @param tokens      the tokens of one message
     * @return the newest turns that fit (possibly none), oldest first
     */
    public static List<ChatMessage> trim(List<ChatMessage> history, int maxMessages, int maxTokens,
                                         ToIntFunction<ChatMessage> tokens) {
        if (history.isEmpty() || maxMessages <= 0 && maxTokens <= 0) {
            return history;
        }
        List<Integer> starts = turnStarts(history);
        long tokenSum = 0;
        if (maxTokens > 0) {
            for (ChatMessage m : history) {
                tokenSum += tokens.applyAsInt(m);
            }
        }
        int from = 0;
        int turn = 0;
        while (from < history.size()
               && (maxMessages > 0 && history.size() - from > maxMessages || maxTokens > 0 && tokenSum > maxTokens)) {
            int next = turn + 1 < starts.size() ? starts.get(turn + 1) : history.size();
            if (maxTokens > 0) {
                for (int i = from; i < next; i++) {
                    tokenSum -= tokens.applyAsInt(history.get(i));
                }
            }
            from = next;
            turn++;
        }
        return from == 0 ? history : List.copyOf(history.subList(from, history.size()));
    }

    /** The index of the first message of every turn (0 first). */
    private static List<Integer> turnStarts(List<ChatMessage> history) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 1; i < history.size(); i++) {
            if ("user".equals(history.get(i).role())) {
                starts.add(i);
            }
        }
        return starts;
    }

    /** The system messages that lead {@code messages} (the stable prefix), possibly none. */
    public static int leadingSystem(List<ChatMessage> messages) {
        int n = 0;
        while (n < messages.size() && "system".equals(messages.get(n).role())) {
            n++;
        }
        return n;
    }

    /** The messages of {@code messages} after its leading system messages: what a turn adds to the history. */
    public static List<ChatMessage> newInput(List<ChatMessage> messages) {
        return List.copyOf(messages.subList(leadingSystem(messages), messages.size()));
    }

    /** {@code messages} with {@code history} placed after the leading system messages and before the rest. */
    public static List<ChatMessage> withHistory(List<ChatMessage> messages, List<ChatMessage> history) {
        if (history.isEmpty()) {
            return messages;
        }
        int system = leadingSystem(messages);
        List<ChatMessage> out = new ArrayList<>(messages.size() + history.size());
        out.addAll(messages.subList(0, system));
        out.addAll(history);
        out.addAll(messages.subList(system, messages.size()));
        return out;
    }

    /**
     * The session id derived from a conversation id: {@value #SESSION_PREFIX} and the first 32 hex digits of the
     * SHA-256 of the id, so that the id itself (which may name a customer or a ticket) never reaches the server,
     * and one conversation always gets the same session.
     */
    public static String sessionId(String conversationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(conversationId.getBytes(StandardCharsets.UTF_8));
            return SESSION_PREFIX + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Whether prompt cache breakpoints are placed for this model: Anthropic's ({@code anthropic/...}). */
    public static boolean takesBreakpoints(String model) {
        return model != null && model.toLowerCase(Locale.ROOT).startsWith("anthropic/");
    }

    /**
     * Places {@code cache_control: {type: ephemeral}} on the last content part of the last leading system message
     * (a text content becomes one text part) and on the last tool definition. Every turn gets the same parts, so
     * the prefix stays byte-identical. A request without either is returned as it is.
     */
    public static ChatRequest withBreakpoints(ChatRequest request) {
        return withBreakpoints(request, -1);
    }

    /**
     * As {@link #withBreakpoints(ChatRequest)}, plus a third breakpoint on the last content part of message
     * {@code historyLast} (the newest history message; -1 for none), so that the history written to the cache on
     * one turn is read back on the next. A message without content (tool calls only) gets none.
     */
    public static ChatRequest withBreakpoints(ChatRequest request, int historyLast) {
        ChatRequest.Builder b = null;
        List<ChatMessage> messages = request.messages();
        int system = messages == null ? 0 : leadingSystem(messages);
        List<ChatMessage> out = null;
        for (int i : new int[] {system - 1, historyLast}) {
            if (i < 0 || i >= (messages == null ? 0 : messages.size())) {
                continue;
            }
            ChatMessage m = messages.get(i);
            Object content = markLastPart(m.content());
            if (content != null) {
                if (out == null) {
                    out = new ArrayList<>(messages);
                }
                out.set(i, new ChatMessage(m.role(), content, m.name(), m.toolCallId(), m.toolCalls(), m.reasoning(),
                        m.reasoningDetails()));
            }
        }
        if (out != null) {
            b = request.toBuilder().messages(out);
        }
        List<Object> tools = request.tools();
        if (tools != null && !tools.isEmpty()) {
            Map<String, Object> tool = asMap(tools.get(tools.size() - 1));
            if (tool != null) {
                tool.put("cache_control", EPHEMERAL);
                List<Object> marked = new ArrayList<>(tools);
                marked.set(marked.size() - 1, tool);
                b = (b == null ? request.toBuilder() : b).tools(marked);
            }
        }
        return b == null ? request : b.build();
    }

    /** The content with its last part marked; null when it has no part to mark. */
    private static Object markLastPart(Object content) {
        if (content instanceof CharSequence text) {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("type", "text");
            part.put("text", text.toString());
            part.put("cache_control", EPHEMERAL);
            return List.of(part);
        }
        if (content instanceof List<?> parts && !parts.isEmpty()) {
            Map<String, Object> last = asMap(parts.get(parts.size() - 1));
            if (last == null) {
                return null;
            }
            last.put("cache_control", EPHEMERAL);
            List<Object> out = new ArrayList<>(parts);
            out.set(out.size() - 1, last);
            return out;
        }
        return null;
    }

    /** A mutable copy of a JSON object (a Map, a JsonNode, a record or a JSON text), or null if it is none. */
    private static Map<String, Object> asMap(Object value) {
        try {
            if (value instanceof CharSequence text) {
                return WireJson.mapper().readValue(text.toString(), MAP);
            }
            return WireJson.mapper().convertValue(value, MAP);
        } catch (Exception e) {
            return null;
        }
    }
}
