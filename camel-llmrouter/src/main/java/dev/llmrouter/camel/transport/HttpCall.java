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
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration responseTimeout,
                       Duration connectTimeout) {

    /** A call with the client's default connect timeout. */
    public HttpCall(String method, URI uri, Map<String, String> headers, byte[] body, Duration responseTimeout) {
        this(method, uri, headers, body, responseTimeout, null);
    }

    @Override
    public String toString() {
        // never print headers: they carry the API key
        return method + " " + uri;
    }
}
