package dev.llmrouter.camel.memory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.llmrouter.camel.wire.ChatMessage;

/**
 * Histories kept in this JVM, bounded twice: at most {@code maxConversations} conversations (the one used least
 * recently is forgotten first) and at most {@code maxMessagesPerConversation} messages per conversation (the oldest
 * whole turns go first, so that an assistant message with tool calls never loses its tool messages). Thread-safe;
 * every operation holds one lock for the time of a map access and a list copy.
 */
public final class InMemoryConversationStore implements ConversationStore {

    /** The default number of conversations kept. */
    public static final int DEFAULT_MAX_CONVERSATIONS = 10_000;
    /** The default number of messages kept per conversation. */
    public static final int DEFAULT_MAX_MESSAGES = 200;

    private final int maxConversations;
    private final int maxMessages;
    private final LinkedHashMap<String, List<ChatMessage>> histories;

    /** A store with the default bounds. */
    public InMemoryConversationStore() {
        this(DEFAULT_MAX_CONVERSATIONS, DEFAULT_MAX_MESSAGES);
    }

    /**
     * @param maxConversations           how many conversations are kept, at least 1
     * @param maxMessagesPerConversation how many messages a conversation keeps, at least 1
     */
    public InMemoryConversationStore(int maxConversations, int maxMessagesPerConversation) {
        if (maxConversations < 1) {
            throw new IllegalArgumentException("maxConversations must be at least 1 but was " + maxConversations);
        }
        if (maxMessagesPerConversation < 1) {
            throw new IllegalArgumentException(
                    "maxMessagesPerConversation must be at least 1 but was " + maxMessagesPerConversation);
        }
        this.maxConversations = maxConversations;
        this.maxMessages = maxMessagesPerConversation;
        this.histories = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<ChatMessage>> eldest) {
                return size() > InMemoryConversationStore.this.maxConversations;
            }
        };
    }

    @Override
    public List<ChatMessage> load(String conversationId) {
        synchronized (histories) {
            List<ChatMessage> h = histories.get(conversationId);
            return h == null ? List.of() : List.copyOf(h);
        }
    }

    @Override
    public void append(String conversationId, List<ChatMessage> messages) {
        if (messages == null || messages.isEmpty()) {
            return;
        }
        synchronized (histories) {
            List<ChatMessage> h = histories.get(conversationId);
            List<ChatMessage> next = new ArrayList<>(h == null ? List.of() : h);
            next.addAll(messages);
            histories.put(conversationId, ConversationHistory.trim(next, maxMessages, 0, m -> 0));
        }
    }

    @Override
    public void clear(String conversationId) {
        synchronized (histories) {
            histories.remove(conversationId);
        }
    }

    /** How many conversations are kept now. */
    public int size() {
        synchronized (histories) {
            return histories.size();
        }
    }
}
