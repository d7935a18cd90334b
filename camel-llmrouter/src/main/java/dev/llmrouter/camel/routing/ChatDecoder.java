package dev.llmrouter.camel.routing;

import java.time.Clock;

import dev.llmrouter.camel.transport.ErrorMapper;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ErrorDetail;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Reads answers: an error status becomes a typed exception; a 2xx must be non-empty JSON of the expected type. A
 * chat answer must also carry a usable first choice: an {@code error} (top-level or in the choice) or
 * {@code finish_reason: error} inside a 200 is a failure.
 */
final class ChatDecoder {

    private ChatDecoder() {
    }

    static <T> T decode(HttpReply reply, String what, Class<T> type, Clock clock) {
        if (!reply.isSuccess()) {
            throw ErrorMapper.fromReply(reply, what, clock);
        }
        if (reply.body().length == 0) {
            throw ErrorMapper.malformed(reply, what, "empty body");
        }
        if (reply.contentType() != null && !reply.isJson()) {
            throw ErrorMapper.malformed(reply, what, "content type " + reply.contentType()
                                                     + ", expected application/json: " + ErrorMapper.snippet(reply.body()));
        }
        try {
            T value = WireJson.mapper().readValue(reply.body(), type);
            if (value == null) {
                throw ErrorMapper.malformed(reply, what, "the body is JSON null");
            }
            return value;
        } catch (java.io.IOException e) {
            throw ErrorMapper.malformed(reply, what, "not valid JSON (" + e.getClass().getSimpleName() + "): "
                                                     + ErrorMapper.snippet(reply.body()));
        }
    }

    static ChatResponse decodeChat(HttpReply reply, String what, Clock clock) {
        ChatResponse response = decode(reply, what, ChatResponse.class, clock);
        if (response.error() != null) {
            throw ErrorMapper.fromDetail(response.error(), 502, what);
        }
        ChatResponse.Choice choice = response.firstChoice();
        if (choice == null) {
            throw ErrorMapper.malformed(reply, what, "the answer has no choices");
        }
        checkChoice(choice, what);
        if (choice.message() == null) {
            throw ErrorMapper.malformed(reply, what, "the first choice has no message");
        }
        return response;
    }

    /** Fails for a choice that carries an error or ended with {@code finish_reason: error}. */
    static void checkChoice(ChatResponse.Choice choice, String what) {
        if (choice.error() != null) {
            throw ErrorMapper.fromDetail(choice.error(), 502, what);
        }
        if ("error".equals(choice.finishReason())) {
            throw ErrorMapper.fromDetail(new ErrorDetail(null, "the provider ended the answer with finish_reason"
                                                               + " 'error'", null), 502, what);
        }
    }
}
