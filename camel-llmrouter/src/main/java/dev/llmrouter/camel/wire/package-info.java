/**
 * API. OpenRouter's JSON as Java records: {@code ChatRequest} and {@code ChatMessage} in, {@code ChatResponse}
 * out, and the records they hold. The helpers that read and write them ({@code RequestBodies}, {@code ContentText},
 * {@code RepeatedText}) are internal.
 */
package dev.llmrouter.camel.wire;
