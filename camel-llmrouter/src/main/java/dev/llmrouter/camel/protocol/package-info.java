/**
 * Internal, may change. OpenRouter's protocol above plain HTTP: the configured server ({@code Target}) and its
 * dialect, decoding answers, the mapping of OpenRouter's error replies to the {@code error} types
 * ({@code ErrorMapper}), and the client for the calls that do not route ({@code OpenRouterClient}).
 */
package dev.llmrouter.camel.protocol;
