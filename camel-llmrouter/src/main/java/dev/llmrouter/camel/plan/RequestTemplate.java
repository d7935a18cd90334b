package dev.llmrouter.camel.plan;

import java.util.Map;

import dev.llmrouter.camel.wire.ChatRequest;

/**
 * What an endpoint sends on every chat call, built once when the endpoint is created: the request without its
 * messages, the system prompt, the fixed HTTP headers (attribution), and how the answer becomes the body.
 *
 * @param defaults     every request field that options set; messages are left null
 * @param systemPrompt placed first when the body is a String (or a message list without a system message)
 * @param httpHeaders  extra request headers, e.g. {@code HTTP-Referer} and {@code X-OpenRouter-Title}
 * @param outputClass  the class structured output is read into, or null
 * @param fullResponse true to put the whole response in the body instead of the content
 */
public record RequestTemplate(
        ChatRequest defaults,
        String systemPrompt,
        Map<String, String> httpHeaders,
        Class<?> outputClass,
        boolean fullResponse) {
}
