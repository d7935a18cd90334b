package dev.llmrouter.camel.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP request to send. The body is already serialized; {@code headers} hold only what the component itself
 * decided to send (never headers copied from an exchange).
 *
 * @param method          GET or POST
 * @param uri             absolute URI
 * @param headers         request headers, including {@code Authorization}
 * @param body            the JSON body, or null for GET
 * @param responseTimeout how long to wait for the answer once the request is sent; null for the client default
 * @param connectTimeout  how long to wait for a new connection; null for the client default
 * @param maxResponseSize the most bytes the answer may have (a body, or all the bytes of an event stream); more
 *                        fails the call with a {@link dev.llmrouter.camel.error.ResponseTooLargeException}
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration responseTimeout,
                       Duration connectTimeout, int maxResponseSize) {

    /** The default of {@link #maxResponseSize()} (and of option {@code maxResponseSize}): 64 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_SIZE = 64 << 20;

    public HttpCall {
        if (maxResponseSize <= 0) {
            throw new IllegalArgumentException("maxResponseSize must be more than 0");
        }
    }

    /** A call with the default response size limit. */
    public HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration responseTimeout,
                    Duration connectTimeout) {
        this(method, uri, headers, body, responseTimeout, connectTimeout, DEFAULT_MAX_RESPONSE_SIZE);
    }

    /** A call with the client's default connect timeout and the default response size limit. */
    public HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration responseTimeout) {
        this(method, uri, headers, body, responseTimeout, null);
    }

    @Override
    public String toString() {
        // never print headers: they carry the API key
        return method + " " + uri;
    }
}
