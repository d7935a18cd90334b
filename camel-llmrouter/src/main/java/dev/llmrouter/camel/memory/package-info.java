/**
 * Conversation memory. API (SPI): {@code ConversationStore}, which an application may implement to keep the
 * history of a conversation elsewhere. Everything else here ({@code InMemoryConversationStore},
 * {@code JdbcConversationStore}, {@code ConversationHistory}) is internal and may change, although the two stores
 * may be bound as beans. A lower layer: it uses the wire records only, never the component's shell.
 */
package dev.llmrouter.camel.memory;
