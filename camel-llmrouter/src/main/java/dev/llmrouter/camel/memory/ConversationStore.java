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
