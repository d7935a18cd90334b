/**
 * API. OpenRouter's JSON as Java records: {@code ChatRequest} and {@code ChatMessage} in, {@code ChatResponse}
 * out, and the records they hold.
 */
package dev.llmrouter.camel.wire;
