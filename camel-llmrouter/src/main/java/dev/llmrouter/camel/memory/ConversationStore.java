package dev.llmrouter.camel.memory;

import java.util.List;

import dev.llmrouter.camel.wire.ChatMessage;

/**
 * Where the history of a conversation is kept between exchanges (option {@code conversationStore}). A history is
 * the ordered list of the messages of earlier turns: user messages, the assistant's answers (with their tool calls)
 * and tool messages; never the system prompt, which the endpoint sends first on every turn.
 * <p>
 * Implementations must be thread-safe. {@link #append} may return before the messages are durable (e.g. queued
 * for a database writer), but a later {@link #load} of the same conversation on the same store instance must
 * return them. {@link #load} runs on the thread that sends the exchange, before the call; keep it short.
 */
public interface ConversationStore {

    /** The longest conversation id, in characters: an endpoint refuses a longer one before a store sees it. */
    int MAX_ID_LENGTH = 400;

    /**
     * Called when an endpoint that uses this store starts, once per endpoint (so perhaps several times): e.g. a
     * database store creates its table. Does nothing by default.
     *
     * @return this store
     */
    default ConversationStore start() {
        return this;
    }

    /**
     * Called when an endpoint that uses this store stops: a store whose {@link #append} returns before the messages
     * are durable writes them now, waiting at most {@code timeout}. Does nothing by default.
     *
     * @return true when nothing accepted is left unwritten
     */
    default boolean flush(java.time.Duration timeout) {
        return true;
    }

    /**
     * The history of a conversation, oldest message first; empty (never null) for an unknown conversation.
     *
     * @param conversationId the conversation's id (never null or blank)
     */
    List<ChatMessage> load(String conversationId);

    /**
     * Adds the messages of one finished turn to the end of a conversation's history, in order.
     *
     * @param conversationId the conversation's id (never null or blank)
     * @param messages       the turn's messages, oldest first
     */
    void append(String conversationId, List<ChatMessage> messages);

    /**
     * Forgets a conversation; nothing happens for an unknown one.
     *
     * @param conversationId the conversation's id
     */
    void clear(String conversationId);
}
