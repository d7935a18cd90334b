package dev.llmrouter.camel.routing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.transport.ErrorMapper;
import dev.llmrouter.camel.transport.HttpCall;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.ChatRequest;
import dev.llmrouter.camel.wire.ChatResponse;
import dev.llmrouter.camel.wire.ErrorDetail;
import dev.llmrouter.camel.wire.WireJson;

/**
 * Calls one {@link Target}: serializes the request, sends it through the shared {@link Transport}, and turns the
 * answer into a result or a typed exception. A 200 answer that carries an error ({@code error},
 * {@code choices[].error} or {@code finish_reason: error}) is a failure, as is one without a usable choice.
 * Everything per endpoint (URIs, headers) is computed once in the constructor. The callback is always called
 * exactly once, whatever goes wrong while decoding.
 */
public final class LlmClient {

    static final String CHAT = "/chat/completions";

    private final Supplier<Transport> transport;
    private final Target target;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Clock clock;
    private final URI chatUri;
    private final String chatWhat;

    /**
     * @param transport    the transport to use for each call (looked up per call, so that a restarted component
     *                     hands out its new client)
     * @param extraHeaders fixed headers to send on every call (attribution); the API key is added here
     */
    public LlmClient(Supplier<Transport> transport, Target target, Map<String, String> extraHeaders,
                     Duration requestTimeout, Clock clock) {
        this.transport = transport;
        this.target = target;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        h.putAll(extraHeaders);
        if (target.apiKey() != null) {
            h.put("Authorization", "Bearer " + target.apiKey());
        }
        this.headers = Map.copyOf(h);
        this.chatUri = target.resolve(CHAT);
        this.chatWhat = "POST " + CHAT + " at " + target.name();
    }

    public Target target() {
        return target;
    }

    /** Sends a chat completion request. */
    public void chat(ChatRequest request, ResultCallback<ChatOutcome> callback) {
        byte[] body = serialize(request, callback);
        if (body != null) {
            send(new HttpCall("POST", chatUri, headers, body, requestTimeout), chatWhat,
                    reply -> new ChatOutcome(decodeChat(reply, chatWhat)), callback);
        }
    }

    /** Sends a GET (or a POST when {@code body} is not null) and reads the answer as {@code type}. */
    public <T> void call(String path, Object body, Class<T> type, ResultCallback<T> callback) {
        byte[] bytes = null;
        if (body != null) {
            bytes = serialize(body, callback);
            if (bytes == null) {
                return;
            }
        }
        String method = body == null ? "GET" : "POST";
        int query = path.indexOf('?');
        String what = method + " " + (query < 0 ? path : path.substring(0, query)) + " at " + target.name();
        send(new HttpCall(method, target.resolve(path), headers, bytes, requestTimeout), what,
                reply -> decode(reply, what, type), callback);
    }

    private byte[] serialize(Object request, ResultCallback<?> callback) {
        try {
            return WireJson.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            callback.onFailure(new InvalidMessageException(
                    ErrorInfo.of("The request cannot be written as JSON: " + e.getOriginalMessage(), e)));
            return null;
        }
    }

    private <T> void send(HttpCall call, String what, Function<HttpReply, T> decoder, ResultCallback<T> callback) {
        transport.get().send(call, new Transport.Callback() {
            @Override
            public void onReply(HttpReply reply) {
                T result;
                try {
                    result = decoder.apply(reply);
                } catch (LlmRouterException e) {
                    callback.onFailure(e);
                    return;
                } catch (RuntimeException e) {
                    callback.onFailure(new MalformedResponseException(ErrorInfo.of(
                            "The answer of " + what + " could not be read: " + e, e)));
                    return;
                }
                callback.onSuccess(result);
            }

            @Override
            public void onFailure(LlmRouterException failure) {
                callback.onFailure(failure);
            }
        });
    }

    private <T> T decode(HttpReply reply, String what, Class<T> type) {
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

    private ChatResponse decodeChat(HttpReply reply, String what) {
        ChatResponse response = decode(reply, what, ChatResponse.class);
        if (response.error() != null) {
            throw ErrorMapper.fromDetail(response.error(), 502, what);
        }
        ChatResponse.Choice choice = response.firstChoice();
        if (choice == null) {
            throw ErrorMapper.malformed(reply, what, "the answer has no choices");
        }
        if (choice.error() != null) {
            throw ErrorMapper.fromDetail(choice.error(), 502, what);
        }
        if ("error".equals(choice.finishReason())) {
            throw ErrorMapper.fromDetail(new ErrorDetail(null, "the provider ended the answer with finish_reason"
                                                               + " 'error'", null), 502, what);
        }
        if (choice.message() == null) {
            throw ErrorMapper.malformed(reply, what, "the first choice has no message");
        }
        return response;
    }
}
