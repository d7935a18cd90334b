package dev.llmrouter.test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The emulator's deterministic token arithmetic: a token is four characters, rounded up; every message
 * costs four tokens of overhead.
 */
final class TokenEstimator {

    static final int PER_MESSAGE = 4;

    private TokenEstimator() {
    }

    /** ceil(length / 4). */
    static int tokens(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }

    /** Sum over messages of ceil(textLength / 4) + 4. */
    static int promptTokens(JsonNode messages) {
        int total = 0;
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                total += messageTokens(m);
            }
        }
        return total;
    }

    /** One message's share of {@link #promptTokens(JsonNode)}: ceil(textLength / 4) + 4. */
    static int messageTokens(JsonNode message) {
        return tokens(text(message.get("content"))) + PER_MESSAGE;
    }

    /** max(1, ceil(length / 4)). */
    static int completionTokens(String content) {
        return Math.max(1, tokens(content));
    }

    /**
     * The text of a message content: the string itself, or the {@code text} parts joined by newlines;
     * empty for anything else.
     */
    static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                JsonNode text = part.get("text");
                if (text != null && text.isTextual() && !"image_url".equals(part.path("type").asText())) {
                    if (sb.length() > 0) {
                        sb.append('\n');
                    }
                    sb.append(text.asText());
                }
            }
        }
        return sb.toString();
    }
}
