package dev.llmrouter.camel.protocol;

import java.time.Clock;

import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.Redactor;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ErrorDetail;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Reads answers: an error status becomes a typed exception; a 2xx must be non-empty JSON of the expected type. A
 * chat answer must also carry a usable first choice: an {@code error} (top-level or in the choice) or
 * {@code finish_reason: error} inside a 200 is a failure. Server text that goes into a failure passes the
 * {@link Redactor} of the call's keys; a body that is not valid JSON fails with Jackson's exception as the cause.
 */
public final class ChatDecoder {

    private ChatDecoder() {
    }

    /** One reader per answer type, built once: a read then skips the mapper's per-call type and deserializer lookup. */
    private static final ClassValue<com.fasterxml.jackson.databind.ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected com.fasterxml.jackson.databind.ObjectReader computeValue(Class<?> type) {
            return WireJson.mapper().readerFor(type);
        }
    };

    static <T> T decode(HttpReply reply, String what, Class<T> type, Clock clock, Redactor redactor) {
        if (!reply.isSuccess()) {
            throw ErrorMapper.fromReply(reply, what, clock, redactor);
        }
        if (reply.body().length == 0) {
            throw ErrorMapper.malformed(reply, what, "empty body");
        }
        if (reply.contentType() != null && !reply.isJson()) {
            throw ErrorMapper.malformed(reply, what, "content type " + reply.contentType()
                                                     + ", expected application/json: " + redactor.apply(ErrorMapper.snippet(reply.body())));
        }
        try {
            T value = READERS.get(type).readValue(reply.body());
            if (value == null) {
                throw ErrorMapper.malformed(reply, what, "the body is JSON null");
            }
            return value;
        } catch (java.io.IOException e) {
            // the cause is kept: Jackson's message says where and why (a limit, a syntax error); its text may
            // quote the body, but only as far as the snippet already shows
            throw ErrorMapper.malformed(reply, what, "not valid JSON (" + e.getClass().getSimpleName() + "): "
                                                     + redactor.apply(ErrorMapper.snippet(reply.body())),
                    redacted(e, redactor));
        }
    }

    /**
     * Jackson's exception, or (when its message quotes a secret, e.g. an unquoted token at the start of the body) a
     * parse exception of the same location with the message redacted.
     */
    static java.io.IOException redacted(java.io.IOException e, Redactor redactor) {
        String message = e.getMessage();
        String clean = redactor.apply(message);
        if (message == null || message.equals(clean)) {
            return e;
        }
        return new com.fasterxml.jackson.core.JsonParseException(null, clean);
    }

    public static ChatResponse decodeChat(HttpReply reply, String what, Clock clock, Redactor redactor) {
        ChatResponse response = decode(reply, what, ChatResponse.class, clock, redactor);
        if (response.error() != null) {
            throw ErrorMapper.fromDetail(response.error(), 502, what, redactor);
        }
        ChatResponse.Choice choice = response.firstChoice();
        if (choice == null) {
            throw ErrorMapper.malformed(reply, what, "the answer has no choices");
        }
        checkChoice(choice, what, redactor);
        if (choice.message() == null) {
            throw ErrorMapper.malformed(reply, what, "the first choice has no message");
        }
        return response;
    }

    /** Fails for a choice that carries an error or ended with {@code finish_reason: error}. */
    public static void checkChoice(ChatResponse.Choice choice, String what, Redactor redactor) {
        if (choice.error() != null) {
            throw ErrorMapper.fromDetail(choice.error(), 502, what, redactor);
        }
        if ("error".equals(choice.finishReason())) {
            throw ErrorMapper.fromDetail(new ErrorDetail(null, "the provider ended the answer with finish_reason"
                                                               + " 'error'", null), 502, what);
        }
    }
}
