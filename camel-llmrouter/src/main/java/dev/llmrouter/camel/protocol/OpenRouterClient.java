package dev.llmrouter.camel.protocol;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmrouter.camel.error.ErrorInfo;
import dev.llmrouter.camel.error.InvalidMessageException;
import dev.llmrouter.camel.error.LlmRouterException;
import dev.llmrouter.camel.error.MalformedResponseException;
import dev.llmrouter.camel.transport.HttpCall;
import dev.llmrouter.camel.transport.HttpReply;
import dev.llmrouter.camel.transport.Redactor;
import dev.llmrouter.camel.transport.Transport;
import dev.llmrouter.camel.wire.RequestBodies;

/**
 * Calls one {@link Target} for the operations that do not route (models, key, generation, embeddings):
 * serializes the request, sends it through the shared {@link Transport}, and turns the answer into a result or a
 * typed exception. Chat requests go through {@link ChatRouter} instead. The callback is always called exactly once,
 * whatever goes wrong while decoding.
 */
public final class OpenRouterClient {

    private final Supplier<Transport> transport;
    private final Target target;
    private final Map<String, String> headers;
    private final Duration requestTimeout;
    private final Clock clock;
    private final int maxResponseSize;
    private final Redactor redactor;

    /**
     * @param transport    the transport to use for each call (looked up per call, so that a restarted component
     *                     hands out its new client)
     * @param extraHeaders fixed headers for a target of OpenRouter's dialect (attribution); the API key is added
     */
    public OpenRouterClient(Supplier<Transport> transport, Target target, Map<String, String> extraHeaders,
                     Duration requestTimeout, Clock clock) {
        this(transport, target, extraHeaders, requestTimeout, clock, HttpCall.DEFAULT_MAX_RESPONSE_SIZE);
    }

    /** A client whose answers may have at most {@code maxResponseSize} bytes. */
    public OpenRouterClient(Supplier<Transport> transport, Target target, Map<String, String> extraHeaders,
                     Duration requestTimeout, Clock clock, int maxResponseSize) {
        this.maxResponseSize = maxResponseSize;
        this.redactor = Redactor.of(java.util.Collections.singletonList(target.apiKey()));
        this.transport = transport;
        this.target = target;
        this.requestTimeout = requestTimeout;
        this.clock = clock;
        this.headers = target.headers("application/json", extraHeaders);
    }

    public Target target() {
        return target;
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
        send(new HttpCall(method, target.resolve(path), headers, bytes, requestTimeout, null, maxResponseSize), what,
                reply -> ChatDecoder.decode(reply, what, type, clock, redactor), callback);
    }

    private byte[] serialize(Object request, ResultCallback<?> callback) {
        try {
            return RequestBodies.write(request);
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
}
